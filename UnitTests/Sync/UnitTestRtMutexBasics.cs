using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>First rt-mutex behaviours: fast path, one-level PI, hand-off, misuse.</summary>
public class UnitTestRtMutexBasics
{
    [Fact]
    public void Uncontended_lock_and_unlock_use_the_fast_path_only()
    {
        using var s = new SimKernel();
        var m = new RtMutex(s.K, "m");
        s.Task("t", 5, () =>
        {
            Assert.Equal(KernelStatus.Ok, m.Lock());
            Assert.Equal(s.K.Current.Id << RtMutex.OwnerShift, m.OwnerWord);
            Assert.Equal(KernelStatus.Ok, m.Unlock());
            Assert.Equal(0, m.OwnerWord);
        });
        s.Run();
        Assert.Equal(0, m.System.Counters.SlowLocks);
    }

    /// <summary>
    /// 1. L (prio 20) locks m.   2. H (prio 5) wakes, locks m, blocks: L boosted to 5.
    /// 3. L unlocks: H is pending owner, preempts L, completes the take; L back to 20.
    /// </summary>
    [Fact]
    public void One_level_priority_inheritance_and_handoff()
    {
        using var s = new SimKernel();
        var m = new RtMutex(s.K, "m");
        NfRt.Kernel.TaskControlBlock low = null, high = null;
        high = s.Task("H", 5, () =>
        {
            s.K.Sleep(1);
            s.Log.Add("H locks");
            Assert.Equal(KernelStatus.Ok, m.Lock());
            s.Log.Add("H owns");
            Assert.Equal(20, low.EffectivePriority);
            Assert.Equal(KernelStatus.Ok, m.Unlock());
        });
        low = s.Task("L", 20, () =>
        {
            Assert.Equal(KernelStatus.Ok, m.Lock());
            s.Log.Add("L owns");
            s.K.Busy(2);                      // the tick wakes H, which blocks on m and boosts L
            s.Log.Add("L boosted to " + low.EffectivePriority);
            Assert.Equal(KernelStatus.Ok, m.Unlock());
            s.Log.Add("L released");
        });
        s.Run();
        Assert.Equal(new[] { "L owns", "H locks", "L boosted to 5", "H owns", "L released" }, s.Log);
        Assert.Equal(20, low.EffectivePriority);
        Assert.Equal(1, m.System.Counters.Boosts);
        Assert.Equal(1, m.System.Counters.Handoffs);
    }

    [Fact]
    public void Misuse_is_rejected_without_state_change()
    {
        using var s = new SimKernel();
        var m = new RtMutex(s.K, "m");
        s.Task("owner", 5, () =>
        {
            Assert.Equal(KernelStatus.InvalidArgument, m.Unlock());   // free
            Assert.Equal(KernelStatus.Ok, m.Lock());
            Assert.Equal(KernelStatus.Deadlock, m.Lock());            // self-lock never hangs
            Assert.Equal(KernelStatus.Deadlock, m.LockTimed(0, false));  // not TimedOut: self-lock is reported first
            Assert.Equal(KernelStatus.Deadlock, m.LockInterruptible(false));
            s.K.Sleep(5);
            Assert.Equal(KernelStatus.Ok, m.Unlock());
            Assert.Equal(KernelStatus.Ok, m.Destroy());
            Assert.Equal(KernelStatus.Destroyed, m.Lock());
            Assert.Equal(KernelStatus.Destroyed, m.Unlock());
            Assert.False(m.TryLock());
        });
        s.Task("other", 6, () =>
        {
            int before = m.OwnerWord;
            Assert.Equal(KernelStatus.NotOwner, m.Unlock());
            Assert.Equal(before, m.OwnerWord);
        });
        s.Run();
        s.Ticks(5);
        Assert.Equal(KernelStatus.WrongContext, m.Lock());            // the driver (idle) may not lock
    }

    /// <summary>
    /// ABBA without detection: the deadlock is allowed to form (docs/spec/rtmutex.md §13 "global" invariant),
    /// the checker accepts it, both tasks stay blocked, and shutdown still joins their threads.
    /// 1. T1 (5) locks A, sleeps.  2. T2 (10) locks B, then A: blocks, T1 boosted? no (T2 less urgent).
    /// 3. T1 wakes, locks B: blocks; T2 boosted to 5 via B. Cycle T1 → B → T2 → A → T1.
    /// </summary>
    [Fact]
    public void Deadlock_without_detection_is_allowed_to_form_and_checked()
    {
        using var s = new SimKernel();
        var a = new RtMutex(s.K, "A");
        var b = new RtMutex(s.K, "B");
        NfRt.Kernel.TaskControlBlock t1 = null, t2 = null;
        t1 = s.Task("T1", 5, () => { a.Lock(); s.K.Sleep(1); b.Lock(); s.Log.Add("T1 never"); });
        t2 = s.Task("T2", 10, () => { b.Lock(); a.Lock(); s.Log.Add("T2 never"); });
        s.Run();
        Assert.Equal(10, t2.EffectivePriority);
        s.Ticks(1);
        Assert.Empty(s.Log);
        Assert.Same(t1, a.OwnerTask);
        Assert.Same(t2, b.OwnerTask);
        Assert.Equal(5, t2.EffectivePriority);
        Assert.Equal(5, t1.EffectivePriority);
        Assert.Equal(NfRt.Kernel.TaskState.Blocked, t1.State);
        Assert.Equal(NfRt.Kernel.TaskState.Blocked, t2.State);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// A detecting lock onto an existing deadlock (a cycle that does not pass through the caller)
    /// is reported after at most one step per task, not after MaxChainDepth masked steps.
    /// 1. T1 holds A, T2 holds B; both block crosswise without detection (allowed deadlock).
    /// 2. T3 locks A with detection: Deadlock; the walk took at most TaskCount + 1 steps.
    /// </summary>
    [Fact]
    public void Detecting_lock_onto_an_existing_cycle_is_reported_without_walking_to_the_depth_limit()
    {
        using var s = new SimKernel();
        var a = new RtMutex(s.K, "A");
        var b = new RtMutex(s.K, "B");
        s.Task("T1", 5, () => { a.Lock(); s.K.Sleep(1); b.Lock(); });
        s.Task("T2", 10, () => { b.Lock(); a.Lock(); });
        s.Run();
        s.Ticks(1);
        var c = a.System.Counters;
        int stepsBefore = c.ChainWalkSteps;
        KernelStatus r = KernelStatus.Ok;
        s.Task("T3", 3, () => r = a.LockInterruptible(true));
        s.Run();
        Assert.Equal(KernelStatus.Deadlock, r);
        Assert.Equal(0, c.DepthLimitHits);
        Assert.InRange(c.ChainWalkSteps - stepsBefore, 1, s.K.TaskCount + 1);
        Assert.Null(a.WaiterAt(1));                 // T3's waiter was removed again: only T2 waits on A
        Assert.Equal(5, s.K.TaskById(1).EffectivePriority);
    }

    [Fact]
    public void Lock_and_unlock_from_a_masked_region_are_refused_without_state_change()
    {
        using var s = new SimKernel();
        var m = new RtMutex(s.K, "m");
        s.Task("t", 5, () =>
        {
            Assert.Equal(KernelStatus.Ok, m.Lock());
            int word = m.OwnerWord;
            int irq = s.K.Board.Irq.Mask();
            Assert.Equal(KernelStatus.WrongContext, m.Unlock());
            Assert.Equal(KernelStatus.WrongContext, m.Lock());
            Assert.False(m.TryLock());
            s.K.Board.Irq.Restore(irq);
            Assert.Equal(word, m.OwnerWord);
            Assert.Equal(KernelStatus.Ok, m.Unlock());
        });
        s.Run();
    }
}
