using System.Reflection;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace UnitTests.Timing;

/// <summary>
/// Run-time statistics (docs/spec/scheduler.md §34) on the simulated board with exact tick values:
/// blocking time (priority inversion) under inheritance with a medium task present, hand-offs,
/// waits on more urgent holders, boosts by inheritance and by a ceiling, CPU time, and the reads.
/// </summary>
public class UnitTestTaskStatistics
{
    private static TaskStatistics Read(SimKernel s, TaskControlBlock t)
    {
        var st = new TaskStatistics();
        Assert.Equal(KernelStatus.Ok, s.K.ReadStatistics(t, st));
        Assert.Same(t, st.Task);
        return st;
    }

    /// <summary>
    /// L (10) locks bus at 0 and burns 4; H (1, periodic T = 20, offset 1) locks bus; M (5) wakes at 2 and burns 5.
    /// 1. Tick 1: H is released, blocks on bus (inversion opens: L is less urgent), L inherits 1.
    /// 2. Tick 2: M wakes but cannot preempt L at 1. L unlocks at 4: H is handed the mutex, its interval closes: 3 ticks.
    /// 3. H runs 4..5 and completes at 5 (response 4); M runs 5..10.
    /// H: worst blocking 3, total 3, one inversion; L: one boost; M: no blocking.
    /// </summary>
    [Fact]
    public void Blocking_under_inheritance_with_a_medium_task_is_the_owner_section_only()
    {
        using var s = new SimKernel();
        var bus = new RtMutex(s.K, "bus");
        var l = s.Task("L", 10, () => { bus.Lock(); s.K.Busy(4); bus.Unlock(); s.K.Busy(1); });
        var m = s.Task("M", 5, () => { s.K.Sleep(2); s.K.Busy(5); });
        var h = new PeriodicProbe(s, "H", 1, new PeriodicOptions { Period = 20, Offset = 1 }, _ => 1,
            _ => Assert.Equal(KernelStatus.Ok, bus.Lock()));
        s.Ticks(12);
        var hs = h.Stats();
        Assert.Equal((3L, 3L, 1), (hs.WorstBlocking, hs.TotalBlocking, hs.Inversions));
        Assert.Equal(4, hs.WorstResponse);
        Assert.Equal(0, hs.Boosts);
        var ls = Read(s, l);
        Assert.Equal(1, ls.Boosts);
        Assert.Equal(5, ls.CpuTicks);
        Assert.Equal(0, ls.TotalBlocking);
        var ms = Read(s, m);
        Assert.Equal((0L, 5L), (ms.TotalBlocking, ms.CpuTicks));
        Assert.False(ms.IsPeriodic);
        Assert.Equal((0, 0, -1L), (ms.JobsReleased, ms.JobsCompleted, ms.WorstResponse));
    }

    /// <summary>
    /// L (10) holds bus 0..5; H1 (3) blocks at 1, H2 (1) at 2; L's unlock at 5 hands bus to H2, which holds it 5..7.
    /// H1 waited 1..7, but only 1..5 behind a less urgent owner: its blocking is 4 (the hand-off to the more
    /// urgent H2 ended its interval); H2's is 3. Neither is periodic: worst = longest single interval.
    /// </summary>
    [Fact]
    public void A_handoff_to_a_more_urgent_waiter_ends_the_inversion_of_the_others()
    {
        using var s = new SimKernel();
        var bus = new RtMutex(s.K, "bus");
        s.Task("L", 10, () => { bus.Lock(); s.K.Busy(5); bus.Unlock(); });
        var h1 = s.Task("H1", 3, () => { s.K.Sleep(1); bus.Lock(); s.Log.Add("H1@" + s.K.Now); bus.Unlock(); });
        var h2 = s.Task("H2", 1, () => { s.K.Sleep(2); bus.Lock(); s.K.Busy(2); bus.Unlock(); });
        s.Ticks(10);
        Assert.Equal(new[] { "H1@7" }, s.Log);
        var a = Read(s, h1);
        Assert.Equal((4L, 4L, 1), (a.WorstBlocking, a.TotalBlocking, a.Inversions));
        var b = Read(s, h2);
        Assert.Equal((3L, 3L, 1), (b.WorstBlocking, b.TotalBlocking, b.Inversions));
    }

    /// <summary>
    /// A hand-off to a waiter that is boosted but less urgent by its normal priority starts an inversion for the
    /// others: X (5), H (8), W (10), P (25).
    /// 1. Tick 0: H locks m and sleeps 4; W blocks on m (H is more urgent: no inversion); P locks n, blocks on m (none).
    /// 2. Tick 1: X blocks on n held by P (inversion for X); P inherits 5 and becomes m's top waiter.
    /// 3. Tick 4: H hands m to P (eff 5, normal 25): W now waits for a less urgent owner: its interval opens.
    /// 4. P burns 2 and unlocks m at 6 (W's interval closes: 2), then n (X's closes: 5).
    /// </summary>
    [Fact]
    public void A_handoff_to_a_less_urgent_owner_opens_the_inversion_of_the_others()
    {
        using var s = new SimKernel();
        var m = new RtMutex(s.K, "m");
        var n = new RtMutex(s.K, "n");
        var x = s.Task("X", 5, () => { s.K.Sleep(1); n.Lock(); s.Log.Add("X@" + s.K.Now); n.Unlock(); });
        var h = s.Task("H", 8, () => { m.Lock(); s.K.Sleep(4); m.Unlock(); });
        var w = s.Task("W", 10, () => { m.Lock(); s.Log.Add("W@" + s.K.Now); m.Unlock(); });
        var p = s.Task("P", 25, () => { n.Lock(); m.Lock(); s.K.Busy(2); m.Unlock(); n.Unlock(); });
        s.Ticks(10);
        Assert.Equal(new[] { "X@6", "W@6" }, s.Log);   // both served at 6; X is the more urgent
        Assert.Equal((2L, 1), (Read(s, w).TotalBlocking, Read(s, w).Inversions));
        Assert.Equal((5L, 1), (Read(s, x).TotalBlocking, Read(s, x).Inversions));
        Assert.Equal(0, Read(s, p).TotalBlocking);
        Assert.Equal(0, Read(s, h).TotalBlocking);
        Assert.Equal(1, Read(s, p).Boosts);
    }

    /// <summary>L (10) waits 3 ticks for bus held by H (1): waiting for a more urgent owner is not inversion.</summary>
    [Fact]
    public void Waiting_for_a_more_urgent_owner_is_not_blocking()
    {
        using var s = new SimKernel();
        var bus = new RtMutex(s.K, "bus");
        s.Task("H", 1, () => { bus.Lock(); s.K.Sleep(3); bus.Unlock(); });
        var l = s.Task("L", 10, () => { bus.Lock(); s.Log.Add("L@" + s.K.Now); bus.Unlock(); });
        s.Ticks(5);
        Assert.Equal(new[] { "L@3" }, s.Log);
        var st = Read(s, l);
        Assert.Equal((0L, 0L, 0), (st.WorstBlocking, st.TotalBlocking, st.Inversions));
    }

    /// <summary>
    /// L (10) and H (1) are periodic (T = 10; H offset 1). Each job of L locks a and b, burns 2, unlocks a, burns 1,
    /// unlocks b. Each job of H, released while L holds both, locks a (waits 1..2), then b (waits 2..3), burns 1:
    /// its job blocking is the sum of its two intervals, 2; over two jobs the total is 4 in 4 intervals; every
    /// response is 3 (release 1, completion 4).
    /// </summary>
    [Fact]
    public void A_jobs_blocking_is_the_sum_of_its_intervals()
    {
        using var s = new SimKernel();
        var a = new RtMutex(s.K, "a");
        var b = new RtMutex(s.K, "b");
        s.K.CreatePeriodicTask("L", 10, () =>
        {
            while (true)
            {
                s.K.WaitForNextPeriod();
                a.Lock(); b.Lock(); s.K.Busy(2); a.Unlock(); s.K.Busy(1); b.Unlock();
            }
        }, new PeriodicOptions { Period = 10 });
        var h = new PeriodicProbe(s, "H", 1, new PeriodicOptions { Period = 10, Offset = 1 }, _ => 1, _ =>
        {
            a.Lock(); b.Lock(); a.Unlock(); b.Unlock();
        });
        s.Ticks(20);
        var st = h.Stats();
        Assert.Equal(2, st.JobsCompleted);
        Assert.Equal((2L, 4L, 4), (st.WorstBlocking, st.TotalBlocking, st.Inversions));
        Assert.Equal(3, st.WorstResponse);
    }

    /// <summary>
    /// A ceiling mutex raises its owner at lock: L (10) locks c (ceiling 2): one boost; H (1) never waits for it.
    /// </summary>
    [Fact]
    public void A_ceiling_raise_counts_as_a_boost()
    {
        using var s = new SimKernel();
        var c = new RtMutex(s.K, "c", new RtMutexOptions { Ceiling = 2 });
        var l = s.Task("L", 10, () => { c.Lock(); s.K.Busy(2); c.Unlock(); });
        s.Ticks(3);
        Assert.Equal(1, Read(s, l).Boosts);
    }

    /// <summary>
    /// A read from the driver between driver calls runs nothing (not a preemption point), even with a task halted
    /// at the target tick and ready; a task reads another's figures while it runs; the idle task can be read.
    /// </summary>
    [Fact]
    public void Reads_run_nothing_and_any_task_can_be_read()
    {
        using var s = new SimKernel();
        var spin = s.Task("spin", 10, () => s.K.Busy(100));
        TaskStatistics seen = new();
        s.Task("reader", 1, () => { s.K.Sleep(3); s.K.ReadStatistics(spin, seen); });
        s.Ticks(5);
        Assert.Equal(TaskState.Ready, spin.State);   // halted at 5
        var st = Read(s, spin);
        Assert.Equal(5, st.CpuTicks);
        Assert.Equal(5L, s.K.Now);
        st = Read(s, spin);
        Assert.Equal(5, st.CpuTicks);
        Assert.Equal(5L, s.K.Now);
        Assert.Equal((3L, 3L), (seen.ReadAt, seen.CpuTicks));
        var idle = Read(s, s.K.Idle);
        Assert.Equal(-1, idle.CpuMicros);   // the simulated board has no finer clock
    }

    /// <summary>The checker sees a broken record: an inversion interval open on a task that waits for nothing.</summary>
    [Fact]
    public void The_timing_checker_reports_a_broken_record()
    {
        using var s = new SimKernel();
        var t = s.Task("T", 5, () => s.K.Sleep(5));
        s.Run();
        var inversionSince = typeof(TaskControlBlock).GetField("inversionSince", BindingFlags.NonPublic | BindingFlags.Instance);
        inversionSince.SetValue(t, 0L);
        var e = Assert.Throws<KernelFaultException>(() => s.K.CheckInvariants());
        Assert.Contains("T: inversion interval open but not waiting for an rt-mutex", e.Message);
        inversionSince.SetValue(t, -1L);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// Only a periodic task has a periodic record: one snapshot read for a periodic task (job figures set) and
    /// then for a task that is not one carries none of the first task's job figures over.
    /// </summary>
    [Fact]
    public void A_snapshot_reused_for_a_task_that_is_not_periodic_carries_no_job_figures()
    {
        using var s = new SimKernel();
        var h = new PeriodicProbe(s, "H", 1, period: 4, compute: 3, deadline: 2, offset: 0, overrun: OverrunPolicy.CatchUp);
        var m = s.Task("M", 5, () => s.K.Busy(2));
        s.Ticks(9);
        var into = new TaskStatistics();
        Assert.Equal(KernelStatus.Ok, s.K.ReadStatistics(h.Task, into));
        Assert.True(into.IsPeriodic);
        Assert.Equal((4, 2, OverrunPolicy.CatchUp), (into.Period, into.Deadline, into.Overrun));
        Assert.True(into.JobsCompleted > 0 && into.DeadlinesMissed > 0 && into.WorstResponse > 0 && into.JobInProgress);
        Assert.Equal(KernelStatus.Ok, s.K.ReadStatistics(m, into));
        Assert.Same(m, into.Task);
        Assert.Equal((false, 0, 0, OverrunPolicy.Skip), (into.IsPeriodic, into.Period, into.Deadline, into.Overrun));
        Assert.Equal((0, 0, 0, 0), (into.JobsReleased, into.JobsCompleted, into.DeadlinesMissed, into.ReleasesSkipped));
        Assert.Equal((-1L, -1L, false, false), (into.LastResponse, into.WorstResponse, into.JobInProgress, into.Overdue));
        Assert.Equal((-1L, -1L), (into.JobRelease, into.NextRelease));
        Assert.Equal(2L, into.CpuTicks);
    }
}
