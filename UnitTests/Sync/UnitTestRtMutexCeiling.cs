using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// Priority-ceiling rt-mutexes (ICPP, docs/spec/primitives.md §12), step by step on both CAS
/// flavours: the ceiling from the moment of the lock, CeilingViolated, ceilings combined with
/// inheritance and with other ceilings in every release order, contention, priority changes.
/// After every step the invariant checker verifies effective = most urgent of normal, top pi
/// waiter and owned ceilings (RtMutexRig.Prio).
/// </summary>
public class UnitTestRtMutexCeiling
{
    private static RtMutex Ceiling(RtMutexRig r, string name, int ceiling) =>
        new RtMutex(r.S.K, name, new RtMutexOptions { Ceiling = ceiling });

    /// <summary>
    /// L (20) locks C (ceiling 5): L runs at 5 at once. L gives the semaphore M (10) waits on: M is
    /// ready but does not preempt L. L unlocks: back to 20, and M preempts it at the end of the unlock.
    /// Both lock and unlock take the slow path.
    /// </summary>
    [Theory, Boards]
    public void The_owner_runs_at_the_ceiling_from_lock_to_unlock(string board)
    {
        using var r = new RtMutexRig(board);
        var l = r.Task("L", 20); var m = r.Task("M", 10);
        var c = Ceiling(r, "C", 5);
        r.Start();
        Assert.Equal(RtMutex.CeilingBit, c.OwnerWord);
        l.Do(() => c.Lock());
        r.Owner(c, l); r.Prio(5, 10);
        Assert.Equal(1, r.C.SlowLocks);
        Assert.Same(c, l.Tcb.Ceilings.First.Lock);
        var order = new List<string>();
        var sem = new CountingSemaphore(r.S.K, "sem", 0, 1);
        m.Do(() => { var x = sem.Take(-1); order.Add("M runs"); return x; });
        l.Do(() =>
        {
            order.Add("L gives");
            sem.Give();                       // M (10) is ready, but L runs at the ceiling 5
            order.Add("L still runs");
            var u = c.Unlock();               // back to 20: M preempts at the end of the unlock
            order.Add("L after unlock");
            return u;
        });
        Assert.Equal(new[] { "L gives", "L still runs", "M runs", "L after unlock" }, order);
        r.Free2(c); r.Prio(20, 10);
        Assert.Equal(0, l.Tcb.Ceilings.Count);
        r.Counters(boosts: 1, deboosts: 1);
        r.Finish();
    }

    /// <summary>H (normal 3) locking C (ceiling 5) is CeilingViolated with every lock form, TryLock is false; nothing changes. A task AT the ceiling may lock.</summary>
    [Theory, Boards]
    public void A_task_more_urgent_than_the_ceiling_is_refused(string board)
    {
        using var r = new RtMutexRig(board);
        var h = r.Task("H", 3); var e = r.Task("E", 5);
        var c = Ceiling(r, "C", 5);
        r.Start();
        string before = r.Snapshot();
        h.Do(() => c.Lock()); h.Do(() => c.LockInterruptible(true)); h.Do(() => c.LockTimed(3, false)); h.DoTry(() => c.TryLock());
        Assert.Equal(new[] { KernelStatus.CeilingViolated, KernelStatus.CeilingViolated, KernelStatus.CeilingViolated, KernelStatus.Busy }, h.Results);
        Assert.Equal(before.Replace("c:0/", "c:3/"), r.Snapshot());   // only the slow-lock counter moved
        Assert.Equal(4, r.C.CeilingViolations);
        r.Free2(c);
        e.Do(() => c.Lock());
        r.Owner(c, e); r.Prio(3, 5);
        e.Do(() => c.Unlock());
        r.Free2(c); r.Prio(3, 5);
        r.Finish();
    }

    /// <summary>
    /// L (20) locks C (ceiling 10) and P (plain); H (5) blocks on P → L at 5 (inheritance beats the ceiling).
    /// Order 1: L unlocks C → still 5 (P's waiter); unlocks P → H owns P, L at 20.
    /// Order 2 (again): L unlocks P first → 10 (the ceiling); unlocks C → 20.
    /// </summary>
    [Theory, Boards]
    public void Ceiling_and_inheritance_combine_in_either_release_order(string board)
    {
        using var r = new RtMutexRig(board);
        var l = r.Task("L", 20); var h = r.Task("H", 5);
        var c = Ceiling(r, "C", 10); var p = r.Mutex("P");
        r.Start();
        l.Do(() => c.Lock()); l.Do(() => p.Lock());
        r.Prio(10, 5);
        h.Do(() => p.Lock());
        r.Owner(p, l, h); r.Prio(5, 5);
        l.Do(() => c.Unlock());
        r.Free2(c); r.Prio(5, 5);
        l.Do(() => p.Unlock());
        r.Owner(p, h); r.Prio(20, 5);
        h.Do(() => p.Unlock());

        l.Do(() => c.Lock()); l.Do(() => p.Lock()); h.Do(() => p.Lock());
        r.Prio(5, 5);
        l.Do(() => p.Unlock());
        r.Owner(p, h); r.Owner(c, l); r.Prio(10, 5);
        l.Do(() => c.Unlock());
        r.Free2(c); r.Prio(20, 5);
        r.Finish();
    }

    /// <summary>Nested ceilings C1 (10) and C2 (8): 10, then 8; release C1 first → 8, then C2 → 20; the other order: 8 → 10 → 20.</summary>
    [Theory, Boards]
    public void Nested_ceilings_unwind_in_any_order(string board)
    {
        using var r = new RtMutexRig(board);
        var l = r.Task("L", 20);
        var c1 = Ceiling(r, "C1", 10); var c2 = Ceiling(r, "C2", 8);
        r.Start();
        l.Do(() => c1.Lock()); r.Prio(10);
        l.Do(() => c2.Lock()); r.Prio(8);
        l.Do(() => c1.Unlock()); r.Prio(8);
        l.Do(() => c2.Unlock()); r.Prio(20);
        l.Do(() => c1.Lock()); l.Do(() => c2.Lock()); r.Prio(8);
        l.Do(() => c2.Unlock()); r.Prio(10);
        l.Do(() => c1.Unlock()); r.Prio(20);
        Assert.True(l.Results.All(x => x == KernelStatus.Ok));
        r.Finish();
    }

    /// <summary>
    /// Contention: O (20) locks C (ceiling 8) and, holding it, waits on an event-like semaphore. W (15)
    /// locks C: it blocks (O already runs at 8, more urgent than W: no boost). O wakes and unlocks: W is
    /// pending owner, then completes the take and only then runs at the ceiling (a pending owner holds
    /// no ceiling). O is back at 20.
    /// </summary>
    [Theory, Boards]
    public void A_contended_ceiling_mutex_hands_the_ceiling_on_with_the_mutex(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 20); var w = r.Task("W", 15);
        var c = Ceiling(r, "C", 8);
        var sem = new CountingSemaphore(r.S.K, "sem", 0, 1);
        r.Start();
        o.Do(() => c.Lock());
        o.Do(() => sem.Take(-1));
        w.Do(() => c.Lock());
        r.Owner(c, o, w); r.Prio(8, 15);
        w.PauseAfterWake = true;
        Assert.Equal(KernelStatus.Ok, sem.Give());
        r.S.Run();
        o.Do(() => c.Unlock());
        r.PendingOwner(c, w); r.Prio(20, 15);
        Assert.Equal(0, w.Tcb.Ceilings.Count);
        w.Resume();
        r.Owner(c, w); r.Prio(20, 8);
        w.Do(() => c.Unlock());
        r.Free2(c); r.Prio(20, 15);
        r.Finish();
    }

    /// <summary>
    /// SetPriority of a ceiling owner: normal made more urgent than the ceiling → effective = normal;
    /// made less urgent again → the ceiling. A task ending while it holds C releases it and the ceiling.
    /// </summary>
    [Theory, Boards]
    public void Priority_changes_of_the_owner_and_exit_keep_the_ceiling_rule(string board)
    {
        using var r = new RtMutexRig(board);
        var l = r.Task("L", 20);
        var c = Ceiling(r, "C", 10);
        r.Start();
        l.Do(() => c.Lock());
        r.SetPriority(l, 4); r.Prio(4);
        r.SetPriority(l, 25); r.Prio(10);
        Assert.Equal(KernelStatus.WrongContext, c.Lock());   // the driver (idle) never locks

        using var s = new SimKernel(profile: NfRt.Boards.BoardProfiles.Find(board));
        var c2 = new RtMutex(s.K, "C2", new RtMutexOptions { Ceiling = 3 });
        TaskControlBlock t = s.Task("T", 9, () => Assert.Equal(KernelStatus.Ok, c2.Lock()));
        s.Run();
        Assert.Equal(TaskState.Dead, t.State);
        Assert.Null(c2.OwnerTask); Assert.Equal(RtMutex.CeilingBit, c2.OwnerWord);
        Assert.Equal(0, t.Ceilings.Count);
        Assert.Equal(1, c2.System.Counters.ReleasedOnExit);
        r.Finish();
    }

    [Fact]
    public void Bad_options_throw()
    {
        using var s = new SimKernel(levels: 32);
        Assert.ThrowsAny<ArgumentException>(() => new RtMutex(s.K, "x", new RtMutexOptions { Ceiling = 32 }));
        Assert.ThrowsAny<ArgumentException>(() => new RtMutex(s.K, "x", new RtMutexOptions { Ceiling = -2 }));
        Assert.ThrowsAny<ArgumentException>(() => new RtMutex(s.K, "x", null));
        var opts = new RtMutexOptions { Ceiling = 31 };
        var m = new RtMutex(s.K, "m", opts);
        opts.Ceiling = 1;
        Assert.Equal(31, m.Ceiling);
        var plain = new RtMutex(s.K, "p", new RtMutexOptions());
        Assert.Equal(0, plain.OwnerWord);
        Assert.Equal(-1, plain.Ceiling);
    }
}
