using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Benchmarks;

/// <summary>
/// A kernel on the simulated board whose driver (idle) context is the thread that creates it —
/// BenchmarkDotNet's thread, which runs [GlobalSetup], the benchmark methods and [GlobalCleanup].
/// Invariant checking and the trace sink are off: this is the steady-state configuration.
/// <para>Only a kernel task may lock an rt-mutex, and a task runs on its own thread (baton passing),
/// so a benchmark that measures task-side code posts it: <see cref="AddWorker"/> creates a task that
/// waits on an event and runs a fixed loop each time it is signalled; <see cref="Run"/> signals it
/// from the driver and returns once the kernel is idle again. That costs two host thread switches
/// per invocation, amortised over the loop's iterations (OperationsPerInvoke).</para>
/// </summary>
public sealed class KernelHost
{
    public readonly Scheduler K;

    public KernelHost(BoardProfile profile, int maxTasks = 128)
    {
        var cfg = new KernelConfig { PriorityLevels = 140, MaxTasks = maxTasks, CheckInvariants = false };
        K = new Scheduler(cfg, new SimulatedBoard(profile));
        K.RunUntilIdle();   // starts dispatching: tasks created from now on run at once
    }

    /// <summary>Creates a task that runs <paramref name="loop"/> each time the returned event is signalled.</summary>
    public KernelEvent AddWorker(string name, int priority, Action loop)
    {
        var go = new KernelEvent(K);
        TaskControlBlock t = K.CreateTask(name, priority, () =>
        {
            while (true)
            {
                go.Wait(-1);
                loop();
            }
        });
        if (t == null) throw new InvalidOperationException("CreateTask " + name);
        return go;
    }

    /// <summary>Signals <paramref name="go"/> from the driver; returns when every task is blocked again.</summary>
    public void Run(KernelEvent go)
    {
        go.Signal();        // switches to the worker at once (the driver is the idle task)
        K.RunUntilIdle();
    }

    /// <summary>Throws if a task body failed (a benchmark must not silently measure a dead task).</summary>
    public void ThrowIfFaulted()
    {
        TaskControlBlock f = K.FirstFaultedTask();
        if (f != null) throw new InvalidOperationException("task " + f.Name + " threw: " + f.Fault);
    }

    public void Shutdown() => K.Shutdown();
}
