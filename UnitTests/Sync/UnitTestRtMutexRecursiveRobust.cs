using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// Recursive and robust rt-mutexes (docs/spec/primitives.md §13, §14), step by step on both CAS
/// flavours. A recursive mutex keeps the one-CAS fast path for its first lock and last unlock (the
/// nested bit makes the fast unlock fail only while nested); a robust mutex keeps both fast paths
/// until its owner dies (the owner-died bit then makes the fast lock fail).
/// </summary>
public class UnitTestRtMutexRecursiveRobust
{
    /// <summary>
    /// O (20) locks R three times (the first by the fast CAS), TryLock once more (depth 3); W (5) blocks
    /// and boosts O as for a single lock. Four unlocks: the first three count down, the last hands R to W.
    /// A plain mutex's self-lock is still Deadlock.
    /// </summary>
    [Theory, Boards]
    public void A_recursive_mutex_is_released_after_as_many_unlocks(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 20); var w = r.Task("W", 5);
        var rec = new RtMutex(r.S.K, "R", new RtMutexOptions { Recursive = true });
        var plain = r.Mutex("P");
        r.Start();
        o.Do(() => rec.Lock());
        Assert.Equal(0, r.C.SlowLocks);                          // first lock: fast path
        Assert.Equal(o.Tcb.Id << RtMutex.OwnerShift, rec.OwnerWord);
        o.Do(() => rec.Lock()); o.Do(() => rec.LockTimed(0, true)); o.DoTry(() => rec.TryLock());
        Assert.True(o.Results.All(x => x == KernelStatus.Ok));
        Assert.Equal(3, rec.RecursionDepth);
        Assert.Equal(RtMutex.NestedBit, rec.OwnerWord & RtMutex.NestedBit);
        w.Do(() => rec.Lock());
        r.Owner(rec, o, w); r.Prio(5, 5);
        for (int i = 3; i > 0; i--)
        {
            o.Do(() => rec.Unlock());
            Assert.Equal(i - 1, rec.RecursionDepth);
            r.Owner(rec, o, w); r.Prio(5, 5);
        }
        Assert.Equal(0, rec.OwnerWord & RtMutex.NestedBit);
        o.Do(() => rec.Unlock());
        r.Owner(rec, w); r.Prio(20, 5);
        w.Do(() => rec.Unlock());
        r.Free(rec);
        o.Do(() => plain.Lock()); o.Do(() => plain.Lock());
        Assert.Equal(KernelStatus.Deadlock, o.LastResult);
        Assert.Equal(3, r.C.NestedLocks);
        r.Counters(boosts: 1, deboosts: 1, handoffs: 1, deadlocks: 1);
        r.Finish();
    }

    /// <summary>A task that ends while holding a recursive mutex twice releases it whole: the waiter gets it.</summary>
    [Theory, Boards]
    public void An_owner_that_ends_nested_releases_the_whole_nesting(string board)
    {
        using var s = new SimKernel(profile: NfRt.Boards.BoardProfiles.Find(board));
        var rec = new RtMutex(s.K, "R", new RtMutexOptions { Recursive = true });
        KernelStatus got = KernelStatus.Busy;
        s.Task("O", 20, () => { rec.Lock(); rec.Lock(); s.K.Sleep(2); });
        s.Task("W", 10, () => { s.K.Sleep(1); got = rec.Lock(); rec.Unlock(); });
        s.Ticks(3);
        Assert.Equal(KernelStatus.Ok, got);
        Assert.Equal(0, rec.OwnerWord);
        Assert.Equal(0, rec.RecursionDepth);
    }

    /// <summary>
    /// Robust mutex B: O (20) locks it (fast path) and ends holding it. The next Lock (by X) returns
    /// OwnerDied and X owns B; X unlocks; the following Lock is Ok by the fast path again.
    /// </summary>
    [Theory, Boards]
    public void The_next_locker_after_a_dead_owner_gets_owner_died_once(string board)
    {
        using var s = new SimKernel(profile: NfRt.Boards.BoardProfiles.Find(board));
        var b = new RtMutex(s.K, "B", new RtMutexOptions { Robust = true });
        var results = new List<KernelStatus>();
        s.Task("O", 20, () => results.Add(b.Lock()));
        s.Run();
        Assert.True(b.IsOwnerDead);
        Assert.Equal(RtMutex.OwnerDiedBit, b.OwnerWord);
        int slow = b.System.Counters.SlowLocks;
        s.Task("X", 10, () =>
        {
            results.Add(b.Lock());
            Assert.Same(s.K.Current, b.OwnerTask);
            results.Add(b.Unlock());
            results.Add(b.Lock());
            results.Add(b.Unlock());
        });
        s.Run();
        Assert.Equal(new[] { KernelStatus.Ok, KernelStatus.OwnerDied, KernelStatus.Ok, KernelStatus.Ok, KernelStatus.Ok }, results);
        Assert.Equal(slow + 1, b.System.Counters.SlowLocks);    // only the OwnerDied acquisition was slow
        Assert.Equal(1, b.System.Counters.OwnerDied);
        Assert.False(b.IsOwnerDead);
        Assert.Equal(0, b.OwnerWord);
    }

    /// <summary>
    /// With waiters: O (20) holds robust B and ends; W1 (5) and W2 (8) wait. W1 (top waiter) becomes pending
    /// owner and its Lock returns OwnerDied; W2 later gets Ok. A non-robust mutex tells its next owner nothing.
    /// OwnerDied is never lost (docs/spec/primitives.md §14): the bool TryLock, which cannot report it, leaves
    /// a dead owner's robust mutex alone (false, the mark stays); TryLockStatus takes it and says OwnerDied.
    /// (Until the wait redesign TryLock took it and consumed the mark silently.)
    /// </summary>
    [Theory, Boards]
    public void A_waiting_heir_gets_owner_died_and_no_try_lock_loses_the_mark(string board)
    {
        using var s = new SimKernel(profile: NfRt.Boards.BoardProfiles.Find(board));
        var b = new RtMutex(s.K, "B", new RtMutexOptions { Robust = true, Recursive = true });
        var p = new RtMutex(s.K, "P");
        var t = new RtMutex(s.K, "T", new RtMutexOptions { Robust = true, Ceiling = 2 });
        var log = new List<string>();
        s.Task("O", 20, () => { b.Lock(); b.Lock(); p.Lock(); t.Lock(); s.K.Sleep(2); });
        s.Task("W1", 5, () => { s.K.Sleep(1); log.Add("W1 " + b.Lock()); log.Add("W1 P " + p.Lock()); b.Unlock(); p.Unlock(); });
        s.Task("W2", 8, () => { s.K.Sleep(1); log.Add("W2 " + b.Lock()); b.Unlock(); });
        s.Ticks(3);
        Assert.Equal(new[] { "W1 OwnerDied", "W1 P Ok", "W2 Ok" }, log);
        Assert.True(t.IsOwnerDead);
        Assert.Equal(RtMutex.CeilingBit | RtMutex.OwnerDiedBit, t.OwnerWord);
        bool took = true;
        var got = new List<KernelStatus>();
        s.Task("X", 9, () =>
        {
            took = t.TryLock();
            got.Add(t.IsOwnerDead ? KernelStatus.Ok : KernelStatus.Busy);
            got.Add(t.TryLockStatus());
            got.Add(t.TryLockStatus());     // nested, not recursive: Busy
            got.Add(t.Unlock());
            got.Add(t.TryLockStatus());
            got.Add(t.Unlock());
        });
        s.Run();
        Assert.False(took);
        Assert.Equal(new[] { KernelStatus.Ok, KernelStatus.OwnerDied, KernelStatus.Busy, KernelStatus.Ok, KernelStatus.Ok, KernelStatus.Ok }, got);
        Assert.False(t.IsOwnerDead);
        Assert.Equal(RtMutex.CeilingBit, t.OwnerWord);
        Assert.Equal(2, b.System.Counters.OwnerDied);
        Assert.Equal(KernelStatus.Ok, t.Destroy());
    }

    /// <summary>
    /// The status try lock (docs/spec/primitives.md §14) on both CAS flavours: an uncontended take is Ok;
    /// a robust mutex whose owner died is taken with OwnerDied, once;
    /// taken by another task it is Busy and changes nothing; a recursive owner nests (Ok); a destroyed
    /// mutex is Destroyed; the idle task gets WrongContext.
    /// </summary>
    [Theory, Boards]
    public void TryLockStatus_reports_what_the_bool_form_cannot(string board)
    {
        using var s = new SimKernel(profile: NfRt.Boards.BoardProfiles.Find(board));
        var plain = new RtMutex(s.K, "P");
        var robust = new RtMutex(s.K, "R", new RtMutexOptions { Robust = true, Recursive = true });
        var got = new List<KernelStatus>();
        s.Task("O", 20, () => { robust.Lock(); plain.Lock(); });      // ends holding both
        s.Run();
        s.Task("X", 10, () =>
        {
            got.Add(plain.TryLockStatus());     // O's plain mutex was released at its exit: free again
            got.Add(robust.TryLockStatus());    // OwnerDied: X owns it
            got.Add(robust.TryLockStatus());    // recursive: nested
            got.Add(robust.Unlock());
            got.Add(robust.Unlock());
            got.Add(robust.TryLockStatus());    // the mark was consumed once
            s.K.Sleep(1);
            got.Add(robust.Unlock());
            got.Add(plain.Unlock());
        });
        s.Task("Y", 5, () =>
        {
            s.K.Sleep(1);
            int word = robust.OwnerWord;
            got.Add(robust.TryLockStatus());    // X holds it
            Assert.Equal(word, robust.OwnerWord);
        });
        s.Ticks(2);
        Assert.Equal(new[] { KernelStatus.Ok, KernelStatus.OwnerDied, KernelStatus.Ok, KernelStatus.Ok, KernelStatus.Ok, KernelStatus.Ok,
            KernelStatus.Busy, KernelStatus.Ok, KernelStatus.Ok }, got);
        Assert.Equal(KernelStatus.WrongContext, plain.TryLockStatus());  // the driver (idle task)
        Assert.Equal(KernelStatus.Ok, plain.Destroy());
        Assert.Equal(KernelStatus.Destroyed, plain.Destroy());
        s.Task("Z", 5, () => got.Add(plain.TryLockStatus()));
        s.Run();
        Assert.Equal(KernelStatus.Destroyed, got[^1]);
    }
}
