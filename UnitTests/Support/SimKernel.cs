using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace UnitTests.Support;

/// <summary>
/// A kernel on the simulated board, invariant checking on, trace recorded, and a shared log
/// that task bodies append to (safe: exactly one task thread runs at a time). Dispose shuts
/// the kernel down, joins every task thread, and rethrows the first exception a task body threw.
/// </summary>
public sealed class SimKernel : IDisposable
{
    public readonly SimulatedBoard Board;
    public readonly Scheduler K;
    public readonly TraceRecorder Trace = new();
    public readonly List<string> Log = new();

    public SimKernel(int levels = 32, BoardProfile profile = null, int timeSlice = 0, int maxTasks = 128, int maxChainDepth = 1024)
    {
        Board = new SimulatedBoard(profile ?? BoardProfiles.Stm32);
        var cfg = new KernelConfig { PriorityLevels = levels, CheckInvariants = true, DefaultTimeSlice = timeSlice, MaxTasks = maxTasks, TraceCapacity = 4096, MaxChainDepth = maxChainDepth };
        K = new Scheduler(cfg, Board);
        K.Trace.Sink = Trace;
    }

    public TaskControlBlock Task(string name, int prio, Action body, TaskOptions options = TaskOptions.None, int slice = 0)
    {
        var t = K.CreateTask(name, prio, () => body(), options, slice, out var err);
        Assert.True(t != null, $"CreateTask {name}: {err}");
        return t;
    }

    public void Run()
    {
        K.RunUntilIdle();
        ThrowTaskFaults();
    }

    public void Ticks(int n)
    {
        Assert.Equal(KernelStatus.Ok, K.AdvanceTicks(n));
        ThrowTaskFaults();
    }

    public void ThrowTaskFaults()
    {
        var f = K.FirstFaultedTask();
        if (f != null) throw new Xunit.Sdk.XunitException($"task {f.Name} threw: {f.Fault}");
    }

    public void Dispose()
    {
        K.Shutdown();
        ThrowTaskFaults();
    }
}
