using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// Destroying an rt-mutex that is in use behaves like the other primitives' destroy
/// (docs/spec/rtmutex.md §16): every waiter's lock call ends with Destroyed, and the owner (or pending
/// owner) loses the mutex at once — its boost through the mutex, its ceiling, and the boost it passed
/// down its own chain — while its later Unlock answers Destroyed. Step by step, both CAS flavours.
/// </summary>
public class UnitTestRtMutexDestroy
{
    /// <summary>
    /// Tasks O (20), H (3), M (10), D (25); mutexes m, n; O owns m and waits for n, owned by D.
    /// 1. H waits on m (uninterruptible): O is boosted to 3, and through n so is D.
    /// 2. M destroys m: H's Lock returns Destroyed; O drops to 20 and D with it to O's 20 (the chain is deboosted);
    ///    O is still queued on n; m has no owner and no waiter.
    /// 3. D unlocks n: O becomes its pending owner and takes it; O's Unlock of m is Destroyed, of n Ok.
    /// </summary>
    [Theory, Boards]
    public void Destroy_ends_the_waits_and_deboosts_the_owners_chain(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 20); var h = r.Task("H", 3); var x = r.Task("M", 10); var d = r.Task("D", 25);
        var m = r.Mutex("m"); var n = r.Mutex("n");
        r.Start();
        d.Do(() => n.Lock());
        o.Do(() => m.Lock());
        o.Do(() => n.Lock());
        h.Do(() => m.Lock());
        r.Owner(m, o, h); r.Owner(n, d, o); r.Prio(3, 3, 10, 3);
        x.Do(() => m.Destroy());
        Assert.Equal(KernelStatus.Ok, x.LastResult);
        Assert.Equal(KernelStatus.Destroyed, h.LastResult);
        Assert.True(m.IsDestroyed);
        Assert.Null(m.OwnerTask);
        Assert.Equal(0, m.WaiterCount);
        r.Owner(n, d, o); r.Prio(20, 3, 10, 20);
        d.Do(() => n.Unlock());
        Assert.Equal(KernelStatus.Ok, o.LastResult);
        o.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Destroyed, o.LastResult);
        o.Do(() => n.Unlock());
        r.Free(n); r.Prio(20, 3, 10, 25);
        r.Finish();
    }

    /// <summary>
    /// A ceiling mutex (ceiling 4) owned by O (20): O runs at 4. Destroying it takes the ceiling away at once.
    /// </summary>
    [Theory, Boards]
    public void Destroy_takes_the_ceiling_from_its_owner(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 20); var x = r.Task("X", 25);
        var c = new RtMutex(r.S.K, "c", new RtMutexOptions { Ceiling = 4 });
        r.Start();
        o.Do(() => c.Lock());
        r.Prio(4, 25);
        x.Do(() => c.Destroy());
        Assert.Equal(KernelStatus.Ok, x.LastResult);
        r.Prio(20, 25);
        Assert.Equal(0, o.Tcb.Ceilings.Count);
        o.Do(() => c.Unlock());
        Assert.Equal(KernelStatus.Destroyed, o.LastResult);
        r.Finish();
    }

    /// <summary>
    /// The destroy takes the mutex from a pending owner and from a waiter that was woken but has not run:
    /// 1. O (20) owns m; W1 (5) and W2 (6) wait (W2 with a 2-tick timeout); O is boosted to 5.
    /// 2. O unlocks: W1 is pending owner (paused by the test hook before it completes the take); W2 stays queued.
    /// 3. Tick 2 times W2 out; it too is paused (after wake-up) with its waiter still queued.
    /// 4. X destroys m: no owner, no waiter; W1's and W2's retries both return Destroyed.
    /// </summary>
    [Theory, Boards]
    public void Destroy_reaches_a_pending_owner_and_a_woken_waiter(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 20); var w1 = r.Task("W1", 5); var w2 = r.Task("W2", 6); var x = r.Task("X", 25);
        var m = r.Mutex("m");
        r.Start();
        o.Do(() => m.Lock());
        w1.Do(() => m.Lock());
        w2.Do(() => m.LockTimed(2, false));
        r.Owner(m, o, w1, w2); r.Prio(5, 5, 6, 25);
        w1.PauseAfterWake = true;
        o.Do(() => m.Unlock());
        r.PendingOwner(m, w1, w2); r.Prio(20, 5, 6, 25);
        w2.PauseAfterWake = true;
        r.S.Ticks(2);
        Assert.True(w2.Paused);
        Assert.Equal(1, m.WaiterCount);                 // the rt-mutex removes a timed-out waiter when it retries
        x.Do(() => m.Destroy());
        Assert.Equal(KernelStatus.Ok, x.LastResult);
        Assert.Null(m.OwnerTask);
        Assert.Equal(0, m.WaiterCount);
        r.Prio(20, 5, 6, 25);
        w1.Resume();
        Assert.Equal(KernelStatus.Destroyed, w1.LastResult);
        w2.Resume();
        Assert.Equal(KernelStatus.Destroyed, w2.LastResult);
        Assert.True(m.IsDestroyed);
        r.Finish();
    }
}
