using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Harness;

/// <summary>
/// A kernel on the simulated board, driven by the thread that creates it (the idle task).
/// Tests use it with invariant checking on and the trace recorded; benchmarks with both off (the
/// steady-state configuration). Task threads hand the CPU over through <see cref="SpinParkGate"/>s unless
/// another gate factory is given. Task bodies may append to <see cref="Log"/> (safe: exactly one task
/// thread runs at a time). Dispose shuts the kernel down, joins every task thread, and rethrows the
/// first exception a task body threw.
/// </summary>
public sealed class SimKernel : IDisposable
{
    public readonly SimulatedBoard Board;
    public readonly Scheduler K;
    public readonly TraceRecorder Trace;
    public readonly List<string> Log = new();

    public SimKernel(int levels = 32, BoardProfile profile = null, int timeSlice = 0, int maxTasks = 128, int maxChainDepth = 1024,
        bool checkInvariants = true, bool recordTrace = true, int watchdogMs = -1, ITaskGateFactory gates = null, int shutdownTimeoutMs = -1)
    {
        Board = new SimulatedBoard(profile ?? BoardProfiles.Stm32);
        Board.UseGates(gates ?? new SpinParkGate.Factory());   // the host's fast hand-off (docs/BENCHMARKS.md)
        var cfg = new KernelConfig
        {
            PriorityLevels = levels, CheckInvariants = checkInvariants, DefaultTimeSlice = timeSlice, MaxTasks = maxTasks,
            TraceCapacity = 4096, MaxChainDepth = maxChainDepth,
        };
        if (watchdogMs >= 0) cfg.WatchdogMs = watchdogMs;
        if (shutdownTimeoutMs > 0) cfg.ShutdownTimeoutMs = shutdownTimeoutMs;
        K = new Scheduler(cfg, Board);
        if (recordTrace)
        {
            Trace = new TraceRecorder();
            K.Trace.Sink = Trace;
        }
    }

    /// <summary>Creates a task; throws <see cref="HarnessException"/> naming the status when the kernel refuses.</summary>
    public TaskControlBlock Task(string name, int prio, Action body, TaskOptions options = TaskOptions.None, int slice = 0)
    {
        var t = K.CreateTask(name, prio, () => body(), options, slice, out var err);
        if (t == null) throw new HarnessException($"CreateTask {name}: {err}");
        return t;
    }

    /// <summary>Runs the tasks until none is ready, then rethrows a task body's exception.</summary>
    public void Run()
    {
        K.RunUntilIdle();
        ThrowTaskFaults();
    }

    /// <summary>Advances virtual time by <paramref name="n"/> ticks, then rethrows a task body's exception.</summary>
    public void Ticks(int n)
    {
        KernelStatus r = K.AdvanceTicks(n);
        if (r != KernelStatus.Ok) throw new HarnessException($"AdvanceTicks({n}) returned {r}");
        ThrowTaskFaults();
    }

    /// <summary>Throws <see cref="HarnessException"/> if a task body threw.</summary>
    public void ThrowTaskFaults()
    {
        var f = K.FirstFaultedTask();
        if (f != null) throw new HarnessException($"task {f.Name} threw: {f.Fault}");
    }

    /// <summary>
    /// Creates a task that runs <paramref name="loop"/> each time the returned event is signalled (a
    /// benchmark's way to run task-side code from the driver: see <see cref="RunWorker"/>).
    /// </summary>
    public KernelEvent AddWorker(string name, int priority, Action loop)
    {
        var go = new KernelEvent(K, name + ":go");
        Task(name, priority, () =>
        {
            while (true)
            {
                go.Wait(-1);
                loop();
            }
        });
        return go;
    }

    /// <summary>Signals a worker's event from the driver; returns when every task is blocked again.</summary>
    public void RunWorker(KernelEvent go)
    {
        go.Signal();        // makes the worker ready: a call from the driver never dispatches (docs/spec/scheduler.md §35)
        K.RunUntilIdle();
    }

    public void Dispose()
    {
        K.Shutdown();
        ThrowTaskFaults();
    }
}
