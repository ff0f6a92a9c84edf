using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// Transitive priority inheritance through chains of blocked owners: a boost reaches every owner down the
    /// chain, waiters leaving (interrupt, timeout) unwind it step by step (partial deboost), and a priority
    /// change of a blocked task propagates up and down the chain.
    /// </summary>
    [TestClass]
    public class UnitTestRtMutexChains
    {
        /// <summary>
        /// Chain H → m4 (T4) → m3 (T3) → m2 (T2) → m1 (T1); T1 28, T2 26, T3 24, T4 22, H 10, waits interruptible.
        /// Each new waiter boosts the whole chain below it (H: all four to 10); interrupting from the far end
        /// unwinds it one level at a time: 22, then 24, then 26, then 28.
        /// </summary>
        [TestMethod]
        public void Four_level_chain_is_boosted_and_unwound_by_interrupts()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask t1 = r.Task("T1", 28); ScriptedTask t2 = r.Task("T2", 26); ScriptedTask t3 = r.Task("T3", 24); ScriptedTask t4 = r.Task("T4", 22); ScriptedTask h = r.Task("H", 10);
                RtMutex m1 = r.Mutex("m1"); RtMutex m2 = r.Mutex("m2"); RtMutex m3 = r.Mutex("m3"); RtMutex m4 = r.Mutex("m4");
                r.Start();

                t1.Do(delegate { return m1.Lock(); }); t2.Do(delegate { return m2.Lock(); }); t3.Do(delegate { return m3.Lock(); }); t4.Do(delegate { return m4.Lock(); });
                r.Prio(28, 26, 24, 22, 10); r.Counters();
                t2.Do(delegate { return m1.LockInterruptible(false); });
                r.Owner(m1, t1, t2); r.Prio(26, 26, 24, 22, 10); r.Counters(boosts: 1);
                t3.Do(delegate { return m2.LockInterruptible(false); });
                r.Prio(24, 24, 24, 22, 10); r.Counters(boosts: 3);
                t4.Do(delegate { return m3.LockInterruptible(false); });
                r.Prio(22, 22, 22, 22, 10); r.Counters(boosts: 6);
                h.Do(delegate { return m4.LockInterruptible(false); });
                r.Owner(m1, t1, t2); r.Owner(m2, t2, t3); r.Owner(m3, t3, t4); r.Owner(m4, t4, h);
                r.Prio(10, 10, 10, 10, 10); r.Counters(boosts: 10);
                Assert.IsTrue(r.C.MaxChainDepth >= 3, "the walk visited the three blocked owners below H");

                r.Interrupt(h);
                h.Returned(KernelStatus.Interrupted, 1);
                r.Owner(m4, t4); r.Prio(22, 22, 22, 22, 10); r.Counters(boosts: 10, deboosts: 4, interrupts: 1);
                r.Interrupt(t4);
                r.Owner(m3, t3); r.Prio(24, 24, 24, 22, 10); r.Counters(boosts: 10, deboosts: 7, interrupts: 2);
                r.Interrupt(t3);
                r.Owner(m2, t2); r.Prio(26, 26, 24, 22, 10); r.Counters(boosts: 10, deboosts: 9, interrupts: 3);
                r.Interrupt(t2);
                r.Owner(m1, t1); r.Prio(28, 26, 24, 22, 10); r.Counters(boosts: 10, deboosts: 10, interrupts: 4);
            });
        }

        /// <summary>
        /// The same chain with timed locks made at tick 0 for 4, 3, 2, 1 ticks (T2, T3, T4, H): the chain is
        /// unwound from the far end by the timeouts at ticks 1, 2, 3, 4.
        /// </summary>
        [TestMethod]
        public void Four_level_chain_is_unwound_by_timeouts()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask t1 = r.Task("T1", 28); ScriptedTask t2 = r.Task("T2", 26); ScriptedTask t3 = r.Task("T3", 24); ScriptedTask t4 = r.Task("T4", 22); ScriptedTask h = r.Task("H", 10);
                RtMutex m1 = r.Mutex("m1"); RtMutex m2 = r.Mutex("m2"); RtMutex m3 = r.Mutex("m3"); RtMutex m4 = r.Mutex("m4");
                r.Start();

                t1.Do(delegate { return m1.Lock(); }); t2.Do(delegate { return m2.Lock(); }); t3.Do(delegate { return m3.Lock(); }); t4.Do(delegate { return m4.Lock(); });
                t2.Do(delegate { return m1.LockTimed(4, false); });
                t3.Do(delegate { return m2.LockTimed(3, false); });
                t4.Do(delegate { return m3.LockTimed(2, false); });
                h.Do(delegate { return m4.LockTimed(1, false); });
                r.Prio(10, 10, 10, 10, 10); r.Counters(boosts: 10);
                Assert.AreEqual(0L, r.R.K.Now, "all at tick 0");

                r.R.Ticks(1);
                h.Returned(KernelStatus.TimedOut, 1);
                r.Owner(m4, t4); r.Prio(22, 22, 22, 22, 10); r.Counters(boosts: 10, deboosts: 4, timeouts: 1);
                r.R.Ticks(1);
                t4.Returned(KernelStatus.TimedOut, 2);
                r.Owner(m3, t3); r.Prio(24, 24, 24, 22, 10); r.Counters(boosts: 10, deboosts: 7, timeouts: 2);
                r.R.Ticks(1);
                r.Owner(m2, t2); r.Prio(26, 26, 24, 22, 10); r.Counters(boosts: 10, deboosts: 9, timeouts: 3);
                r.R.Ticks(1);
                t2.Returned(KernelStatus.TimedOut, 2);
                r.Owner(m1, t1); r.Prio(28, 26, 24, 22, 10); r.Counters(boosts: 10, deboosts: 10, timeouts: 4);
            });
        }

        /// <summary>
        /// T1 (28) owns m1; X (20) and T2 (26, owner of m2) wait on m1; T3 (24) waits on m2.
        /// Raising T2 to 12 makes it m1's top waiter (T1 12); lowering it to 30 leaves T3's boost (24) and X on
        /// top (T1 20); raising T3 (the far end) to 8 lifts T2 and T1 to 8; lowering it to 29 drops them.
        /// </summary>
        [TestMethod]
        public void Priority_change_of_a_blocked_task_propagates_through_the_chain()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask t1 = r.Task("T1", 28); ScriptedTask x = r.Task("X", 20); ScriptedTask t2 = r.Task("T2", 26); ScriptedTask t3 = r.Task("T3", 24);
                RtMutex m1 = r.Mutex("m1"); RtMutex m2 = r.Mutex("m2");
                r.Start();

                t1.Do(delegate { return m1.Lock(); }); t2.Do(delegate { return m2.Lock(); });
                x.Do(delegate { return m1.Lock(); });
                t2.Do(delegate { return m1.Lock(); });
                t3.Do(delegate { return m2.Lock(); });
                r.Owner(m1, t1, x, t2); r.Owner(m2, t2, t3); r.Prio(20, 20, 24, 24); r.Counters(boosts: 2);

                r.SetPriority(t2, 12);
                r.Owner(m1, t1, t2, x); r.Prio(12, 20, 12, 24); r.Counters(boosts: 3);
                r.SetPriority(t2, 30);
                r.Owner(m1, t1, x, t2); r.Prio(20, 20, 24, 24); r.Counters(boosts: 3, deboosts: 1);
                r.SetPriority(t3, 8);
                r.Owner(m1, t1, t2, x); r.Prio(8, 20, 8, 8); r.Counters(boosts: 5, deboosts: 1);
                r.SetPriority(t3, 29);
                r.Owner(m1, t1, x, t2); r.Prio(20, 20, 29, 29); r.Counters(boosts: 5, deboosts: 3);

                t1.Do(delegate { return m1.Unlock(); });
                x.Returned(KernelStatus.Ok, 1);
                r.Owner(m1, x, t2); r.Prio(28, 20, 29, 29); r.Counters(boosts: 5, deboosts: 4, handoffs: 1);
            });
        }

        /// <summary>
        /// MaxChainDepth 1, chain H → m3 (T3) → m2 (T2) → m1 (T1), built at ticks 0..3. H's detecting lock on m3
        /// must walk two blocked owners: the walk stops at the limit, the lock is refused (Deadlock), the limit
        /// hit is counted and H is not left queued.
        /// </summary>
        [TestMethod]
        public void Chain_walk_stops_at_the_depth_limit()
        {
            KernelConfig cfg = new KernelConfig();
            cfg.PriorityLevels = 32;
            cfg.CheckInvariants = true;
            cfg.MaxChainDepth = 1;
            Scheduler k = new Scheduler(cfg, new SimulatedBoard(BoardProfiles.Stm32));
            try
            {
                RtMutex m1 = new RtMutex(k, "m1"), m2 = new RtMutex(k, "m2"), m3 = new RtMutex(k, "m3");
                string log = "";
                k.CreateTask("T1", 28, delegate { m1.Lock(); k.Sleep(100); });
                k.CreateTask("T2", 26, delegate { k.Sleep(1); m2.Lock(); m1.Lock(); });
                k.CreateTask("T3", 24, delegate { k.Sleep(2); m3.Lock(); m2.Lock(); });
                k.CreateTask("H", 10, delegate { k.Sleep(3); log = Rig.Name(m3.Lock(true)); });
                k.AdvanceTicks(3);
                Assert.AreEqual("Deadlock", log, "lock through a chain deeper than the limit");
                Assert.IsTrue(RtMutexSystem.Of(k).Counters.DepthLimitHits >= 1, "depth limit counted");
                Assert.AreEqual(0, m3.WaiterCount, "H not queued");
                Assert.AreEqual(1, m2.WaiterCount, "T3 still waits on m2");
                Assert.IsNull(k.FirstFaultedTask(), "no task fault");
            }
            finally
            {
                k.Shutdown();
            }
        }
    }
}
