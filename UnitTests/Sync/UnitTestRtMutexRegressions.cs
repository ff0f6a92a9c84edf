using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>rt-mutex defects the scenario runner found, pinned as direct kernel tests (one per defect).</summary>
public class UnitTestRtMutexRegressions
{
    /// <summary>
    /// Found by scenarios/deadlock-abba-nodetect.tst (and the original rt-tester's t2-l2-2rt-deadlock):
    /// 1. A (prio 19) locks L0, B (19) locks L1.  2. A waits on L1, then B waits on L0, both without
    /// detection: an ABBA cycle forms, as Linux allows.  The chain walk stops early (priorities
    /// already agree), so the cycle went uncounted, and the invariant checker then reported
    /// "wait-for graph has a cycle" at the next kernel call although the deadlock was allowed
    /// (fixed on main by recording in each waiter whether it asked for detection).
    /// 3. Interrupting B breaks the cycle; everything unwinds.
    /// </summary>
    [Fact]
    public void Abba_cycle_without_detection_is_an_allowed_deadlock_and_invariants_hold()
    {
        using var s = new SimKernel(levels: 140);
        var l0 = new RtMutex(s.K, "L0");
        var l1 = new RtMutex(s.K, "L1");
        KernelStatus ra = KernelStatus.Busy, rb = KernelStatus.Busy;
        s.Task("A", 19, () =>
        {
            Assert.Equal(KernelStatus.Ok, l0.Lock());
            s.K.Sleep(1);
            ra = l1.LockInterruptible(false);
            Assert.Equal(KernelStatus.Ok, l1.Unlock());
            Assert.Equal(KernelStatus.Ok, l0.Unlock());
        });
        TaskControlBlock b = null;
        b = s.Task("B", 19, () =>
        {
            Assert.Equal(KernelStatus.Ok, l1.Lock());
            s.K.Sleep(2);
            rb = l0.LockInterruptible(false);
            Assert.Equal(KernelStatus.Ok, l1.Unlock());
        });
        s.Ticks(3);
        Assert.Same(l0, b.WaitingOn);       // B waits on L0 while A waits on L1: the cycle is there
        s.K.CheckInvariants();
        Assert.Equal(KernelStatus.Ok, s.K.Interrupt(b));
        s.Run();
        Assert.Equal(KernelStatus.Interrupted, rb);
        Assert.Equal(KernelStatus.Ok, ra);
        Assert.Null(l0.OwnerTask);
        Assert.Null(l1.OwnerTask);
    }

    /// <summary>
    /// Found by the scenario fuzzer (scenarios/deadlock-nodetect-boost.tst):
    /// 1. A (prio 74) locks L1; B (120) locks L0 and waits on L1.  2. A waits on L0 without
    /// detection: the cycle A -> L0 -> B -> L1 -> A forms and B inherits 74. The chain walk hit the
    /// cycle point and returned before re-queueing B's waiter, which kept priority 120.
    /// </summary>
    [Fact]
    public void Boost_through_an_allowed_cycle_reaches_every_waiter()
    {
        using var s = new SimKernel(levels: 140);
        var l0 = new RtMutex(s.K, "L0");
        var l1 = new RtMutex(s.K, "L1");
        KernelStatus ra = KernelStatus.Busy;
        var a = s.Task("A", 74, () =>
        {
            Assert.Equal(KernelStatus.Ok, l1.Lock());
            s.K.Sleep(2);
            ra = l0.LockInterruptible(false);
            Assert.Equal(KernelStatus.Ok, l1.Unlock());
        });
        var b = s.Task("B", 120, () =>
        {
            Assert.Equal(KernelStatus.Ok, l0.Lock());
            s.K.Sleep(1);
            Assert.Equal(KernelStatus.Ok, l1.Lock());
            Assert.Equal(KernelStatus.Ok, l1.Unlock());
            Assert.Equal(KernelStatus.Ok, l0.Unlock());
        });
        s.Ticks(3);
        Assert.Equal(74, b.EffectivePriority);
        Assert.Equal(74, b.Waiter.Prio);
        s.K.CheckInvariants();
        Assert.Equal(KernelStatus.Ok, s.K.Interrupt(a));
        s.Run();
        Assert.Equal(KernelStatus.Interrupted, ra);
        Assert.Equal(120, b.EffectivePriority);
        Assert.Null(l0.OwnerTask);
    }

    /// <summary>Unlocks <see cref="Release"/> when its task is woken from a wait on another mutex, like the pause's "reset".</summary>
    private sealed class UnlockOnWake : IRtMutexTestHook
    {
        public RtMutex Release;
        public void OnBlocked(TaskControlBlock task, RtMutex mutex) { }
        public void OnWoken(TaskControlBlock task, RtMutex mutex)
        {
            if (Release == null || mutex == Release) return;
            var m = Release;
            Release = null;
            Assert.Equal(KernelStatus.Ok, m.Unlock());
        }
    }

    /// <summary>
    /// Found by the scenario fuzzer (scenarios/pause-reset-deboost.tst):
    /// 1. W (120) owns L0 and L1 is owned by O (120); H (47) waits on L0 -> W at 47.
    /// 2. W waits interruptibly on L1 -> O at 47. W is interrupted: woken, its waiter still queued.
    /// 3. In that window (the test hook) W unlocks L0: W drops to 120, and so must its queued waiter
    /// and O. The unlock path recomputed W's priority without walking W's chain.
    /// </summary>
    [Fact]
    public void Unlock_by_a_woken_task_still_queued_elsewhere_deboosts_its_chain()
    {
        using var s = new SimKernel(levels: 140);
        var l0 = new RtMutex(s.K, "L0");
        var l1 = new RtMutex(s.K, "L1");
        var hook = new UnlockOnWake();
        l0.System.TestHook = hook;
        KernelStatus rw = KernelStatus.Busy;
        TaskControlBlock o = s.Task("O", 120, () =>
        {
            Assert.Equal(KernelStatus.Ok, l1.Lock());
            s.K.Sleep(10);
            Assert.Equal(KernelStatus.Ok, l1.Unlock());
        });
        TaskControlBlock w = s.Task("W", 120, () =>
        {
            Assert.Equal(KernelStatus.Ok, l0.Lock());
            s.K.Sleep(2);
            hook.Release = l0;
            rw = l1.LockInterruptible(false);
        });
        s.Task("H", 47, () =>
        {
            s.K.Sleep(1);
            Assert.Equal(KernelStatus.Ok, l0.Lock());
            Assert.Equal(KernelStatus.Ok, l0.Unlock());
        });
        s.Ticks(3);
        Assert.Equal(47, w.EffectivePriority);
        Assert.Equal(47, o.EffectivePriority);
        Assert.Equal(KernelStatus.Ok, s.K.Interrupt(w));
        s.Run();
        Assert.Equal(KernelStatus.Interrupted, rw);
        Assert.Equal(120, w.EffectivePriority);
        Assert.Equal(120, o.EffectivePriority);
        s.K.CheckInvariants();
        s.Ticks(10);
    }
}
