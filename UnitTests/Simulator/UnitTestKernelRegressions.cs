using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.SimulatorTests;

/// <summary>Kernel defects the scenario runner found, pinned as direct kernel tests (one per defect).</summary>
public class UnitTestKernelRegressions
{
    /// <summary>
    /// Found by scenarios/deadlock-abba-nodetect.tst (and the original rt-tester's t2-l2-2rt-deadlock):
    /// 1. A (prio 19) locks L0, B (19) locks L1.  2. A waits on L1, then B waits on L0, both without
    /// detection: an ABBA cycle forms, as Linux allows.  The chain walk stops early (priorities
    /// already agree), so the cycle went uncounted, and the invariant checker then reported
    /// "wait-for graph has a cycle" at the next kernel call although the deadlock was allowed.
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
        var b = s.Task("B", 19, () =>
        {
            Assert.Equal(KernelStatus.Ok, l1.Lock());
            s.K.Sleep(2);
            rb = l0.LockInterruptible(false);
            Assert.Equal(KernelStatus.Ok, l1.Unlock());
        });
        s.Ticks(3);
        Assert.Equal(1, l0.System.Counters.DeadlocksAllowed);
        s.K.CheckInvariants();
        Assert.Equal(KernelStatus.Ok, s.K.Interrupt(b));
        s.Run();
        Assert.Equal(KernelStatus.Interrupted, rb);
        Assert.Equal(KernelStatus.Ok, ra);
        Assert.Null(l0.OwnerTask);
        Assert.Null(l1.OwnerTask);
    }
}
