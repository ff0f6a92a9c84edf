using NfRt.Kernel;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// Priority inheritance on one owner (docs/spec/rtmutex.md §1, §7, §8, §9, §11): the boost follows the top
/// waiter, waiters are served most urgent first and FIFO among equals, several held mutexes
/// deboost one at a time, and priority changes keep or propagate a boost. Every test runs on a
/// board with a hardware CAS and on the Cortex-M0 board (masked read-compare-write).
/// Priorities: lower number = more urgent.
/// </summary>
public class UnitTestRtMutexInheritance
{
    /// <summary>
    /// Tasks L (20), H (5); mutex m.
    /// 1. L locks m (fast path)              → owner L, no waiters;  L 20, H 5.
    /// 2. H locks m and blocks               → owner L, waiters H;   L boosted to 5.
    /// 3. L unlocks: H becomes pending owner, preempts L and completes the take
    ///                                        → owner H (real);       L back to 20.
    /// 4. H unlocks                           → free.
    /// </summary>
    [Theory, Boards]
    public void One_level_inheritance_boosts_the_owner_to_its_waiter_until_unlock(string board)
    {
        using var r = new RtMutexRig(board);
        var l = r.Task("L", 20); var h = r.Task("H", 5);
        var m = r.Mutex("m");
        r.Start();

        l.Do(() => m.Lock());
        Assert.Equal(KernelStatus.Ok, l.LastResult);
        r.Owner(m, l); r.Prio(20, 5); r.Counters();

        h.Do(() => m.Lock());
        Assert.True(h.BlockedOnMutex);
        r.Owner(m, l, h); r.Prio(5, 5); r.Counters(boosts: 1);

        l.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, l.LastResult);
        Assert.Equal(KernelStatus.Ok, h.LastResult);
        r.Owner(m, h); r.Prio(20, 5); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);

        h.Do(() => m.Unlock());
        r.Free(m); r.Prio(20, 5); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);
        r.Finish();
    }

    /// <summary>
    /// Tasks L (30), W1 (25), W2 (20), W3 (15); mutex m; waiters use LockInterruptible.
    /// 1. L locks m                           → L 30.
    /// 2. W1 blocks                           → waiters W1;        L 25.
    /// 3. W2 blocks                           → waiters W2 W1;     L 20.
    /// 4. W3 blocks                           → waiters W3 W2 W1;  L 15.
    /// 5. W1 (not the top waiter) is interrupted and leaves → waiters W3 W2; L stays 15.
    /// 6. W3 (top) is interrupted             → waiters W2;        L deboosted to the next waiter, 20.
    /// 7. W2 is interrupted                   → no waiters;        L 30.
    /// 8. L unlocks                           → free, no hand-off.
    /// </summary>
    [Theory, Boards]
    public void Boost_tracks_the_top_waiter_as_waiters_arrive_and_leave(string board)
    {
        using var r = new RtMutexRig(board);
        var l = r.Task("L", 30); var w1 = r.Task("W1", 25); var w2 = r.Task("W2", 20); var w3 = r.Task("W3", 15);
        var m = r.Mutex("m");
        r.Start();

        l.Do(() => m.Lock());
        r.Owner(m, l); r.Prio(30, 25, 20, 15); r.Counters();

        w1.Do(() => m.LockInterruptible(false));
        r.Owner(m, l, w1); r.Prio(25, 25, 20, 15); r.Counters(boosts: 1);

        w2.Do(() => m.LockInterruptible(false));
        r.Owner(m, l, w2, w1); r.Prio(20, 25, 20, 15); r.Counters(boosts: 2);

        w3.Do(() => m.LockInterruptible(false));
        r.Owner(m, l, w3, w2, w1); r.Prio(15, 25, 20, 15); r.Counters(boosts: 3);

        r.Interrupt(w1);
        Assert.Equal(KernelStatus.Interrupted, w1.LastResult);
        r.Owner(m, l, w3, w2); r.Prio(15, 25, 20, 15); r.Counters(boosts: 3, interrupts: 1);

        r.Interrupt(w3);
        Assert.Equal(KernelStatus.Interrupted, w3.LastResult);
        r.Owner(m, l, w2); r.Prio(20, 25, 20, 15); r.Counters(boosts: 3, deboosts: 1, interrupts: 2);

        r.Interrupt(w2);
        Assert.Equal(KernelStatus.Interrupted, w2.LastResult);
        r.Owner(m, l); r.Prio(30, 25, 20, 15); r.Counters(boosts: 3, deboosts: 2, interrupts: 3);

        l.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, l.LastResult);
        r.Free(m); r.Prio(30, 25, 20, 15); r.Counters(boosts: 3, deboosts: 2, interrupts: 3);
        r.Finish();
    }

    /// <summary>
    /// Tasks L (20), A B C (10 each); mutex m.
    /// 1. L locks m.                          → L 20.
    /// 2. A, B, C block in that order         → waiters A B C (FIFO among equals); L 10.
    /// 3. L unlocks                           → owner A, waiters B C; L 20.
    /// 4. A unlocks                           → owner B, waiters C.
    /// 5. B unlocks                           → owner C.
    /// 6. C unlocks                           → free.
    /// </summary>
    [Theory, Boards]
    public void Equal_priority_waiters_are_served_fifo(string board)
    {
        using var r = new RtMutexRig(board);
        var l = r.Task("L", 20); var a = r.Task("A", 10); var b = r.Task("B", 10); var c = r.Task("C", 10);
        var m = r.Mutex("m");
        r.Start();

        l.Do(() => m.Lock());
        r.Owner(m, l); r.Prio(20, 10, 10, 10); r.Counters();

        a.Do(() => m.Lock()); b.Do(() => m.Lock()); c.Do(() => m.Lock());
        r.Owner(m, l, a, b, c); r.Prio(10, 10, 10, 10); r.Counters(boosts: 1);

        l.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, a.LastResult);
        r.Owner(m, a, b, c); r.Prio(20, 10, 10, 10); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);

        a.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, b.LastResult);
        r.Owner(m, b, c); r.Prio(20, 10, 10, 10); r.Counters(boosts: 1, deboosts: 1, handoffs: 2);

        b.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, c.LastResult);
        r.Owner(m, c); r.Prio(20, 10, 10, 10); r.Counters(boosts: 1, deboosts: 1, handoffs: 3);

        c.Do(() => m.Unlock());
        r.Free(m); r.Prio(20, 10, 10, 10); r.Counters(boosts: 1, deboosts: 1, handoffs: 3);
        r.Finish();
    }

    /// <summary>
    /// Tasks L (20), A (15), B (10), C (15); mutex m.
    /// 1. L locks m.                          → L 20.
    /// 2. A blocks (oldest)                   → waiters A;       L 15.
    /// 3. B blocks                            → waiters B A;     L 10.
    /// 4. C blocks                            → waiters B A C;   L 10.
    /// 5. L unlocks: the most urgent waiter B gets m, not the oldest A → owner B, waiters A C; L 20; B boosted to 15.
    /// 6. B unlocks                           → owner A (oldest of the 15s), waiters C; B 10; A 15.
    /// 7. A unlocks                           → owner C.
    /// 8. C unlocks                           → free.
    /// </summary>
    [Theory, Boards]
    public void Unlock_hands_off_to_the_most_urgent_waiter_not_the_oldest(string board)
    {
        using var r = new RtMutexRig(board);
        var l = r.Task("L", 20); var a = r.Task("A", 15); var b = r.Task("B", 10); var c = r.Task("C", 15);
        var m = r.Mutex("m");
        r.Start();

        l.Do(() => m.Lock());
        r.Owner(m, l); r.Prio(20, 15, 10, 15); r.Counters();

        a.Do(() => m.Lock());
        r.Owner(m, l, a); r.Prio(15, 15, 10, 15); r.Counters(boosts: 1);

        b.Do(() => m.Lock());
        r.Owner(m, l, b, a); r.Prio(10, 15, 10, 15); r.Counters(boosts: 2);

        c.Do(() => m.Lock());
        r.Owner(m, l, b, a, c); r.Prio(10, 15, 10, 15); r.Counters(boosts: 2);

        l.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, b.LastResult);
        Assert.Empty(a.Results);
        r.Owner(m, b, a, c); r.Prio(20, 15, 10, 15); r.Counters(boosts: 2, deboosts: 1, handoffs: 1);

        b.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, a.LastResult);
        r.Owner(m, a, c); r.Prio(20, 15, 10, 15); r.Counters(boosts: 2, deboosts: 1, handoffs: 2);

        a.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, c.LastResult);
        r.Owner(m, c); r.Prio(20, 15, 10, 15); r.Counters(boosts: 2, deboosts: 1, handoffs: 3);

        c.Do(() => m.Unlock());
        r.Free(m); r.Counters(boosts: 2, deboosts: 1, handoffs: 3);
        r.Finish();
    }

    /// <summary>
    /// Tasks L (30), H1 (10), H2 (20); mutexes m1, m2, both held by L.
    /// 1. L locks m1 and m2                   → L 30.
    /// 2. H2 blocks on m2                     → L 20.
    /// 3. H1 blocks on m1                     → L 10.
    /// 4. L unlocks m1 (its deciding waiter)  → owner of m1 H1; L deboosted only to 20 (H2 still waits on m2).
    /// 5. L unlocks m2                        → owner of m2 H2; L 30.
    /// </summary>
    [Theory, Boards]
    public void Releasing_the_deciding_mutex_first_deboosts_partially_to_the_other_waiter(string board)
    {
        using var r = new RtMutexRig(board);
        var l = r.Task("L", 30); var h1 = r.Task("H1", 10); var h2 = r.Task("H2", 20);
        var m1 = r.Mutex("m1"); var m2 = r.Mutex("m2");
        r.Start();

        l.Do(() => m1.Lock()); l.Do(() => m2.Lock());
        r.Owner(m1, l); r.Owner(m2, l); r.Prio(30, 10, 20); r.Counters();

        h2.Do(() => m2.Lock());
        r.Owner(m2, l, h2); r.Prio(20, 10, 20); r.Counters(boosts: 1);

        h1.Do(() => m1.Lock());
        r.Owner(m1, l, h1); r.Owner(m2, l, h2); r.Prio(10, 10, 20); r.Counters(boosts: 2);

        l.Do(() => m1.Unlock());
        Assert.Equal(KernelStatus.Ok, h1.LastResult);
        r.Owner(m1, h1); r.Owner(m2, l, h2); r.Prio(20, 10, 20); r.Counters(boosts: 2, deboosts: 1, handoffs: 1);

        l.Do(() => m2.Unlock());
        Assert.Equal(KernelStatus.Ok, h2.LastResult);
        r.Owner(m1, h1); r.Owner(m2, h2); r.Prio(30, 10, 20); r.Counters(boosts: 2, deboosts: 2, handoffs: 2);
        r.Finish();
    }

    /// <summary>
    /// Tasks L (30), H1 (10), H2 (20); mutexes m1, m2, both held by L.
    /// 1. L locks m1 and m2                   → L 30.
    /// 2. H1 blocks on m1                     → L 10.
    /// 3. H2 blocks on m2                     → L stays 10.
    /// 4. L unlocks m2 first                  → owner of m2 H2; L keeps 10 (H1 still decides).
    /// 5. L unlocks m1                        → owner of m1 H1; L 30.
    /// </summary>
    [Theory, Boards]
    public void Releasing_the_other_mutex_first_keeps_the_boost_of_the_remaining_waiter(string board)
    {
        using var r = new RtMutexRig(board);
        var l = r.Task("L", 30); var h1 = r.Task("H1", 10); var h2 = r.Task("H2", 20);
        var m1 = r.Mutex("m1"); var m2 = r.Mutex("m2");
        r.Start();

        l.Do(() => m1.Lock()); l.Do(() => m2.Lock());
        r.Owner(m1, l); r.Owner(m2, l); r.Prio(30, 10, 20); r.Counters();

        h1.Do(() => m1.Lock());
        r.Owner(m1, l, h1); r.Prio(10, 10, 20); r.Counters(boosts: 1);

        h2.Do(() => m2.Lock());
        r.Owner(m1, l, h1); r.Owner(m2, l, h2); r.Prio(10, 10, 20); r.Counters(boosts: 1);

        l.Do(() => m2.Unlock());
        Assert.Equal(KernelStatus.Ok, h2.LastResult);
        r.Owner(m1, l, h1); r.Owner(m2, h2); r.Prio(10, 10, 20); r.Counters(boosts: 1, handoffs: 1);

        l.Do(() => m1.Unlock());
        Assert.Equal(KernelStatus.Ok, h1.LastResult);
        r.Owner(m1, h1); r.Owner(m2, h2); r.Prio(30, 10, 20); r.Counters(boosts: 1, deboosts: 1, handoffs: 2);
        r.Finish();
    }

    /// <summary>
    /// Tasks L (20), H (10); mutex m. Spec §11: a priority change sets the normal priority and
    /// effective = min(normal, top pi waiter), so a boost is kept.
    /// 1. L locks m; H blocks                 → L 10 (normal 20).
    /// 2. L's priority set to 25 (less urgent) → L normal 25, effective stays 10.
    /// 3. L's priority set to 5 (more urgent than the boost) → L 5.
    /// 4. L's priority set to 15               → L back to the boost, 10.
    /// 5. L unlocks                            → owner H; L 15 (its new normal priority).
    /// </summary>
    [Theory, Boards]
    public void Priority_change_of_a_boosted_owner_keeps_the_boost(string board)
    {
        using var r = new RtMutexRig(board);
        var l = r.Task("L", 20); var h = r.Task("H", 10);
        var m = r.Mutex("m");
        r.Start();

        l.Do(() => m.Lock()); h.Do(() => m.Lock());
        r.Owner(m, l, h); r.Prio(10, 10); r.Counters(boosts: 1);

        Assert.Equal(KernelStatus.Ok, r.SetPriority(l, 25));
        r.Owner(m, l, h); r.Prio(10, 10); r.Counters(boosts: 1);

        Assert.Equal(KernelStatus.Ok, r.SetPriority(l, 5));
        r.Owner(m, l, h); r.Prio(5, 10); r.Counters(boosts: 1);

        Assert.Equal(KernelStatus.Ok, r.SetPriority(l, 15));
        r.Owner(m, l, h); r.Prio(10, 10); r.Counters(boosts: 1);

        l.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, h.LastResult);
        r.Owner(m, h); r.Prio(15, 10); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);
        r.Finish();
    }

    /// <summary>
    /// Chain T3 → m2 (owner T2) → m1 (owner T1), with X also waiting on m1. Tasks T1 (28),
    /// X (20), T2 (26), T3 (24); T2 is the blocked task in the middle of the chain.
    /// 1. T1 locks m1, T2 locks m2            → T1 28, X 20, T2 26, T3 24.
    /// 2. X blocks on m1                      → m1 waiters X;     T1 20.
    /// 3. T2 blocks on m1                     → m1 waiters X T2;  T1 20.
    /// 4. T3 blocks on m2                     → T2 boosted to 24, re-queued behind X; T1 stays 20.
    /// 5. T2's priority set to 12 (up)        → T2 12, becomes m1's top waiter; T1 12.
    /// 6. T2's priority set to 30 (down)      → T2 keeps T3's boost, 24; X top again; T1 20.
    /// 7. T3's priority set to 8 (up, the far end) → T3 8, T2 8, m1 waiters T2 X; T1 8.
    /// 8. T3's priority set to 29 (down)      → T3 29, T2 29, m1 waiters X T2; T1 20.
    /// 9. T1 unlocks m1                       → owner X, waiters T2; T1 28; X keeps 20 (T2 at 29 is less urgent).
    /// </summary>
    [Theory, Boards]
    public void Priority_change_of_a_blocked_task_mid_chain_propagates_up_and_down(string board)
    {
        using var r = new RtMutexRig(board);
        var t1 = r.Task("T1", 28); var x = r.Task("X", 20); var t2 = r.Task("T2", 26); var t3 = r.Task("T3", 24);
        var m1 = r.Mutex("m1"); var m2 = r.Mutex("m2");
        r.Start();

        t1.Do(() => m1.Lock()); t2.Do(() => m2.Lock());
        r.Owner(m1, t1); r.Owner(m2, t2); r.Prio(28, 20, 26, 24); r.Counters();

        x.Do(() => m1.Lock());
        r.Owner(m1, t1, x); r.Prio(20, 20, 26, 24); r.Counters(boosts: 1);

        t2.Do(() => m1.Lock());
        r.Owner(m1, t1, x, t2); r.Prio(20, 20, 26, 24); r.Counters(boosts: 1);

        t3.Do(() => m2.Lock());
        r.Owner(m1, t1, x, t2); r.Owner(m2, t2, t3); r.Prio(20, 20, 24, 24); r.Counters(boosts: 2);

        Assert.Equal(KernelStatus.Ok, r.SetPriority(t2, 12));
        r.Owner(m1, t1, t2, x); r.Owner(m2, t2, t3); r.Prio(12, 20, 12, 24); r.Counters(boosts: 3);

        Assert.Equal(KernelStatus.Ok, r.SetPriority(t2, 30));
        r.Owner(m1, t1, x, t2); r.Owner(m2, t2, t3); r.Prio(20, 20, 24, 24); r.Counters(boosts: 3, deboosts: 1);

        Assert.Equal(KernelStatus.Ok, r.SetPriority(t3, 8));
        r.Owner(m1, t1, t2, x); r.Owner(m2, t2, t3); r.Prio(8, 20, 8, 8); r.Counters(boosts: 5, deboosts: 1);

        Assert.Equal(KernelStatus.Ok, r.SetPriority(t3, 29));
        r.Owner(m1, t1, x, t2); r.Owner(m2, t2, t3); r.Prio(20, 20, 29, 29); r.Counters(boosts: 5, deboosts: 3);

        t1.Do(() => m1.Unlock());
        Assert.Equal(KernelStatus.Ok, x.LastResult);
        r.Owner(m1, x, t2); r.Owner(m2, t2, t3); r.Prio(28, 20, 29, 29); r.Counters(boosts: 5, deboosts: 4, handoffs: 1);
        r.Finish();
    }
}
