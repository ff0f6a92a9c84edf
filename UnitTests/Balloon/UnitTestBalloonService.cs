using NfRt.Kernel;
using NfRt.Memory;

namespace UnitTests.Balloon;

/// <summary>
/// The balloon service beyond the spec's eight scenarios: the floor, the byte/KiB helpers, the
/// optional backoff, the stall event, the single timer, the rt-mutex (serialisation and priority
/// inheritance), the driver allowance, snapshot consistency, and set-up validation.
/// </summary>
public class UnitTestBalloonService
{
    private sealed class StallRecorder : IBalloonObserver
    {
        public readonly List<int> Retries = new();
        public void OnStall(BalloonService service, int retries) => Retries.Add(retries);
    }

    /// <summary>
    /// MinReservation 6. a. Current 10 (target 10), target 2 → stored 6, shrinks to 6.
    /// b. Current 4 (target 4), target 1 → stored 4: the floor never forces growth.
    /// </summary>
    [Fact]
    public void Balloon_floor_limits_shrinking_but_never_forces_growth()
    {
        using var r = new BalloonRig(20);
        var a = r.Partition("a", 10, 10);
        var b = r.Partition("b", 10, 4);
        var sa = r.Service(a, new BalloonConfig { MinReservation = 6 });
        var sb = r.Service(b, new BalloonConfig { MinReservation = 6 });
        r.Run();

        Assert.Equal(MemoryStatus.Ok, sa.SetTarget(2));
        r.Run();
        Assert.Equal((6, 6), (sa.Target, sa.Current));
        Assert.Equal(MemoryStatus.Ok, sa.SetTarget(8));
        r.Run();
        Assert.Equal((8, 8), (sa.Target, sa.Current));

        Assert.Equal(MemoryStatus.Ok, sb.SetTarget(1));
        r.Run();
        Assert.Equal((4, 4), (sb.Target, sb.Current));
        Assert.Equal(MemoryStatus.Ok, sb.SetTarget(0));
        r.Run();
        Assert.Equal((4, 4), (sb.Target, sb.Current));
        Assert.False(sb.RetryArmed);
        Assert.Equal(0, sb.Snapshot().GrowRequests);
    }

    [Fact]
    public void Balloon_byte_and_KiB_helpers_round_down_to_whole_blocks()
    {
        using var r = new BalloonRig(40);
        var p = r.Partition("p", 40, 0);
        var svc = r.Service(p);
        r.Run();
        Assert.Equal(64, svc.BlockSize);
        Assert.Equal(MemoryStatus.Ok, svc.SetTargetBytes(5 * 64 + 63));
        r.Run();
        Assert.Equal(5, svc.Target);
        Assert.Equal(5, svc.Current);
        Assert.Equal(320L, svc.CurrentBytes);
        Assert.Equal(0L, svc.CurrentKiB);
        Assert.Equal(MemoryStatus.Ok, svc.SetTargetKiB(1));       // 1024 / 64 = 16 blocks
        r.Run();
        Assert.Equal(16, svc.Current);
        Assert.Equal(1L, svc.CurrentKiB);
        Assert.Equal(MemoryStatus.Ok, svc.SetTargetBytes(63));    // less than one block
        r.Run();
        Assert.Equal(0, svc.Current);
    }

    /// <summary>
    /// Backoff on (RetryPeriod 100, MaxRetryPeriod 800), pool empty, target above Current:
    /// retries at 100, 300, 700, 1500, 2300 (period 200, 400, 800, 800); the host frees 1 block;
    /// the retry at 2300 makes progress → the period is back to 100 (next retry at 2400).
    /// </summary>
    [Fact]
    public void Balloon_optional_backoff_doubles_without_progress_and_resets_on_progress()
    {
        using var r = new BalloonRig(10);
        var p = r.Partition("p", 10, 0);
        r.HostTakes(10);
        var svc = r.Service(p, new BalloonConfig { RetryPeriod = 100, RetryBackoff = true, MaxRetryPeriod = 800 });
        r.Run();
        svc.SetTarget(5);
        r.Run();
        var dues = new List<long> { svc.RetryDueTick };
        long[] expect = { 100, 300, 700, 1500, 2300 };
        while (r.K.Now < 2299)
        {
            r.Ticks(1);
            if (svc.RetryDueTick != dues[^1]) dues.Add(svc.RetryDueTick);
        }
        Assert.Equal(expect, dues);
        Assert.Equal(800, svc.Snapshot().RetryPeriodNow);
        r.HostFrees(1);
        r.Ticks(1);
        var c = svc.Snapshot();
        Assert.Equal(1, c.Current);
        Assert.Equal(100, c.RetryPeriodNow);
        Assert.Equal(2400L, c.RetryDueTick);
        Assert.Equal(0, c.NoProgressRetries);
    }

    [Fact]
    public void Balloon_backoff_is_off_by_default_and_the_period_is_one_second()
    {
        using var r = new BalloonRig(4);
        var p = r.Partition("p", 10, 0);
        r.HostTakes(4);
        var svc = r.Service(p);
        Assert.Equal(1000, svc.RetryPeriod);            // board TickRateHz
        Assert.False(svc.RetryBackoff);
        r.Run();
        svc.SetTarget(3);
        r.Run();
        for (int i = 1; i <= 5; i++)
        {
            r.Ticks(1000);
            Assert.Equal(1000L * (i + 1), svc.RetryDueTick);
            Assert.Equal(1000, svc.Snapshot().RetryPeriodNow);
        }
    }

    /// <summary>
    /// StallReportRetries 3, RetryPeriod 10: one stall event after the 3rd retry without progress,
    /// none for the next 10; progress resets the episode; 3 more empty retries → a second event.
    /// </summary>
    [Fact]
    public void Balloon_stall_is_reported_once_per_episode_and_routine_retries_are_not()
    {
        using var r = new BalloonRig(10);
        var p = r.Partition("p", 10, 0);
        r.HostTakes(10);
        var svc = r.Service(p, new BalloonConfig { RetryPeriod = 10, StallReportRetries = 3 });
        var rec = new StallRecorder();
        svc.Observer = rec;
        r.Run();
        svc.SetTarget(5);
        r.Run();
        r.Ticks(30);
        Assert.Equal(new[] { 3 }, rec.Retries);
        r.Ticks(100);
        Assert.Equal(new[] { 3 }, rec.Retries);
        Assert.Equal(13, svc.Snapshot().NoProgressRetries);
        r.HostFrees(1);
        r.Ticks(10);
        Assert.Equal(0, svc.Snapshot().NoProgressRetries);
        r.Ticks(30);
        Assert.Equal(new[] { 3, 3 }, rec.Retries);
        Assert.Equal(2, svc.Snapshot().StallEvents);
    }

    /// <summary>
    /// One timer, re-armed, never stacked: a target set at tick 500 while the retry is due at 1000
    /// re-arms it to 1500; nothing runs at 1000; exactly one run at 1500.
    /// </summary>
    [Fact]
    public void Balloon_retry_timer_is_rearmed_never_stacked()
    {
        using var r = new BalloonRig(4);
        var p = r.Partition("p", 10, 0);
        r.HostTakes(4);
        var svc = r.Service(p);
        r.Run();
        svc.SetTarget(3);
        r.Run();
        Assert.Equal(1000L, svc.RetryDueTick);
        r.Ticks(500);
        svc.SetTarget(4);
        r.Run();
        Assert.Equal(2, svc.Snapshot().Runs);
        Assert.Equal(1500L, svc.RetryDueTick);
        r.Ticks(500);
        Assert.Equal(2, svc.Snapshot().Runs);
        r.Ticks(500);
        Assert.Equal(3, svc.Snapshot().Runs);
        Assert.Equal(1, svc.Snapshot().Retries);
        Assert.Equal(2500L, svc.RetryDueTick);
    }

    /// <summary>
    /// A stalled grow redirected: the target drops below Current → the worker shrinks at once, the
    /// timer is cancelled when the target is reached, nothing more runs.
    /// </summary>
    [Fact]
    public void Balloon_new_target_redirects_a_stalled_grow_and_cancels_the_timer()
    {
        using var r = new BalloonRig(8);
        var p = r.Partition("p", 10, 6);              // pool: 6 held, 2 free
        var svc = r.Service(p);
        r.Run();
        svc.SetTarget(10);
        r.Run();
        Assert.Equal(8, svc.Current);
        Assert.True(svc.RetryArmed);
        r.Ticks(3000);
        svc.SetTarget(3);
        r.Run();
        var c = svc.Snapshot();
        Assert.Equal(3, c.Current);
        Assert.False(c.RetryArmed);
        Assert.Equal(0, c.NoProgressRetries);
        int runs = c.Runs;
        r.Ticks(5000);
        Assert.Equal(runs, svc.Snapshot().Runs);
    }

    /// <summary>
    /// Empty slots by class: max 10 (4 fast). Full, then shrink to 3: the free stack hands back
    /// slots 9..3 → 1 fast and 6 slow slots empty. Grow by 2: the fast slot is refilled first.
    /// </summary>
    [Fact]
    public void Balloon_refill_prefers_fast_slots_and_counters_split_empty_slots()
    {
        using var r = new BalloonRig(10);
        var p = r.Partition("p", 10, 10, fastSlots: 4);
        var svc = r.Service(p);
        r.Run();
        svc.SetTarget(3);
        r.Run();
        var c = svc.Snapshot();
        Assert.Equal((3, 1, 6), (c.Current, c.EmptyFast, c.EmptySlow));
        svc.SetTarget(5);
        r.Run();
        c = svc.Snapshot();
        Assert.Equal((5, 0, 5), (c.Current, c.EmptyFast, c.EmptySlow));
        Assert.Equal(c.Maximum, c.Current + c.EmptyFast + c.EmptySlow);
    }

    /// <summary>
    /// The worker (priority 30) is serialised by its rt-mutex with priority inheritance.
    /// 1. target set; the worker runs its first step (2 of 6 blocks), then, mid-run with the mutex
    ///    held, burns 3 ticks (what a preemption does on hardware).
    /// 2. tick 1: H (2) and M (10) wake; H preempts the worker and blocks on the balloon mutex:
    ///    the worker is boosted to 2, so M (ready) cannot preempt it.
    /// 3. the worker finishes its run (6 blocks) and unlocks: H owns the mutex, then M runs;
    ///    the worker is back at 30.
    /// </summary>
    [Fact]
    public void Balloon_worker_is_serialised_by_an_rt_mutex_with_priority_inheritance()
    {
        using var r = new BalloonRig(10);
        var p = r.Partition("p", 10, 0);
        var svc = r.Service(p, new BalloonConfig { MaxBatch = 2, WorkerPriority = 30 });
        var log = r.Sim.Log;
        var hook = new BusyOnceHook(r, log);
        svc.stepHook = hook;
        r.Sim.Task("H", 2, () =>
        {
            r.K.Sleep(1);
            log.Add("H locks");
            Assert.Equal(KernelStatus.Ok, svc.Mutex.Lock());
            log.Add("H owns, Current " + svc.Current);
            Assert.Equal(KernelStatus.Ok, svc.Mutex.Unlock());
        });
        r.Sim.Task("M", 10, () =>
        {
            r.K.Sleep(1);
            log.Add("M runs");
        });
        svc.SetTarget(6);
        r.Run();
        Assert.Equal(new[] { "worker step 1", "H locks", "worker at 2 after burning", "H owns, Current 6", "M runs" }, log);
        Assert.Equal(30, svc.Worker.EffectivePriority);
        Assert.Equal(6, svc.Current);
        Assert.True(svc.Worker.Boosts >= 1);
    }

    private sealed class BusyOnceHook : IBalloonStepHook
    {
        private readonly BalloonRig _r;
        private readonly List<string> _log;
        private bool _done;
        public BusyOnceHook(BalloonRig r, List<string> log) { _r = r; _log = log; }
        public void AfterStep(BalloonService s)
        {
            if (_done) return;
            _done = true;
            _log.Add("worker step 1");
            _r.K.Busy(3);
            _log.Add("worker at " + s.Worker.EffectivePriority + " after burning");
        }
    }

    /// <summary>
    /// A task holding the balloon mutex keeps the worker out: the target is set, the worker wakes
    /// and blocks on the mutex; nothing moves until the task unlocks at tick 100.
    /// </summary>
    [Fact]
    public void Balloon_holding_the_mutex_defers_the_worker_run()
    {
        using var r = new BalloonRig(10);
        var p = r.Partition("p", 10, 0);
        var svc = r.Service(p);
        r.Sim.Task("T", 10, () =>
        {
            Assert.Equal(KernelStatus.Ok, svc.Mutex.Lock());
            svc.SetTarget(4);
            r.K.Sleep(100);
            Assert.Equal(0, svc.Current);
            Assert.Equal(svc.Worker, svc.Mutex.TopWaiter);
            Assert.Equal(KernelStatus.Ok, svc.Mutex.Unlock());
        });
        r.Run();
        Assert.Equal(0, svc.Current);
        r.Ticks(100);
        Assert.Equal(4, svc.Current);
    }

    [Fact]
    public void Balloon_driver_allowance_is_reported_only()
    {
        using var r = new BalloonRig(10);
        var p = r.Partition("p", 10, 4);
        var svc = r.Service(p);
        r.Run();
        var before = svc.Snapshot();
        Assert.Equal(MemoryStatus.Ok, svc.UpdateDriverAllowance(5));
        Assert.Equal(MemoryStatus.Ok, svc.UpdateDriverAllowance(-2));
        Assert.Equal(MemoryStatus.NegativeCount, svc.UpdateDriverAllowance(-4));
        Assert.Equal(MemoryStatus.Unrepresentable, svc.UpdateDriverAllowance(int.MaxValue));
        r.Run();
        var c = svc.Snapshot();
        Assert.Equal(3, c.DriverBlocks);
        Assert.Equal(before.Current, c.Current);
        Assert.Equal(before.Target, c.Target);
        Assert.Equal(before.Runs, c.Runs);
        Assert.Equal(6, r.Pool.FreeCount);
    }

    /// <summary>
    /// An urgent reader task takes a snapshot on every tick of scenario 8; each one is internally
    /// consistent (taken in one critical section): slots add up, the clamp, the timer, the counts.
    /// </summary>
    [Fact]
    public void Balloon_counters_are_one_consistent_snapshot()
    {
        using var r = new BalloonRig(14);
        var a = r.Partition("A", 10, 10);
        var b = r.Partition("B", 10, 4);
        var sa = r.Service(a);
        var sb = r.Service(b);
        var user = new PartitionUser(r, a, "A-user");
        var snap = new BalloonCounters();
        int reads = 0;
        r.Sim.Task("reader", 1, () =>
        {
            while (true)
            {
                foreach (var s in new[] { sa, sb })
                {
                    Assert.Equal(MemoryStatus.Ok, s.ReadCounters(snap));
                    Assert.Equal(snap.Maximum, snap.Current + snap.EmptyFast + snap.EmptySlow);
                    Assert.Equal(Math.Min(snap.Target, snap.Maximum), snap.EffectiveTarget);
                    Assert.Equal(snap.Target > snap.Maximum, snap.TargetClamped);
                    Assert.Equal(snap.Tick, r.K.Now);
                    if (snap.RetryArmed) Assert.True(snap.RetryDueTick > snap.Tick && snap.RetryDueTick <= snap.Tick + 1000);
                    else Assert.Equal(-1L, snap.RetryDueTick);
                    Assert.True(snap.GrantedBlocks <= snap.GrowRequestedBlocks);
                    Assert.True(snap.ReturnedBlocks <= snap.ShrinkRequestedBlocks);
                    reads++;
                }
                r.K.Sleep(1);
            }
        });
        r.Run();
        user.Allocate(r, 10);
        sa.SetTarget(4);
        sb.SetTarget(100);
        r.Run();
        for (int i = 0; i < 4; i++) { r.Ticks(500); user.Free(r, 2); r.Ticks(500); }
        Assert.Equal(4, sa.Current);
        Assert.Equal(10, sb.Current);
        Assert.True(reads > 2 * 4000, "reads " + reads);
        Assert.Equal(MemoryStatus.InvalidArgument, sa.ReadCounters(null));
    }

    [Fact]
    public void Balloon_set_up_validates_its_configuration()
    {
        using var r = new BalloonRig(10);
        var p = r.Partition("p", 10, 0);
        Assert.Contains("MaxBatch", Assert.ThrowsAny<ArgumentException>(() => r.Service(p, new BalloonConfig { MaxBatch = 0 })).Message);
        Assert.Contains("RetryPeriod", Assert.ThrowsAny<ArgumentException>(() => r.Service(p, new BalloonConfig { RetryPeriod = -1 })).Message);
        Assert.Contains("MinReservation", Assert.ThrowsAny<ArgumentException>(() => r.Service(p, new BalloonConfig { MinReservation = -1 })).Message);
        Assert.Contains("WorkerPriority", Assert.ThrowsAny<ArgumentException>(() => r.Service(p, new BalloonConfig { WorkerPriority = 32 })).Message);
        Assert.Contains("StallReportRetries", Assert.ThrowsAny<ArgumentException>(() => r.Service(p, new BalloonConfig { StallReportRetries = 0 })).Message);
        Assert.ThrowsAny<ArgumentException>(() => new BalloonService(null, p, new BalloonConfig()));
        Assert.ThrowsAny<ArgumentException>(() => new BalloonService(r.K, null, new BalloonConfig()));
        Assert.ThrowsAny<ArgumentException>(() => new BalloonService(r.K, p, null));
        Assert.Equal(0, r.K.TaskCount);

        var svc = r.Service(p);
        Assert.Equal(31, svc.Worker.NormalPriority);                   // least urgent level by default
        Assert.ThrowsAny<ArgumentException>(() => r.Service(p));          // one service per partition
        var q = r.Partition("q", 4, 0);
        Assert.Equal(20, r.Service(q, new BalloonConfig { WorkerPriority = 20 }).Worker.NormalPriority);
        r.Run();
    }
}
