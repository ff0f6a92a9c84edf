using nanoFramework.TestFramework;
using NfRt.Kernel;
using NfRt.Sync;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// Pending ownership and lock stealing: unlock hands the mutex to the top waiter as PENDING owner; until
    /// that task runs and completes the take, a strictly more urgent task may steal it (an equal one may not),
    /// and the robbed task re-queues. The pending state is observed from inside the unlocker's command, while
    /// the (less urgent) pending owner has not run yet.
    /// </summary>
    [TestClass]
    public class UnitTestRtMutexPendingOwner
    {
        private static string State(RtMutex m)
        {
            if (m.OwnerTask == null) return "free";
            return (m.HasPendingOwner ? "pending:" : "owner:") + m.OwnerTask.Name;
        }

        /// <summary>
        /// O (5) owns m, W (20) waits. O unlocks → W is pending owner (not yet run). O locks again at once: it is
        /// more urgent, so it steals m back; W, robbed, re-queues. O unlocks → W takes m.
        /// </summary>
        [TestMethod]
        public void Unlocker_relocking_steals_back_from_a_less_urgent_pending_owner()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask o = r.Task("O", 5); ScriptedTask w = r.Task("W", 20);
                RtMutex m = r.Mutex("m");
                r.Start();
                o.Do(delegate { return m.Lock(); });
                w.Do(delegate { return m.Lock(); });
                r.Owner(m, o, w); r.Prio(5, 20); r.Counters();

                string seen = null;
                o.Do(delegate { m.Unlock(); seen = State(m); return m.Lock(); });
                Assert.AreEqual("pending:W", seen, "after unlock");
                o.Returned(KernelStatus.Ok, 2);
                Assert.AreEqual(0, w.Done, "W still waits");
                r.Owner(m, o, w); r.Prio(5, 20); r.Counters(steals: 1, handoffs: 1);

                o.Do(delegate { return m.Unlock(); });
                w.Returned(KernelStatus.Ok, 1);
                r.Owner(m, w); r.Counters(steals: 1, handoffs: 2);
            });
        }

        /// <summary>
        /// O (5) owns m; W, then X (20) wait. O unlocks (W pending, X waiting) and wakes S (10): S runs before
        /// W and steals m; X's boost entry moves to S. W, robbed, re-queues at the TAIL of its group (X W).
        /// Then S → X → W.
        /// </summary>
        [TestMethod]
        public void More_urgent_task_steals_from_a_pending_owner_who_requeues_at_the_tail()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask o = r.Task("O", 5); ScriptedTask w = r.Task("W", 20); ScriptedTask x = r.Task("X", 20); ScriptedTask s = r.Task("S", 10);
                RtMutex m = r.Mutex("m");
                r.Start();
                o.Do(delegate { return m.Lock(); });
                w.Do(delegate { return m.Lock(); });
                x.Do(delegate { return m.Lock(); });
                r.Owner(m, o, w, x);

                string seen = null;
                o.Do(delegate
                {
                    KernelStatus u = m.Unlock();
                    seen = State(m);
                    s.Send(delegate { return m.Lock(); });
                    return u;
                });
                Assert.AreEqual("pending:W", seen, "after unlock");
                s.Returned(KernelStatus.Ok, 1);
                r.Owner(m, s, x, w); r.Prio(5, 20, 20, 10); r.Counters(steals: 1, handoffs: 1);

                s.Do(delegate { return m.Unlock(); });
                x.Returned(KernelStatus.Ok, 1);
                r.Owner(m, x, w);
                x.Do(delegate { return m.Unlock(); });
                w.Returned(KernelStatus.Ok, 1);
                r.Owner(m, w); r.Counters(steals: 1, handoffs: 3);
            });
        }

        /// <summary>
        /// O and W both 20. O unlocks (W pending, not run: equal tasks do not preempt); O's TryLock fails and its
        /// Lock queues (an equal task cannot steal); W runs and completes the take; W's unlock hands m to O.
        /// </summary>
        [TestMethod]
        public void Equal_priority_cannot_steal_from_a_pending_owner()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask o = r.Task("O", 20); ScriptedTask w = r.Task("W", 20);
                RtMutex m = r.Mutex("m");
                r.Start();
                o.Do(delegate { return m.Lock(); });
                w.Do(delegate { return m.Lock(); });

                string seen = null;
                bool tried = true;
                o.Do(delegate { m.Unlock(); seen = State(m); tried = m.TryLock(); return m.Lock(); });
                Assert.AreEqual("pending:W", seen, "after unlock");
                Assert.IsFalse(tried, "TryLock by an equal task");
                Assert.AreEqual(1, o.Done, "O's relock waits");
                w.Returned(KernelStatus.Ok, 1);
                r.Owner(m, w, o); r.Prio(20, 20); r.Counters(handoffs: 1);

                w.Do(delegate { return m.Unlock(); });
                o.Returned(KernelStatus.Ok, 2);
                r.Owner(m, o); r.Counters(handoffs: 2);
            });
        }

        /// <summary>TryLock never robs a real owner (false), but steals from a less urgent pending owner (true).</summary>
        [TestMethod]
        public void TryLock_steals_only_from_a_less_urgent_pending_owner()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask o = r.Task("O", 5); ScriptedTask w = r.Task("W", 20); ScriptedTask t = r.Task("T", 3);
                RtMutex m = r.Mutex("m");
                r.Start();
                o.Do(delegate { return m.Lock(); });
                t.Do(delegate { return m.TryLock() ? KernelStatus.Ok : KernelStatus.Busy; });
                t.Returned(KernelStatus.Busy, 1);
                r.Owner(m, o);
                w.Do(delegate { return m.Lock(); });

                o.Do(delegate { m.Unlock(); return m.TryLock() ? KernelStatus.Ok : KernelStatus.Busy; });
                o.Returned(KernelStatus.Ok, 2);
                r.Owner(m, o, w); r.Counters(steals: 1, handoffs: 1);
                o.Do(delegate { return m.Unlock(); });
                w.Returned(KernelStatus.Ok, 1);
            });
        }

        /// <summary>W (interruptible) is made pending owner and then interrupted before it runs: not robbed, it still takes m (Ok).</summary>
        [TestMethod]
        public void Interrupted_pending_owner_still_takes_the_mutex()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask o = r.Task("O", 5); ScriptedTask w = r.Task("W", 20);
                RtMutex m = r.Mutex("m");
                r.Start();
                o.Do(delegate { return m.Lock(); });
                w.Do(delegate { return m.LockInterruptible(false); });
                o.Do(delegate { m.Unlock(); return r.R.K.Interrupt(w.Tcb); });
                o.Returned(KernelStatus.Ok, 2);
                w.Returned(KernelStatus.Ok, 1);
                r.Owner(m, w); r.Counters(handoffs: 1);
            });
        }

        /// <summary>W (interruptible) is made pending owner, interrupted, then robbed by S: W returns Interrupted and is not queued.</summary>
        [TestMethod]
        public void Robbed_and_interrupted_pending_owner_returns_interrupted()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask o = r.Task("O", 5); ScriptedTask w = r.Task("W", 20); ScriptedTask s = r.Task("S", 10);
                RtMutex m = r.Mutex("m");
                r.Start();
                o.Do(delegate { return m.Lock(); });
                w.Do(delegate { return m.LockInterruptible(false); });
                o.Do(delegate
                {
                    m.Unlock();
                    r.R.K.Interrupt(w.Tcb);
                    s.Send(delegate { return m.Lock(); });
                    return KernelStatus.Ok;
                });
                s.Returned(KernelStatus.Ok, 1);
                w.Returned(KernelStatus.Interrupted, 1);
                r.Owner(m, s); r.Prio(5, 20, 10); r.Counters(steals: 1, handoffs: 1, interrupts: 1);
            });
        }

        /// <summary>A timed waiter handed the mutex takes it; its timeout is disarmed and never fires later.</summary>
        [TestMethod]
        public void Timed_waiter_handed_the_mutex_keeps_it_past_its_deadline()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask o = r.Task("O", 5); ScriptedTask w = r.Task("W", 20);
                RtMutex m = r.Mutex("m");
                r.Start();
                o.Do(delegate { return m.Lock(); });
                w.Do(delegate { return m.LockTimed(5, false); });
                r.R.Ticks(2);
                o.Do(delegate { return m.Unlock(); });
                w.Returned(KernelStatus.Ok, 1);
                r.R.Ticks(10);
                r.Owner(m, w); r.Counters(handoffs: 1);
            });
        }
    }
}
