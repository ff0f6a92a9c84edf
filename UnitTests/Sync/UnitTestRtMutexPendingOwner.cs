using NfRt.Kernel;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// Pending ownership and lock stealing (docs/spec/rtmutex.md §6, §7, §8, §14). Unlock makes the top waiter the
/// pending owner; the test hook pauses that task right after its wake-up, before it completes
/// the take, so the pending state can be observed, boosted, robbed and interrupted.
/// </summary>
public class UnitTestRtMutexPendingOwner
{
    /// <summary>
    /// Tasks O (5), W (20), X (20), Y (25), H (8); mutexes m, m2. W's wake-up is paused.
    /// 1. O locks m, Y locks m2               → 5 20 20 25 8.
    /// 2. W blocks on m                       → waiters W; O keeps 5.
    /// 3. O unlocks                           → W pending owner (paused), no waiters.
    /// 4. X (equal to W) locks m: no steal, it queues → pending W, waiters X; W stays 20.
    /// 5. X's priority set to 12              → X 12; the pending owner W is boosted to 12.
    /// 6. X's priority set back to 20         → W 20.
    /// 7. Y blocks on m                       → waiters X Y; W 20.
    /// 8. H blocks on m2: Y boosted to 8, re-queued at the head of m → the pending owner W is
    ///    boosted to 8 by a waiter of a mutex it does not own yet (docs/spec/rtmutex.md §14).
    /// 9. W resumes and completes the take    → owner W (real), waiters Y X; W 8.
    /// 10. W unlocks                          → owner Y, waiters X; W 20; Y 8 (H on m2).
    /// </summary>
    [Theory, Boards]
    public void Pending_owner_is_boosted_by_new_waiters(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 5); var w = r.Task("W", 20); var x = r.Task("X", 20); var y = r.Task("Y", 25); var h = r.Task("H", 8);
        var m = r.Mutex("m"); var m2 = r.Mutex("m2");
        r.Start();

        o.Do(() => m.Lock()); y.Do(() => m2.Lock());
        r.Owner(m, o); r.Owner(m2, y); r.Prio(5, 20, 20, 25, 8); r.Counters();

        w.Do(() => m.Lock());
        r.Owner(m, o, w); r.Prio(5, 20, 20, 25, 8); r.Counters();

        w.PauseAfterWake = true;
        o.Do(() => m.Unlock());
        Assert.True(w.Paused);
        Assert.Same(m, w.PausedOn);
        r.PendingOwner(m, w); r.Prio(5, 20, 20, 25, 8); r.Counters(handoffs: 1);

        x.Do(() => m.Lock());
        Assert.True(x.BlockedOnMutex);
        r.PendingOwner(m, w, x); r.Prio(5, 20, 20, 25, 8); r.Counters(handoffs: 1);

        Assert.Equal(KernelStatus.Ok, r.SetPriority(x, 12));
        r.PendingOwner(m, w, x); r.Prio(5, 12, 12, 25, 8); r.Counters(boosts: 1, handoffs: 1);

        Assert.Equal(KernelStatus.Ok, r.SetPriority(x, 20));
        r.PendingOwner(m, w, x); r.Prio(5, 20, 20, 25, 8); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);

        y.Do(() => m.Lock());
        r.PendingOwner(m, w, x, y); r.Prio(5, 20, 20, 25, 8); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);

        h.Do(() => m2.Lock());
        r.Owner(m2, y, h); r.PendingOwner(m, w, y, x); r.Prio(5, 8, 20, 8, 8); r.Counters(boosts: 3, deboosts: 1, handoffs: 1);

        w.Resume();
        Assert.False(w.Paused);
        Assert.Equal(KernelStatus.Ok, w.LastResult);
        r.Owner(m, w, y, x); r.Prio(5, 8, 20, 8, 8); r.Counters(boosts: 3, deboosts: 1, handoffs: 1);

        w.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, y.LastResult);
        r.Owner(m, y, x); r.Owner(m2, y, h); r.Prio(5, 20, 20, 8, 8); r.Counters(boosts: 3, deboosts: 2, handoffs: 2);
        r.Finish();
    }

    /// <summary>
    /// Tasks O (5), W (20), X (20), S (10); mutex m. W's wake-up is paused.
    /// 1. O locks m; W, then X block          → waiters W X; no boost (O is more urgent).
    /// 2. O unlocks                           → W pending owner (paused), waiters X.
    /// 3. S (10, strictly more urgent than W) locks m: it steals → owner S (real), waiters X;
    ///    X's pi entry moved from W to S; W 20, S 10.
    /// 4. W resumes: robbed, it re-queues at the tail of its priority group → waiters X W.
    /// 5. S unlocks                           → owner X, waiters W.
    /// 6. X unlocks                           → owner W; W's lock call returns Ok at last.
    /// </summary>
    [Theory, Boards]
    public void Strictly_more_urgent_lock_steals_from_a_pending_owner_who_requeues_at_the_tail(string board)
        => StealScenario(board, useTryLock: false);

    /// <summary>
    /// As the Lock steal, with TryLock: 3. S's TryLock returns true and steals from pending owner W.
    /// </summary>
    [Theory, Boards]
    public void Strictly_more_urgent_trylock_steals_from_a_pending_owner(string board)
        => StealScenario(board, useTryLock: true);

    private static void StealScenario(string board, bool useTryLock)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 5); var w = r.Task("W", 20); var x = r.Task("X", 20); var s = r.Task("S", 10);
        var m = r.Mutex("m");
        r.Start();

        o.Do(() => m.Lock()); w.Do(() => m.Lock()); x.Do(() => m.Lock());
        r.Owner(m, o, w, x); r.Prio(5, 20, 20, 10); r.Counters();

        w.PauseAfterWake = true;
        o.Do(() => m.Unlock());
        r.PendingOwner(m, w, x); r.Prio(5, 20, 20, 10); r.Counters(handoffs: 1);
        Assert.Equal(1, w.Tcb.PiWaiters.Count);

        if (useTryLock) s.DoTry(() => m.TryLock());
        else s.Do(() => m.Lock());
        Assert.Equal(KernelStatus.Ok, s.LastResult);
        r.Owner(m, s, x); r.Prio(5, 20, 20, 10); r.Counters(steals: 1, handoffs: 1);
        Assert.Equal(0, w.Tcb.PiWaiters.Count);
        Assert.Equal(1, s.Tcb.PiWaiters.Count);
        Assert.True(w.Paused);

        w.Resume();
        Assert.True(w.BlockedOnMutex);
        Assert.Empty(w.Results);
        r.Owner(m, s, x, w); r.Prio(5, 20, 20, 10); r.Counters(steals: 1, handoffs: 1);

        s.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, x.LastResult);
        r.Owner(m, x, w); r.Prio(5, 20, 20, 10); r.Counters(steals: 1, handoffs: 2);

        x.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, w.LastResult);
        r.Owner(m, w); r.Prio(5, 20, 20, 10); r.Counters(steals: 1, handoffs: 3);
        r.Finish();
    }

    /// <summary>
    /// Tasks O (5), W (20), X (20), E (20); mutex m. W's wake-up is paused.
    /// 1. O locks m; W, then X block          → waiters W X.
    /// 2. O unlocks                           → W pending owner (paused), waiters X.
    /// 3. E (equal to W) TryLock              → false, nothing changes.
    /// 4. E locks m: equal priority cannot steal, E queues behind X → waiters X E.
    /// 5. W resumes and completes the take    → owner W, waiters X E; no steal counted.
    /// </summary>
    [Theory, Boards]
    public void Equal_priority_cannot_steal_from_a_pending_owner(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 5); var w = r.Task("W", 20); var x = r.Task("X", 20); var e = r.Task("E", 20);
        var m = r.Mutex("m");
        r.Start();

        o.Do(() => m.Lock()); w.Do(() => m.Lock()); x.Do(() => m.Lock());
        w.PauseAfterWake = true;
        o.Do(() => m.Unlock());
        r.PendingOwner(m, w, x); r.Prio(5, 20, 20, 20); r.Counters(handoffs: 1);

        string before = r.Snapshot();
        e.DoTry(() => m.TryLock());
        Assert.Equal(KernelStatus.Busy, e.LastResult);
        Assert.Equal(before, r.Snapshot());
        r.PendingOwner(m, w, x); r.Prio(5, 20, 20, 20); r.Counters(handoffs: 1);

        e.Do(() => m.Lock());
        Assert.True(e.BlockedOnMutex);
        r.PendingOwner(m, w, x, e); r.Prio(5, 20, 20, 20); r.Counters(handoffs: 1);

        w.Resume();
        Assert.Equal(KernelStatus.Ok, w.LastResult);
        r.Owner(m, w, x, e); r.Prio(5, 20, 20, 20); r.Counters(handoffs: 1);
        r.Finish();
    }

    /// <summary>
    /// Tasks O (5), W (20); mutex m. W locks interruptibly; its wake-up is paused.
    /// 1. O locks m; W blocks (LockInterruptible) → waiters W.
    /// 2. O unlocks                           → W pending owner (paused).
    /// 3. W is interrupted while pending owner → the request is accepted, nothing else changes.
    /// 4. W resumes: not robbed, it still takes the mutex → Ok, owner W; Interrupts stays 0.
    /// </summary>
    [Theory, Boards]
    public void Interrupted_pending_owner_still_takes_the_mutex(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 5); var w = r.Task("W", 20);
        var m = r.Mutex("m");
        r.Start();

        o.Do(() => m.Lock()); w.Do(() => m.LockInterruptible(false));
        r.Owner(m, o, w); r.Prio(5, 20); r.Counters();

        w.PauseAfterWake = true;
        o.Do(() => m.Unlock());
        r.PendingOwner(m, w); r.Prio(5, 20); r.Counters(handoffs: 1);

        r.Interrupt(w);
        Assert.True(w.Paused);
        Assert.True(w.Tcb.InterruptRequested);
        r.PendingOwner(m, w); r.Prio(5, 20); r.Counters(handoffs: 1);

        w.Resume();
        Assert.Equal(KernelStatus.Ok, w.LastResult);
        Assert.False(w.Tcb.InterruptRequested);
        r.Owner(m, w); r.Prio(5, 20); r.Counters(handoffs: 1);
        r.Finish();
    }

    /// <summary>
    /// Tasks O (5), W (20), S (10), X (20); mutex m. W locks interruptibly; its wake-up is paused.
    /// 1. O locks m; W, then X block          → waiters W X.
    /// 2. O unlocks                           → W pending owner (paused), waiters X.
    /// 3. W is interrupted.
    /// 4. S steals                            → owner S, waiters X.
    /// 5. W resumes: robbed and interrupted   → Interrupted, W not queued; owner S, waiters X; W 20.
    /// </summary>
    [Theory, Boards]
    public void Interrupted_pending_owner_that_was_robbed_returns_interrupted(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 5); var w = r.Task("W", 20); var s = r.Task("S", 10); var x = r.Task("X", 20);
        var m = r.Mutex("m");
        r.Start();

        o.Do(() => m.Lock()); w.Do(() => m.LockInterruptible(false)); x.Do(() => m.Lock());
        w.PauseAfterWake = true;
        o.Do(() => m.Unlock());
        r.PendingOwner(m, w, x); r.Prio(5, 20, 10, 20); r.Counters(handoffs: 1);

        r.Interrupt(w);
        r.PendingOwner(m, w, x); r.Prio(5, 20, 10, 20); r.Counters(handoffs: 1);

        s.Do(() => m.Lock());
        Assert.Equal(KernelStatus.Ok, s.LastResult);
        r.Owner(m, s, x); r.Prio(5, 20, 10, 20); r.Counters(steals: 1, handoffs: 1);

        w.Resume();
        Assert.Equal(KernelStatus.Interrupted, w.LastResult);
        Assert.Null(w.Tcb.BlockedOn);
        r.Owner(m, s, x); r.Prio(5, 20, 10, 20); r.Counters(steals: 1, handoffs: 1, interrupts: 1);
        r.Finish();
    }

    /// <summary>
    /// Tasks O (5), W (20), X (20), S (10); mutex m. W's wake-up is paused. A boosted pending
    /// owner that is robbed loses its boost with the top waiter's pi entry (docs/spec/rtmutex.md §6).
    /// 1. O locks m; W, then X block          → waiters W X.
    /// 2. O unlocks                           → W pending owner (paused), waiters X.
    /// 3. X's priority set to 15              → the pending owner W is boosted to 15.
    /// 4. S (10) steals                       → owner S, waiters X; W deboosted to 20, S keeps 10.
    /// 5. W resumes and re-queues             → waiters X W.
    /// </summary>
    [Theory, Boards]
    public void Robbed_pending_owner_loses_the_boost_of_the_waiters_to_the_stealer(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 5); var w = r.Task("W", 20); var x = r.Task("X", 20); var s = r.Task("S", 10);
        var m = r.Mutex("m");
        r.Start();

        o.Do(() => m.Lock()); w.Do(() => m.Lock()); x.Do(() => m.Lock());
        w.PauseAfterWake = true;
        o.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, r.SetPriority(x, 15));
        r.PendingOwner(m, w, x); r.Prio(5, 15, 15, 10); r.Counters(boosts: 1, handoffs: 1);

        s.Do(() => m.Lock());
        r.Owner(m, s, x); r.Prio(5, 20, 15, 10); r.Counters(boosts: 1, deboosts: 1, steals: 1, handoffs: 1);

        w.Resume();
        r.Owner(m, s, x, w); r.Prio(5, 20, 15, 10); r.Counters(boosts: 1, deboosts: 1, steals: 1, handoffs: 1);
        r.Finish();
    }
    /// <summary>
    /// Tasks O (5), W (20); mutex m. W's first wake-up (the timeout) is paused.
    /// 1. O locks m; W LockTimed(m, 2)         → waiters W.
    /// 2. tick 1                               → nothing changes.
    /// 3. tick 2: W times out and pauses before its retry, still queued → waiters W.
    /// 4. O unlocks: W (still the top waiter) becomes pending owner → pending W, no waiters.
    /// 5. W resumes: it tries the take before looking at the deadline → Ok, owner W; Timeouts 0.
    /// </summary>
    [Theory, Boards]
    public void Timed_out_waiter_handed_the_mutex_before_its_retry_takes_it(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 5); var w = r.Task("W", 20);
        var m = r.Mutex("m");
        r.Start();

        o.Do(() => m.Lock()); w.Do(() => m.LockTimed(2, false));
        r.Owner(m, o, w); r.Prio(5, 20); r.Counters();

        w.PauseAfterWake = true;
        r.S.Ticks(1);
        Assert.False(w.Paused);
        r.Owner(m, o, w); r.Prio(5, 20); r.Counters();

        r.S.Ticks(1);
        Assert.True(w.Paused);
        Assert.NotNull(w.Tcb.BlockedOn);
        r.Owner(m, o, w); r.Prio(5, 20); r.Counters();

        o.Do(() => m.Unlock());
        r.PendingOwner(m, w); r.Prio(5, 20); r.Counters(handoffs: 1);

        w.Resume();
        Assert.Equal(KernelStatus.Ok, w.LastResult);
        r.Owner(m, w); r.Prio(5, 20); r.Counters(handoffs: 1);
        r.Finish();
    }

    /// <summary>
    /// Tasks O (5), W (20), S (10); mutex m. W's wake-up is paused.
    /// 1. O locks m; W LockTimed(m, 5)         → waiters W.
    /// 2. O unlocks                            → W pending owner (paused); its timeout is disarmed.
    /// 3. S steals                             → owner S.
    /// 4. 5 ticks pass                         → nothing changes (W is not waiting on m).
    /// 5. W resumes: robbed and past its deadline → TimedOut, not queued; Timeouts 1.
    /// </summary>
    [Theory, Boards]
    public void Robbed_pending_owner_past_its_deadline_times_out(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 5); var w = r.Task("W", 20); var s = r.Task("S", 10);
        var m = r.Mutex("m");
        r.Start();

        o.Do(() => m.Lock()); w.Do(() => m.LockTimed(5, false));
        w.PauseAfterWake = true;
        o.Do(() => m.Unlock());
        r.PendingOwner(m, w); r.Prio(5, 20, 10); r.Counters(handoffs: 1);

        s.Do(() => m.Lock());
        r.Owner(m, s); r.Prio(5, 20, 10); r.Counters(steals: 1, handoffs: 1);

        r.S.Ticks(5);
        Assert.True(w.Paused);
        r.Owner(m, s); r.Prio(5, 20, 10); r.Counters(steals: 1, handoffs: 1);

        w.Resume();
        Assert.Equal(KernelStatus.TimedOut, w.LastResult);
        Assert.Null(w.Tcb.BlockedOn);
        r.Owner(m, s); r.Prio(5, 20, 10); r.Counters(steals: 1, handoffs: 1, timeouts: 1);
        r.Finish();
    }

    /// <summary>
    /// Tasks O (5), W (20); mutex m; no pause.
    /// 1. O locks m; W blocks in LockInterruptible → waiters W.
    /// 2. O, in one step, interrupts W (W is made ready, still queued) and unlocks: W, still the top
    ///    waiter, becomes pending owner before it runs → W's lock returns Ok; Interrupts 0.
    /// </summary>
    [Theory, Boards]
    public void Interrupted_waiter_handed_the_mutex_before_it_runs_takes_it(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 5); var w = r.Task("W", 20);
        var m = r.Mutex("m");
        r.Start();

        o.Do(() => m.Lock()); w.Do(() => m.LockInterruptible(false));
        r.Owner(m, o, w); r.Prio(5, 20); r.Counters();

        o.Do(() =>
        {
            Assert.Equal(KernelStatus.Ok, r.S.K.Interrupt(w.Tcb));
            Assert.Equal(TaskState.Ready, w.Tcb.State);
            Assert.Same(w.Tcb, m.TopWaiter);
            var u = m.Unlock();
            Assert.True(m.HasPendingOwner);
            return u;
        });
        Assert.Equal(KernelStatus.Ok, o.LastResult);
        Assert.Equal(KernelStatus.Ok, w.LastResult);
        r.Owner(m, w); r.Prio(5, 20); r.Counters(handoffs: 1);
        r.Finish();
    }

    /// <summary>
    /// Tasks O (20), W (10); mutex m.
    /// 1. O locks m; W blocks in Lock() (uninterruptible) → O 10.
    /// 2. An interrupt request for W           → WrongState; nothing changes.
    /// 3. O unlocks                            → owner W.
    /// </summary>
    [Theory, Boards]
    public void Uninterruptible_lock_refuses_interrupt_requests(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 20); var w = r.Task("W", 10);
        var m = r.Mutex("m");
        r.Start();

        o.Do(() => m.Lock()); w.Do(() => m.Lock());
        r.Owner(m, o, w); r.Prio(10, 10); r.Counters(boosts: 1);

        string before = r.Snapshot();
        Assert.Equal(KernelStatus.WrongState, r.S.K.Interrupt(w.Tcb));
        r.S.Run();
        Assert.Equal(before, r.Snapshot());
        Assert.True(w.BlockedOnMutex);
        r.Owner(m, o, w); r.Prio(10, 10); r.Counters(boosts: 1);

        o.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.Ok, w.LastResult);
        r.Owner(m, w); r.Prio(20, 10); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);
        r.Finish();
    }
    /// <summary>
    /// Tasks O (5), W (20), X (20), S (25), H (10); mutexes m, m2. Stealing compares EFFECTIVE
    /// priorities (docs/spec/rtmutex.md §6). W's wake-up is paused.
    /// 1. O locks m, S locks m2; W, then X block on m → waiters W X.
    /// 2. O unlocks                            → W pending owner (paused), waiters X.
    /// 3. X's priority set to 8                → W boosted to 8.
    /// 4. S (25) TryLock(m)                    → false, nothing changes.
    /// 5. X's priority set back to 20          → W 20.
    /// 6. H blocks on m2                       → S boosted to 10.
    /// 7. S TryLock(m): its effective 10 beats W's 20 → true, owner S, waiters X; S keeps 10.
    /// 8. W resumes and re-queues              → waiters X W.
    /// </summary>
    [Theory, Boards]
    public void Steal_compares_effective_priorities_of_stealer_and_pending_owner(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 5); var w = r.Task("W", 20); var x = r.Task("X", 20); var s = r.Task("S", 25); var h = r.Task("H", 10);
        var m = r.Mutex("m"); var m2 = r.Mutex("m2");
        r.Start();

        o.Do(() => m.Lock()); s.Do(() => m2.Lock()); w.Do(() => m.Lock()); x.Do(() => m.Lock());
        r.Owner(m, o, w, x); r.Owner(m2, s); r.Prio(5, 20, 20, 25, 10); r.Counters();

        w.PauseAfterWake = true;
        o.Do(() => m.Unlock());
        r.PendingOwner(m, w, x); r.Prio(5, 20, 20, 25, 10); r.Counters(handoffs: 1);

        Assert.Equal(KernelStatus.Ok, r.SetPriority(x, 8));
        r.PendingOwner(m, w, x); r.Prio(5, 8, 8, 25, 10); r.Counters(boosts: 1, handoffs: 1);

        string before = r.Snapshot();
        s.DoTry(() => m.TryLock());
        Assert.Equal(KernelStatus.Busy, s.LastResult);
        Assert.Equal(before, r.Snapshot());
        r.PendingOwner(m, w, x); r.Prio(5, 8, 8, 25, 10); r.Counters(boosts: 1, handoffs: 1);

        Assert.Equal(KernelStatus.Ok, r.SetPriority(x, 20));
        r.PendingOwner(m, w, x); r.Prio(5, 20, 20, 25, 10); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);

        h.Do(() => m2.Lock());
        r.Owner(m2, s, h); r.Prio(5, 20, 20, 10, 10); r.Counters(boosts: 2, deboosts: 1, handoffs: 1);

        s.DoTry(() => m.TryLock());
        Assert.Equal(KernelStatus.Ok, s.LastResult);
        r.Owner(m, s, x); r.Owner(m2, s, h); r.Prio(5, 20, 20, 10, 10); r.Counters(boosts: 2, deboosts: 1, steals: 1, handoffs: 1);

        w.Resume();
        Assert.True(w.BlockedOnMutex);
        r.Owner(m, s, x, w); r.Prio(5, 20, 20, 10, 10); r.Counters(boosts: 2, deboosts: 1, steals: 1, handoffs: 1);
        r.Finish();
    }
}
