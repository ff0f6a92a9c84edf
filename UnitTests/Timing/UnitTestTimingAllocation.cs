using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Timing;

/// <summary>
/// Periodic tasks and the statistics allocate nothing per period, per switch, per tick or per read
/// (docs/spec/scheduler.md §33-§34), measured like the other allocation tests (<see cref="AllocationRig"/>:
/// bare kernel on the simulated board, both CAS flavours, no trace sink, checks off): four periodic
/// tasks — one that reads its own and another's statistics every job and takes a contended rt-mutex
/// (inversion intervals, boosts, hand-offs), one that holds it, one that overruns every fifth job under
/// Skip and one under CatchUp (misses, skips, back-to-back jobs; every fifth job takes 25 ticks of a 20-tick period) — run a warm-up, then a window of
/// <see cref="Window"/> ticks. <see cref="GC.GetAllocatedBytesForCurrentThread"/> summed over every thread
/// that ran kernel code in the window (each task's, and the driver's, which runs the ticks while idle) must be 0.
/// </summary>
public class UnitTestTimingAllocation
{
    private const int Warmup = 2_000;
    private const int Window = 20_000;

    public static TheoryData<string> Boards => AllocationRig.Boards;

    [Theory]
    [MemberData(nameof(Boards))]
    public void Periods_switches_ticks_and_reads_allocate_nothing(string board) => AllocationRig.AllocatesNothing(Window, () => Measure(board));

    private static long Measure(string board)
    {
        Scheduler k = AllocationRig.NewKernel(board);
        var bus = new RtMutex(k, "bus");
        long start = Warmup, end = Warmup + Window;
        var bytes = new long[4];
        var begun = new long[4];
        var phase = new int[4];   // 0 before the window, 1 inside, 2 measured
        int misses = 0, reads = 0;
        void Mark(int i)
        {
            long now = k.Now;
            if (phase[i] == 0 && now >= start) { begun[i] = GC.GetAllocatedBytesForCurrentThread(); phase[i] = 1; }
            else if (phase[i] == 1 && now >= end) { bytes[i] = GC.GetAllocatedBytesForCurrentThread() - begun[i]; phase[i] = 2; }
        }
        TaskControlBlock holder = null;
        var mine = new TaskStatistics();
        var other = new TaskStatistics();
        k.CreatePeriodicTask("reader", 1, () =>
        {
            while (true)
            {
                k.WaitForNextPeriod();
                Mark(0);
                if (k.ReadStatistics(k.Current, mine) == KernelStatus.Ok && k.ReadStatistics(holder, other) == KernelStatus.Ok) reads++;
                bus.Lock();
                k.Busy(1);
                bus.Unlock();
            }
        }, new PeriodicOptions { Period = 10, Offset = 1 });
        holder = k.CreatePeriodicTask("holder", 3, () =>
        {
            while (true)
            {
                k.WaitForNextPeriod();
                Mark(1);
                bus.Lock();
                k.Busy(2);
                bus.Unlock();
            }
        }, new PeriodicOptions { Period = 10 });
        for (int i = 2; i < 4; i++)
        {
            int me = i;
            var policy = i == 2 ? OverrunPolicy.Skip : OverrunPolicy.CatchUp;
            k.CreatePeriodicTask(policy.ToString(), 3 + i, () =>
            {
                for (int job = 0; ; job++)
                {
                    if (k.WaitForNextPeriod() == KernelStatus.DeadlineMissed) misses++;
                    Mark(me);
                    k.Busy(job % 5 == 4 ? 25 : 1);   // load 0.29 each; with the others 0.88
                }
            }, new PeriodicOptions { Period = 20, Overrun = policy });
        }
        Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(Warmup));
        long driverBefore = GC.GetAllocatedBytesForCurrentThread();
        KernelStatus run = k.AdvanceTicks(Window);
        long driver = GC.GetAllocatedBytesForCurrentThread() - driverBefore;
        Assert.Equal(KernelStatus.Ok, run);
        Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(20));   // every task passes the window's end once more
        var st = new TaskStatistics();
        Assert.Equal(KernelStatus.Ok, k.ReadStatistics(k.TaskById(1), st));
        TaskControlBlock f = k.FirstFaultedTask();
        k.Shutdown();
        if (f != null) throw new Xunit.Sdk.XunitException($"task {f.Name} threw: {f.Fault}");
        Assert.All(phase, p => Assert.Equal(2, p));
        Assert.True(misses > 200 && reads > 1000, $"misses {misses}, reads {reads}");
        Assert.True(st.TotalBlocking > 0 && st.Inversions > 1000, $"blocking {st.TotalBlocking} in {st.Inversions}");
        return driver + bytes.Sum();
    }
}
