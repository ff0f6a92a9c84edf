using nanoFramework.TestFramework;
using NfRt.Kernel;
using NfRt.Sync;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// rt-mutex priority inheritance on one owner: the boost follows the top waiter, waiters are served most
    /// urgent first and FIFO among equals, several held mutexes deboost one at a time, priority changes keep
    /// a boost. Each test runs on a board with a hardware CAS and on the Cortex-M0 board (masked CAS).
    /// </summary>
    [TestClass]
    public class UnitTestRtMutexInheritance
    {
        /// <summary>L locks and unlocks a free mutex: one CAS each (no slow path), owner word = L's id above the flag bits.</summary>
        [TestMethod]
        public void Uncontended_lock_and_unlock_take_the_fast_path()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask l = r.Task("L", 20);
                RtMutex m = r.Mutex("m");
                r.Start();
                l.Do(delegate { return m.Lock(); });
                l.Returned(KernelStatus.Ok, 1);
                r.Owner(m, l);
                Assert.AreEqual(l.Tcb.Id << RtMutex.OwnerShift, m.OwnerWord, "owner word");
                l.Do(delegate { return m.Unlock(); });
                l.Returned(KernelStatus.Ok, 2);
                r.Free(m);
                Assert.AreEqual(0, r.C.SlowLocks, "no slow path");
                r.Counters();
            });
        }

        /// <summary>
        /// L (20), H (5). 1. L locks m. 2. H blocks → L boosted to 5. 3. L unlocks: H becomes pending owner,
        /// preempts L and completes the take → owner H, L back to 20. 4. H unlocks → free.
        /// </summary>
        [TestMethod]
        public void One_level_inheritance_boosts_the_owner_until_unlock()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask l = r.Task("L", 20); ScriptedTask h = r.Task("H", 5);
                RtMutex m = r.Mutex("m");
                r.Start();

                l.Do(delegate { return m.Lock(); });
                r.Owner(m, l); r.Prio(20, 5); r.Counters();

                h.Do(delegate { return m.Lock(); });
                Assert.IsTrue(h.Blocked, "H blocked");
                r.Owner(m, l, h); r.Prio(5, 5); r.Counters(boosts: 1);
                Assert.AreEqual(1, r.C.Inversions, "one inversion");

                l.Do(delegate { return m.Unlock(); });
                l.Returned(KernelStatus.Ok, 2);
                h.Returned(KernelStatus.Ok, 1);
                r.Owner(m, h); r.Prio(20, 5); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);

                h.Do(delegate { return m.Unlock(); });
                r.Free(m); r.Prio(20, 5); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);
            });
        }

        /// <summary>
        /// L (30), W1 (25), W2 (20), W3 (15) lock interruptibly. Each new top waiter raises L (25, 20, 15);
        /// interrupting W1 (not top) keeps 15; W3 (top) leaves → 20; W2 leaves → 30.
        /// </summary>
        [TestMethod]
        public void Boost_tracks_the_top_waiter_as_waiters_arrive_and_leave()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask l = r.Task("L", 30); ScriptedTask w1 = r.Task("W1", 25); ScriptedTask w2 = r.Task("W2", 20); ScriptedTask w3 = r.Task("W3", 15);
                RtMutex m = r.Mutex("m");
                r.Start();

                l.Do(delegate { return m.Lock(); });
                w1.Do(delegate { return m.LockInterruptible(false); });
                r.Owner(m, l, w1); r.Prio(25, 25, 20, 15); r.Counters(boosts: 1);
                w2.Do(delegate { return m.LockInterruptible(false); });
                r.Owner(m, l, w2, w1); r.Prio(20, 25, 20, 15); r.Counters(boosts: 2);
                w3.Do(delegate { return m.LockInterruptible(false); });
                r.Owner(m, l, w3, w2, w1); r.Prio(15, 25, 20, 15); r.Counters(boosts: 3);

                r.Interrupt(w1);
                w1.Returned(KernelStatus.Interrupted, 1);
                r.Owner(m, l, w3, w2); r.Prio(15, 25, 20, 15); r.Counters(boosts: 3, interrupts: 1);

                r.Interrupt(w3);
                w3.Returned(KernelStatus.Interrupted, 1);
                r.Owner(m, l, w2); r.Prio(20, 25, 20, 15); r.Counters(boosts: 3, deboosts: 1, interrupts: 2);

                r.Interrupt(w2);
                r.Owner(m, l); r.Prio(30, 25, 20, 15); r.Counters(boosts: 3, deboosts: 2, interrupts: 3);

                l.Do(delegate { return m.Unlock(); });
                r.Free(m); r.Counters(boosts: 3, deboosts: 2, interrupts: 3);
            });
        }

        /// <summary>L (20); A, B, C (10) block in that order: served A, B, C (FIFO among equals).</summary>
        [TestMethod]
        public void Equal_priority_waiters_are_served_fifo()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask l = r.Task("L", 20); ScriptedTask a = r.Task("A", 10); ScriptedTask b = r.Task("B", 10); ScriptedTask c = r.Task("C", 10);
                RtMutex m = r.Mutex("m");
                r.Start();

                l.Do(delegate { return m.Lock(); });
                a.Do(delegate { return m.Lock(); }); b.Do(delegate { return m.Lock(); }); c.Do(delegate { return m.Lock(); });
                r.Owner(m, l, a, b, c); r.Prio(10, 10, 10, 10); r.Counters(boosts: 1);

                l.Do(delegate { return m.Unlock(); });
                a.Returned(KernelStatus.Ok, 1);
                r.Owner(m, a, b, c); r.Prio(20, 10, 10, 10); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);
                a.Do(delegate { return m.Unlock(); });
                r.Owner(m, b, c); r.Counters(boosts: 1, deboosts: 1, handoffs: 2);
                b.Do(delegate { return m.Unlock(); });
                r.Owner(m, c); r.Counters(boosts: 1, deboosts: 1, handoffs: 3);
                c.Do(delegate { return m.Unlock(); });
                r.Free(m);
            });
        }

        /// <summary>
        /// L (20); A (15) blocks first, then B (10), then C (15) → waiters B A C, L 10. Unlock hands m to B
        /// (the most urgent), not to the oldest A; B then hands it to A, and A to C.
        /// </summary>
        [TestMethod]
        public void Unlock_hands_off_to_the_most_urgent_waiter_not_the_oldest()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask l = r.Task("L", 20); ScriptedTask a = r.Task("A", 15); ScriptedTask b = r.Task("B", 10); ScriptedTask c = r.Task("C", 15);
                RtMutex m = r.Mutex("m");
                r.Start();

                l.Do(delegate { return m.Lock(); });
                a.Do(delegate { return m.Lock(); });
                r.Prio(15, 15, 10, 15);
                b.Do(delegate { return m.Lock(); });
                c.Do(delegate { return m.Lock(); });
                r.Owner(m, l, b, a, c); r.Prio(10, 15, 10, 15); r.Counters(boosts: 2);

                l.Do(delegate { return m.Unlock(); });
                b.Returned(KernelStatus.Ok, 1);
                Assert.AreEqual(0, a.Done, "A still waits");
                r.Owner(m, b, a, c); r.Prio(20, 15, 10, 15); r.Counters(boosts: 2, deboosts: 1, handoffs: 1);

                b.Do(delegate { return m.Unlock(); });
                a.Returned(KernelStatus.Ok, 1);
                r.Owner(m, a, c);
                a.Do(delegate { return m.Unlock(); });
                c.Returned(KernelStatus.Ok, 1);
                r.Owner(m, c);
                c.Do(delegate { return m.Unlock(); });
                r.Free(m); r.Counters(boosts: 2, deboosts: 1, handoffs: 3);
            });
        }

        /// <summary>
        /// L (30) holds m1 and m2; H2 (20) waits on m2, H1 (10) on m1 → L 10. L unlocks m1 (the deciding
        /// mutex): deboosted only to 20 (H2 still waits). L unlocks m2 → 30.
        /// </summary>
        [TestMethod]
        public void Releasing_the_deciding_mutex_first_deboosts_partially()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask l = r.Task("L", 30); ScriptedTask h1 = r.Task("H1", 10); ScriptedTask h2 = r.Task("H2", 20);
                RtMutex m1 = r.Mutex("m1"); RtMutex m2 = r.Mutex("m2");
                r.Start();

                l.Do(delegate { return m1.Lock(); }); l.Do(delegate { return m2.Lock(); });
                h2.Do(delegate { return m2.Lock(); });
                r.Owner(m2, l, h2); r.Prio(20, 10, 20); r.Counters(boosts: 1);
                h1.Do(delegate { return m1.Lock(); });
                r.Owner(m1, l, h1); r.Owner(m2, l, h2); r.Prio(10, 10, 20); r.Counters(boosts: 2);

                l.Do(delegate { return m1.Unlock(); });
                h1.Returned(KernelStatus.Ok, 1);
                r.Owner(m1, h1); r.Owner(m2, l, h2); r.Prio(20, 10, 20); r.Counters(boosts: 2, deboosts: 1, handoffs: 1);

                l.Do(delegate { return m2.Unlock(); });
                h2.Returned(KernelStatus.Ok, 1);
                r.Owner(m1, h1); r.Owner(m2, h2); r.Prio(30, 10, 20); r.Counters(boosts: 2, deboosts: 2, handoffs: 2);
            });
        }

        /// <summary>
        /// L (30) holds m1 and m2; H1 (10) waits on m1, H2 (20) on m2 → L 10. Releasing m2 first keeps L at
        /// 10 (H1 still decides); releasing m1 → 30.
        /// </summary>
        [TestMethod]
        public void Releasing_the_other_mutex_first_keeps_the_boost()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask l = r.Task("L", 30); ScriptedTask h1 = r.Task("H1", 10); ScriptedTask h2 = r.Task("H2", 20);
                RtMutex m1 = r.Mutex("m1"); RtMutex m2 = r.Mutex("m2");
                r.Start();

                l.Do(delegate { return m1.Lock(); }); l.Do(delegate { return m2.Lock(); });
                h1.Do(delegate { return m1.Lock(); });
                h2.Do(delegate { return m2.Lock(); });
                r.Prio(10, 10, 20); r.Counters(boosts: 1);

                l.Do(delegate { return m2.Unlock(); });
                h2.Returned(KernelStatus.Ok, 1);
                r.Owner(m1, l, h1); r.Owner(m2, h2); r.Prio(10, 10, 20); r.Counters(boosts: 1, handoffs: 1);

                l.Do(delegate { return m1.Unlock(); });
                r.Owner(m1, h1); r.Prio(30, 10, 20); r.Counters(boosts: 1, deboosts: 1, handoffs: 2);
            });
        }

        /// <summary>
        /// L (20) owns m, H (10) waits → L 10. L's priority set to 25 keeps the boost (10); to 5 → 5; to 15 →
        /// back to the boost 10; L unlocks → 15, its new normal priority.
        /// </summary>
        [TestMethod]
        public void Priority_change_of_a_boosted_owner_keeps_the_boost()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask l = r.Task("L", 20); ScriptedTask h = r.Task("H", 10);
                RtMutex m = r.Mutex("m");
                r.Start();

                l.Do(delegate { return m.Lock(); }); h.Do(delegate { return m.Lock(); });
                r.Prio(10, 10);
                r.SetPriority(l, 25); r.Prio(10, 10);
                r.SetPriority(l, 5); r.Prio(5, 10);
                r.SetPriority(l, 15); r.Prio(10, 10);
                l.Do(delegate { return m.Unlock(); });
                h.Returned(KernelStatus.Ok, 1);
                r.Owner(m, h); r.Prio(15, 10); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);
            });
        }

        /// <summary>
        /// The classic inversion, as on a board: Low (20) locks the bus and works 10 ticks; Medium (10) wakes at
        /// tick 3 and works 50; High (5) wakes at 2 and locks the bus. With inheritance Low runs at 5 past
        /// Medium, so High owns the bus at tick 10 — waiting 8 ticks, not 8 + 50. Low, back at 20, finishes
        /// after Medium.
        /// </summary>
        [TestMethod]
        public void Inheritance_bounds_the_wait_of_the_urgent_task_by_the_critical_section()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                RtMutex bus = r.Mutex("bus");
                r.R.Task("low", 20, delegate { bus.Lock(); r.R.K.Busy(10); bus.Unlock(); r.R.Log("low-done@" + r.R.K.Now); });
                r.R.Task("medium", 10, delegate { r.R.K.Sleep(3); r.R.K.Busy(50); r.R.Log("medium-done@" + r.R.K.Now); });
                r.R.Task("high", 5, delegate { r.R.K.Sleep(2); bus.Lock(); r.R.Log("high-owns@" + r.R.K.Now); bus.Unlock(); });
                r.R.Ticks(100);
                r.R.AssertLog("high-owns@10 medium-done@60 low-done@60");
                Assert.AreEqual(1, r.C.Boosts, "low boosted once");
                Assert.AreEqual(1, r.C.Inversions, "one inversion");
            });
        }
    }
}
