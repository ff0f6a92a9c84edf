using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace UnitTests.Support;

/// <summary>
/// What the allocation tests share: a bare kernel on the simulated board (not SimKernel: no trace
/// sink, invariant checks off, the steady-state configuration), running it to the end, and the
/// "one clean window of three" rule. A path that allocates per cycle shows bytes in EVERY window, so
/// one clean window proves it allocation-free; the retries only absorb a rare one-off runtime
/// allocation under full-suite load.
/// </summary>
public static class AllocationRig
{
    public static TheoryData<string> Boards => new() { BoardProfiles.Stm32.Name, BoardProfiles.Stm32M0.Name };

    public static Scheduler NewKernel(string board)
    {
        var cfg = new KernelConfig { PriorityLevels = 32, CheckInvariants = false };
        var k = new Scheduler(cfg, new SimulatedBoard(BoardProfiles.Find(board)));
        Assert.Null(k.Trace.Sink);
        return k;
    }

    /// <summary>Runs the kernel until every task has finished, shuts it down, rethrows a task fault.</summary>
    public static void RunToEnd(Scheduler k)
    {
        Assert.Equal(KernelStatus.Ok, k.RunUntilIdle());
        TaskControlBlock f = k.FirstFaultedTask();
        k.Shutdown();
        if (f != null) throw new Xunit.Sdk.XunitException($"task {f.Name} threw: {f.Fault}");
        for (int id = 1; id <= k.TaskCount; id++)
        {
            TaskControlBlock t = k.TaskById(id);
            Assert.True(t.State == TaskState.Dead, $"{t.Name} did not finish: {t.State} on {t.WaitingOn}; {k.Now} ticks");
        }
    }

    /// <summary>Passes when one of up to three measured windows (each a fresh kernel) allocated 0 bytes.</summary>
    public static void AllocatesNothing(int cycles, Func<long> measure)
    {
        var seen = new List<long>();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            long bytes = measure();
            if (bytes == 0) return;
            seen.Add(bytes);
        }
        Assert.Fail($"every measured window allocated: {string.Join(", ", seen)} bytes over {cycles} cycles each");
    }
}
