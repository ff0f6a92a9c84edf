using NfRt.Kernel;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// Transitive priority inheritance through chains of blocked owners (docs/spec/rtmutex.md §7, §9, §10): a boost
/// reaches every owner down the chain, leaving waiters (interrupt, timeout) unwind it step by
/// step, and the depth limit ends a walk (Deadlock with detection; DepthLimitHits without).
/// </summary>
public class UnitTestRtMutexChains
{
    /// <summary>
    /// Chain H → m4 (T4) → m3 (T3) → m2 (T2) → m1 (T1). Tasks T1 (28), T2 (26), T3 (24),
    /// T4 (22), H (10); every waiter uses LockInterruptible without detection.
    /// 1. T1..T4 lock m1..m4                  → 28 26 24 22 10.
    /// 2. T2 blocks on m1                     → T1 26.
    /// 3. T3 blocks on m2                     → T2 24, T1 24.
    /// 4. T4 blocks on m3                     → T3 22, T2 22, T1 22.
    /// 5. H blocks on m4                      → T4 10, T3 10, T2 10, T1 10 (4 levels boosted).
    /// 6. H (the far end) is interrupted      → T4 22, T3 22, T2 22, T1 22.
    /// 7. T4 is interrupted                   → T3 24, T2 24, T1 24 (T4 keeps m4).
    /// 8. T3 is interrupted                   → T2 26, T1 26.
    /// 9. T2 is interrupted                   → T1 28; every task owns its own mutex again, nobody waits.
    /// </summary>
    [Theory, Boards]
    public void Four_level_chain_is_boosted_and_unwound_by_interrupting_waiters_from_the_far_end(string board)
    {
        using var r = new RtMutexRig(board);
        var t1 = r.Task("T1", 28); var t2 = r.Task("T2", 26); var t3 = r.Task("T3", 24); var t4 = r.Task("T4", 22); var h = r.Task("H", 10);
        var m1 = r.Mutex("m1"); var m2 = r.Mutex("m2"); var m3 = r.Mutex("m3"); var m4 = r.Mutex("m4");
        r.Start();

        t1.Do(() => m1.Lock()); t2.Do(() => m2.Lock()); t3.Do(() => m3.Lock()); t4.Do(() => m4.Lock());
        r.Owner(m1, t1); r.Owner(m2, t2); r.Owner(m3, t3); r.Owner(m4, t4);
        r.Prio(28, 26, 24, 22, 10); r.Counters();

        t2.Do(() => m1.LockInterruptible(false));
        r.Owner(m1, t1, t2); r.Prio(26, 26, 24, 22, 10); r.Counters(boosts: 1);

        t3.Do(() => m2.LockInterruptible(false));
        r.Owner(m2, t2, t3); r.Prio(24, 24, 24, 22, 10); r.Counters(boosts: 3);

        t4.Do(() => m3.LockInterruptible(false));
        r.Owner(m3, t3, t4); r.Prio(22, 22, 22, 22, 10); r.Counters(boosts: 6);

        h.Do(() => m4.LockInterruptible(false));
        r.Owner(m1, t1, t2); r.Owner(m2, t2, t3); r.Owner(m3, t3, t4); r.Owner(m4, t4, h);
        r.Prio(10, 10, 10, 10, 10); r.Counters(boosts: 10);

        r.Interrupt(h);
        Assert.Equal(KernelStatus.Interrupted, h.LastResult);
        r.Owner(m4, t4); r.Owner(m3, t3, t4); r.Prio(22, 22, 22, 22, 10); r.Counters(boosts: 10, deboosts: 4, interrupts: 1);

        r.Interrupt(t4);
        Assert.Equal(KernelStatus.Interrupted, t4.LastResult);
        r.Owner(m4, t4); r.Owner(m3, t3); r.Owner(m2, t2, t3); r.Prio(24, 24, 24, 22, 10); r.Counters(boosts: 10, deboosts: 7, interrupts: 2);

        r.Interrupt(t3);
        Assert.Equal(KernelStatus.Interrupted, t3.LastResult);
        r.Owner(m2, t2); r.Owner(m1, t1, t2); r.Prio(26, 26, 24, 22, 10); r.Counters(boosts: 10, deboosts: 9, interrupts: 3);

        r.Interrupt(t2);
        Assert.Equal(KernelStatus.Interrupted, t2.LastResult);
        r.Owner(m1, t1); r.Owner(m2, t2); r.Owner(m3, t3); r.Owner(m4, t4);
        r.Prio(28, 26, 24, 22, 10); r.Counters(boosts: 10, deboosts: 10, interrupts: 4);
        r.Finish();
    }

    /// <summary>
    /// The same chain with timed locks: T2, T3, T4, H block at tick 0 for 4, 3, 2, 1 ticks.
    /// 1-5. as in the interrupt test            → every owner boosted to 10.
    /// 6. tick 1: H times out                 → T4 22, T3 22, T2 22, T1 22.
    /// 7. tick 2: T4 times out                → T3 24, T2 24, T1 24.
    /// 8. tick 3: T3 times out                → T2 26, T1 26.
    /// 9. tick 4: T2 times out                → T1 28.
    /// </summary>
    [Theory, Boards]
    public void Four_level_chain_is_unwound_by_timeouts_from_the_far_end(string board)
    {
        using var r = new RtMutexRig(board);
        var t1 = r.Task("T1", 28); var t2 = r.Task("T2", 26); var t3 = r.Task("T3", 24); var t4 = r.Task("T4", 22); var h = r.Task("H", 10);
        var m1 = r.Mutex("m1"); var m2 = r.Mutex("m2"); var m3 = r.Mutex("m3"); var m4 = r.Mutex("m4");
        r.Start();

        t1.Do(() => m1.Lock()); t2.Do(() => m2.Lock()); t3.Do(() => m3.Lock()); t4.Do(() => m4.Lock());
        r.Prio(28, 26, 24, 22, 10); r.Counters();

        t2.Do(() => m1.LockTimed(4, false));
        r.Owner(m1, t1, t2); r.Prio(26, 26, 24, 22, 10); r.Counters(boosts: 1);
        t3.Do(() => m2.LockTimed(3, false));
        r.Owner(m2, t2, t3); r.Prio(24, 24, 24, 22, 10); r.Counters(boosts: 3);
        t4.Do(() => m3.LockTimed(2, false));
        r.Owner(m3, t3, t4); r.Prio(22, 22, 22, 22, 10); r.Counters(boosts: 6);
        h.Do(() => m4.LockTimed(1, false));
        r.Owner(m4, t4, h); r.Prio(10, 10, 10, 10, 10); r.Counters(boosts: 10);
        Assert.Equal(0, r.S.K.Now);

        r.S.Ticks(1);
        Assert.Equal(KernelStatus.TimedOut, h.LastResult);
        r.Owner(m4, t4); r.Owner(m3, t3, t4); r.Prio(22, 22, 22, 22, 10); r.Counters(boosts: 10, deboosts: 4, timeouts: 1);

        r.S.Ticks(1);
        Assert.Equal(KernelStatus.TimedOut, t4.LastResult);
        r.Owner(m3, t3); r.Owner(m2, t2, t3); r.Prio(24, 24, 24, 22, 10); r.Counters(boosts: 10, deboosts: 7, timeouts: 2);

        r.S.Ticks(1);
        Assert.Equal(KernelStatus.TimedOut, t3.LastResult);
        r.Owner(m2, t2); r.Owner(m1, t1, t2); r.Prio(26, 26, 24, 22, 10); r.Counters(boosts: 10, deboosts: 9, timeouts: 3);

        r.S.Ticks(1);
        Assert.Equal(KernelStatus.TimedOut, t2.LastResult);
        r.Owner(m1, t1); r.Owner(m2, t2); r.Owner(m3, t3); r.Owner(m4, t4);
        r.Prio(28, 26, 24, 22, 10); r.Counters(boosts: 10, deboosts: 10, timeouts: 4);
        r.Finish();
    }

    /// <summary>
    /// MaxChainDepth = 3. Chain T4 → m3 (T3) → m2 (T2) → m1 (T1) → m0 (T0); tasks T0 (30),
    /// T1 (28), T2 (26), T3 (24), T4 (22), H (5).
    /// 1. T0..T4 lock m0..m4.
    /// 2. T1, T2, T3, T4 block on m0, m1, m2, m3 in turn (the last walk visits T3, T2, T1: depth 3, no cut)
    ///                                        → 22 22 22 22 22 5.
    /// 3. H LockInterruptible(m4, detect) would need a walk of 4 → Deadlock; its boost of T4..T1 is
    ///    undone                               → 22 22 22 22 22 5, m4 without waiters, DepthLimitHits 2 (walk and unwind).
    /// </summary>
    [Theory, Boards]
    public void Chain_longer_than_the_depth_limit_is_a_deadlock_with_detection(string board)
    {
        using var r = new RtMutexRig(board, maxChainDepth: 3);
        var (ts, ms, h) = DeepChain(r);
        Assert.Equal(0, r.C.DepthLimitHits);

        h.Do(() => ms[4].LockInterruptible(true));
        Assert.Equal(KernelStatus.Deadlock, h.LastResult);
        Assert.Equal(-35, (int)h.LastResult);
        r.Owner(ms[4], ts[4]); r.Owner(ms[3], ts[3], ts[4]); r.Owner(ms[0], ts[0], ts[1]);
        r.Prio(22, 22, 22, 22, 22, 5);
        Assert.Equal(2, r.C.DepthLimitHits);
        r.Counters(boosts: 14, deboosts: 4, deadlocks: 1);
        r.Finish();
    }

    /// <summary>
    /// Same chain, MaxChainDepth = 3, without detection.
    /// 1-2. as above                          → 22 22 22 22 22 5.
    /// 3. H LockInterruptible(m4) blocks; the walk boosts T4, T3, T2, T1 to 5 and stops at depth 4:
    ///    T0 is not boosted, T1's waiter keeps 22 → 22 5 5 5 5 5; DepthLimitHits 1.
    /// 4. H is interrupted: the unwind is cut at the same place → 22 22 22 22 22 5; every waiter
    ///    carries its task's priority again; DepthLimitHits 2.
    /// </summary>
    [Theory, Boards]
    public void Chain_longer_than_the_depth_limit_stops_the_walk_without_detection(string board)
    {
        using var r = new RtMutexRig(board, maxChainDepth: 3);
        var (ts, ms, h) = DeepChain(r);

        h.Do(() => ms[4].LockInterruptible(false));
        Assert.True(h.BlockedOnMutex);
        r.Owner(ms[4], ts[4], h); r.Owner(ms[0], ts[0], ts[1]);
        r.Prio(22, 5, 5, 5, 5, 5);
        Assert.Equal(1, r.C.DepthLimitHits);
        Assert.Equal(22, ts[1].Tcb.Waiter.Prio);          // the cut: T1 boosted, its waiter on m0 not re-queued
        r.Counters(boosts: 14);

        r.Interrupt(h);
        Assert.Equal(KernelStatus.Interrupted, h.LastResult);
        r.Owner(ms[4], ts[4]); r.Owner(ms[0], ts[0], ts[1]);
        r.Prio(22, 22, 22, 22, 22, 5);
        Assert.Equal(2, r.C.DepthLimitHits);
        for (int i = 1; i < 5; i++) Assert.Equal(ts[i].Tcb.EffectivePriority, ts[i].Tcb.Waiter.Prio);   // consistent again
        r.Counters(boosts: 14, deboosts: 4, interrupts: 1);
        r.Finish();
    }

    /// <summary>T0..T4 each own m0..m4, T(i) blocked on m(i-1); T0 boosted to 22. 10 boosts.</summary>
    private static (LockstepTask[] ts, NfRt.Sync.RtMutex[] ms, LockstepTask h) DeepChain(RtMutexRig r)
    {
        var ts = new LockstepTask[5];
        var ms = new NfRt.Sync.RtMutex[5];
        for (int i = 0; i < 5; i++) ts[i] = r.Task("T" + i, 30 - 2 * i);
        var h = r.Task("H", 5);
        for (int i = 0; i < 5; i++) ms[i] = r.Mutex("m" + i);
        r.Start();
        for (int i = 0; i < 5; i++) { var m = ms[i]; ts[i].Do(() => m.Lock()); r.Owner(m, ts[i]); }
        r.Prio(30, 28, 26, 24, 22, 5);
        ts[1].Do(() => ms[0].Lock()); r.Prio(28, 28, 26, 24, 22, 5);
        ts[2].Do(() => ms[1].Lock()); r.Prio(26, 26, 26, 24, 22, 5);
        ts[3].Do(() => ms[2].Lock()); r.Prio(24, 24, 24, 24, 22, 5);
        ts[4].Do(() => ms[3].Lock()); r.Prio(22, 22, 22, 22, 22, 5);
        for (int i = 1; i < 5; i++) r.Owner(ms[i - 1], ts[i - 1], ts[i]);
        r.Counters(boosts: 10);
        Assert.Equal(3, r.C.MaxChainDepth);
        Assert.Equal(0, r.C.DepthLimitHits);
        return (ts, ms, h);
    }
}
