using NfRt.Kernel;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// Deadlock detection (docs/spec/rtmutex.md §10, §12): a wait that would close a cycle in the wait-for graph
/// returns Deadlock (-35) when detection is requested and undoes its boosts; without detection
/// the cycle forms (counted in DeadlocksAllowed) and every other invariant still holds; locking
/// a mutex one already owns is Deadlock, never a hang.
/// </summary>
public class UnitTestRtMutexDeadlock
{
    /// <summary>
    /// Tasks A (20), B (10); mutexes m1 (A), m2 (B).
    /// 1. A locks m1, B locks m2              → A 20, B 10.
    /// 2. A blocks on m2                      → waiters of m2: A; B keeps 10.
    /// 3. B LockInterruptible(m1, detect): B is m1's top waiter and boosts A to 10, the walk
    ///    reaches B again → Deadlock; B's waiter leaves, A deboosted → A 20, B 10, m1 no waiters.
    /// 4. B unlocks m2                        → A gets m2 (its lock returns Ok).
    /// </summary>
    [Theory, Boards]
    public void Abba_cycle_is_reported_as_deadlock_and_its_boost_undone(string board)
    {
        using var r = new RtMutexRig(board);
        var a = r.Task("A", 20); var b = r.Task("B", 10);
        var m1 = r.Mutex("m1"); var m2 = r.Mutex("m2");
        r.Start();

        a.Do(() => m1.Lock()); b.Do(() => m2.Lock());
        r.Owner(m1, a); r.Owner(m2, b); r.Prio(20, 10); r.Counters();

        a.Do(() => m2.LockInterruptible(true));
        r.Owner(m2, b, a); r.Prio(20, 10); r.Counters();

        b.Do(() => m1.LockInterruptible(true));
        Assert.Equal(KernelStatus.Deadlock, b.LastResult);
        Assert.Equal(-35, (int)b.LastResult);
        Assert.Null(b.Tcb.BlockedOn);
        r.Owner(m1, a); r.Owner(m2, b, a); r.Prio(20, 10); r.Counters(boosts: 1, deboosts: 1, deadlocks: 1);

        b.Do(() => m2.Unlock());
        Assert.Equal(KernelStatus.Ok, a.LastResult);
        r.Owner(m1, a); r.Owner(m2, a); r.Prio(20, 10); r.Counters(boosts: 1, deboosts: 1, deadlocks: 1, handoffs: 1);
        Assert.Equal(0, r.C.DeadlocksAllowed);
        r.Finish();
    }

    /// <summary>
    /// Tasks A (20), B (25), X (15); mutexes m1 (A), m2 (B). The closing waiter B is NOT the top
    /// waiter of m1, so only the detection walk finds the cycle (docs/spec/rtmutex.md §7).
    /// 1. A locks m1, B locks m2              → 20 25 15.
    /// 2. A blocks on m2                      → B boosted to 20.
    /// 3. X blocks on m1                      → A boosted to 15, and through m2 B to 15.
    /// 4. B Lock(m1, detect): B (15) queues behind X (15, FIFO) → not top; the walk still finds the
    ///    cycle → Deadlock; nothing else changed → 15 15 15, m1 waiters X.
    /// </summary>
    [Theory, Boards]
    public void Abba_cycle_is_detected_when_the_closing_waiter_is_not_the_top_waiter(string board)
    {
        using var r = new RtMutexRig(board);
        var a = r.Task("A", 20); var b = r.Task("B", 25); var x = r.Task("X", 15);
        var m1 = r.Mutex("m1"); var m2 = r.Mutex("m2");
        r.Start();

        a.Do(() => m1.Lock()); b.Do(() => m2.Lock());
        r.Prio(20, 25, 15); r.Counters();

        a.Do(() => m2.Lock());
        r.Owner(m2, b, a); r.Prio(20, 20, 15); r.Counters(boosts: 1);

        x.Do(() => m1.Lock());
        r.Owner(m1, a, x); r.Owner(m2, b, a); r.Prio(15, 15, 15); r.Counters(boosts: 3);

        b.Do(() => m1.Lock(true));
        Assert.Equal(KernelStatus.Deadlock, b.LastResult);
        Assert.Null(b.Tcb.BlockedOn);
        r.Owner(m1, a, x); r.Owner(m2, b, a); r.Prio(15, 15, 15); r.Counters(boosts: 3, deadlocks: 1);
        r.Finish();
    }

    /// <summary>
    /// Tasks A (20), B (22), C (10); mutexes m1 (A), m2 (B), m3 (C).
    /// 1. A, B, C lock m1, m2, m3             → 20 22 10.
    /// 2. A blocks on m2                      → B boosted to 20.
    /// 3. B blocks on m3                      → C keeps 10.
    /// 4. C LockInterruptible(m1, detect): C boosts A to 10 and, through m2, B to 10; the walk
    ///    reaches C (owner of m3) → Deadlock; the boosts are undone → 20 20 10, m1 no waiters.
    /// </summary>
    [Theory, Boards]
    public void Three_task_cycle_is_reported_as_deadlock_and_its_boosts_undone(string board)
    {
        using var r = new RtMutexRig(board);
        var a = r.Task("A", 20); var b = r.Task("B", 22); var c = r.Task("C", 10);
        var m1 = r.Mutex("m1"); var m2 = r.Mutex("m2"); var m3 = r.Mutex("m3");
        r.Start();

        a.Do(() => m1.Lock()); b.Do(() => m2.Lock()); c.Do(() => m3.Lock());
        r.Prio(20, 22, 10); r.Counters();

        a.Do(() => m2.LockInterruptible(true));
        r.Owner(m2, b, a); r.Prio(20, 20, 10); r.Counters(boosts: 1);

        b.Do(() => m3.LockInterruptible(true));
        r.Owner(m3, c, b); r.Prio(20, 20, 10); r.Counters(boosts: 1);

        c.Do(() => m1.LockInterruptible(true));
        Assert.Equal(KernelStatus.Deadlock, c.LastResult);
        r.Owner(m1, a); r.Owner(m2, b, a); r.Owner(m3, c, b); r.Prio(20, 20, 10);
        r.Counters(boosts: 3, deboosts: 2, deadlocks: 1);
        Assert.Equal(0, r.C.DeadlocksAllowed);

        r.Interrupt(b);
        Assert.Equal(KernelStatus.Interrupted, b.LastResult);
        r.Owner(m3, c); r.Owner(m2, b, a); r.Prio(20, 20, 10); r.Counters(boosts: 3, deboosts: 2, deadlocks: 1, interrupts: 1);
        r.Finish();
    }

    /// <summary>
    /// Tasks A (20), B (10); mutexes m1 (A), m2 (B); no detection.
    /// 1. A locks m1, B locks m2; A blocks on m2 → 20 10.
    /// 2. B Lock(m1) without detection: the cycle forms (DeadlocksAllowed 1, Deadlocks 0); B boosts
    ///    A to 10 and A's waiter on m2 carries 10 → A 10, B 10, both blocked; every invariant but
    ///    acyclicity holds.
    /// </summary>
    [Theory, Boards]
    public void Abba_cycle_without_detection_forms_and_keeps_the_other_invariants(string board)
    {
        using var r = new RtMutexRig(board);
        var a = r.Task("A", 20); var b = r.Task("B", 10);
        var m1 = r.Mutex("m1"); var m2 = r.Mutex("m2");
        r.Start();

        a.Do(() => m1.Lock()); b.Do(() => m2.Lock()); a.Do(() => m2.Lock());
        r.Owner(m2, b, a); r.Prio(20, 10); r.Counters();

        b.Do(() => m1.Lock());
        Assert.True(a.BlockedOnMutex && b.BlockedOnMutex);
        r.Owner(m1, a, b); r.Owner(m2, b, a); r.Prio(10, 10); r.Counters(boosts: 1);
        Assert.Equal(1, r.C.DeadlocksAllowed);
        Assert.Equal(10, a.Tcb.Waiter.Prio);
        r.Finish();
    }

    /// <summary>
    /// Tasks A (20), B (22), C (10); mutexes m1 (A), m2 (B), m3 (C); no detection.
    /// 1. A, B, C lock m1, m2, m3; A blocks on m2 (B boosted to 20); B blocks on m3 → 20 20 10.
    /// 2. C Lock(m1): the cycle forms (DeadlocksAllowed 1); the walk goes on around it, so A and B
    ///    are boosted to 10 and every waiter carries its task's priority → 10 10 10, all blocked.
    /// </summary>
    [Theory, Boards]
    public void Three_task_cycle_without_detection_forms_with_every_waiter_up_to_date(string board)
    {
        using var r = new RtMutexRig(board);
        var a = r.Task("A", 20); var b = r.Task("B", 22); var c = r.Task("C", 10);
        var m1 = r.Mutex("m1"); var m2 = r.Mutex("m2"); var m3 = r.Mutex("m3");
        r.Start();

        a.Do(() => m1.Lock()); b.Do(() => m2.Lock()); c.Do(() => m3.Lock());
        a.Do(() => m2.Lock()); b.Do(() => m3.Lock());
        r.Owner(m2, b, a); r.Owner(m3, c, b); r.Prio(20, 20, 10); r.Counters(boosts: 1);

        c.Do(() => m1.Lock());
        Assert.True(a.BlockedOnMutex && b.BlockedOnMutex && c.BlockedOnMutex);
        r.Owner(m1, a, c); r.Owner(m2, b, a); r.Owner(m3, c, b); r.Prio(10, 10, 10); r.Counters(boosts: 3);
        Assert.Equal(1, r.C.DeadlocksAllowed);
        foreach (var t in new[] { a, b, c }) Assert.Equal(t.Tcb.EffectivePriority, t.Tcb.Waiter.Prio);
        r.Finish();
    }

    /// <summary>
    /// Tasks A (10), B (15); mutex m owned by A, B waiting.
    /// 1. A locks m; B blocks                  → owner A, waiters B; 10 15.
    /// 2. A locks m again with Lock(), Lock(detect), LockInterruptible(with and without detection),
    ///    LockTimed(5): each returns Deadlock at once, never hangs; TryLock returns false.
    ///    Owner word, waiters and priorities are unchanged; Deadlocks 5.
    /// 3. A unlocks once                       → owner B.
    /// </summary>
    [Theory, Boards]
    public void Locking_an_owned_mutex_again_is_deadlock_never_a_hang(string board)
    {
        using var r = new RtMutexRig(board);
        var a = r.Task("A", 10); var b = r.Task("B", 15);
        var m = r.Mutex("m");
        r.Start();

        a.Do(() => m.Lock()); b.Do(() => m.Lock());
        r.Owner(m, a, b); r.Prio(10, 15); r.Counters();
        int word = m.OwnerWord;

        a.Do(() => m.Lock());
        a.Do(() => m.Lock(true));
        a.Do(() => m.LockInterruptible(false));
        a.Do(() => m.LockInterruptible(true));
        a.Do(() => m.LockTimed(5, false));
        Assert.Equal(Enumerable.Repeat(KernelStatus.Deadlock, 5), a.Results.Skip(1));
        a.DoTry(() => m.TryLock());
        Assert.Equal(KernelStatus.Busy, a.LastResult);
        Assert.Equal(0, r.S.K.Now);
        Assert.Equal(word, m.OwnerWord);
        r.Owner(m, a, b); r.Prio(10, 15); r.Counters(deadlocks: 5);

        a.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, b.LastResult);
        r.Owner(m, b); r.Prio(10, 15); r.Counters(deadlocks: 5, handoffs: 1);
        r.Finish();
    }
}
