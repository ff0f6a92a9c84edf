using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// A deadlock allowed to form with detection off (docs/spec/rtmutex.md §10, §12: the tasks hang, the walk
/// terminates) must still leave every invariant of docs/spec/rtmutex.md §13 except acyclicity intact, and
/// breaking it with an interrupt must restore every priority.
/// <para>Steps (lock-step tasks, T1 prio 1, T2 prio 5):</para>
/// <list type="number">
/// <item>T2 locks m1; T1 locks m2.</item>
/// <item>T2 locks m2 (interruptible, no detection): blocks; T1 is already more urgent, no boost.</item>
/// <item>T1 locks m1 (interruptible, no detection): blocks and closes the cycle T1 → m1 → T2 → m2 → T1.
///   T2 is boosted to 1; its waiter on m2 must carry priority 1 too (found by exploring the
///   cases the model test skips: the walk stopped at the cycle before re-queueing T2's waiter,
///   leaving it at 5 — "waiter priority equals its task's effective priority" broken).</item>
/// <item>Interrupt T1: its lock returns Interrupted, T2 is back at 5, T2 still waits on m2.</item>
/// <item>T1 unlocks m2: T2 becomes pending owner and takes it.</item>
/// </list>
/// </summary>
public class UnitTestRtMutexAllowedDeadlock
{
    [Fact]
    public void Allowed_deadlock_keeps_waiter_priorities_and_an_interrupt_breaks_it()
    {
        using var s = new SimKernel(levels: 16);
        var m1 = new RtMutex(s.K, "m1");
        var m2 = new RtMutex(s.K, "m2");
        var t1 = new LockstepTask(s.K, "T1", 1, 0);
        var t2 = new LockstepTask(s.K, "T2", 5, 1);
        s.Run();

        t2.Post(() => m1.Lock()); s.Run();
        t1.Post(() => m2.Lock()); s.Run();
        Assert.Equal(KernelStatus.Ok, t2.LastResult);
        Assert.Equal(KernelStatus.Ok, t1.LastResult);

        t2.Post(() => m2.LockInterruptible(false)); s.Run();
        Assert.True(t2.Busy);
        s.K.CheckInvariants();

        t1.Post(() => m1.LockInterruptible(false)); s.Run();
        Assert.True(t1.Busy);
        Assert.Equal(1, m1.System.Counters.DeadlocksAllowed);
        Assert.Equal(1, t2.Tcb.EffectivePriority);
        Assert.Equal(1, t2.Tcb.Waiter.Prio);
        s.K.CheckInvariants();

        Assert.Equal(KernelStatus.Ok, s.K.Interrupt(t1.Tcb)); s.Run();
        Assert.False(t1.Busy);
        Assert.Equal(KernelStatus.Interrupted, t1.LastResult);
        Assert.Equal(5, t2.Tcb.EffectivePriority);
        Assert.Equal(1, t1.Tcb.EffectivePriority);
        Assert.Same(m2, t2.Tcb.BlockedOn.Mutex);
        s.K.CheckInvariants();

        t1.Post(() => m2.Unlock()); s.Run();
        Assert.Equal(KernelStatus.Ok, t1.LastResult);
        Assert.False(t2.Busy);
        Assert.Equal(KernelStatus.Ok, t2.LastResult);
        Assert.Same(t2.Tcb, m2.OwnerTask);
        Assert.False(m2.HasPendingOwner);
        s.K.CheckInvariants();
    }
}
