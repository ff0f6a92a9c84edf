using nanoFramework.TestFramework;
using NfRt.Kernel;
using NfRt.Sync;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// The semaphore, the message queue, the event flags and the rt-mutex options (docs/spec/primitives.md)
    /// on the device rules (the rt-mutex ones on both CAS flavours): wait order and its change under priority inheritance,
    /// direct hand-off, interrupts, timeouts, destroy; ceiling, recursion, robustness.
    /// </summary>
    [TestClass]
    public class UnitTestPrimitives
    {
        private static string Order(TaskControlBlock a, TaskControlBlock b, TaskControlBlock c)
        {
            return (a == null ? "-" : a.Name) + " " + (b == null ? "-" : b.Name) + " " + (c == null ? "-" : c.Name);
        }

        /// <summary>
        /// B (12) owns m and waits on the semaphore, A (10) too: order A, B. H (3) blocks on m: B inherits 3 and
        /// moves ahead; a give goes to B. Interrupt ends A's take; B unlocks m → H owns it.
        /// </summary>
        [TestMethod]
        public void Semaphore_waiter_moves_under_inheritance_and_gets_the_unit()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask a = r.Task("A", 10); ScriptedTask b = r.Task("B", 12); ScriptedTask h = r.Task("H", 3);
                RtMutex m = r.Mutex("m");
                CountingSemaphore sem = new CountingSemaphore(r.R.K, "sem", 0, 2);
                r.Start();
                b.Do(delegate { return m.Lock(); });
                b.Do(delegate { return sem.Take(-1); }); a.Do(delegate { return sem.Take(-1); });
                Assert.AreEqual("A B -", Order(sem.WaiterAt(0), sem.WaiterAt(1), sem.WaiterAt(2)), "order before");
                h.Do(delegate { return m.Lock(); });
                r.Prio(10, 3, 3);
                Assert.AreEqual("B A -", Order(sem.WaiterAt(0), sem.WaiterAt(1), sem.WaiterAt(2)), "order after the boost");
                Rig.Is(KernelStatus.Ok, sem.Give(), "give from the driver");
                r.R.Run();
                b.Returned(KernelStatus.Ok, 2);
                r.Interrupt(a);
                a.Returned(KernelStatus.Interrupted, 1);
                b.Do(delegate { return m.Unlock(); });
                r.Owner(m, h); r.Prio(10, 12, 3);
                Rig.Is(KernelStatus.Ok, sem.Give(), "give"); Rig.Is(KernelStatus.Ok, sem.Give(), "give");
                Rig.Is(KernelStatus.Busy, sem.Give(), "give at the maximum");
                Assert.AreEqual(2, sem.Count, "count");
                r.Finish();
            });
        }

        /// <summary>A receiver waits: a send writes into its array (the queue stays empty). A full queue blocks a sender until a receive lets it in; urgent goes first.</summary>
        [TestMethod]
        public void Queue_hands_off_directly_and_lets_blocked_senders_in()
        {
            using (MutexRig r = new MutexRig(NfRt.Boards.BoardProfiles.Stm32))   // no CAS involved: one board
            {
                ScriptedTask rx = r.Task("R", 5); ScriptedTask tx = r.Task("S", 10);
                MessageQueue q = new MessageQueue(r.R.K, "q", 1, 2);
                r.Start();
                int[] into = new int[2];
                rx.Do(delegate { return q.Receive(into, -1); });
                tx.Do(delegate { return q.Send(new int[] { 7, 8 }, 0); });
                rx.Returned(KernelStatus.Ok, 1);
                Assert.AreEqual(7, into[0], "word 0"); Assert.AreEqual(8, into[1], "word 1");
                Assert.AreEqual(0, q.Count, "direct: nothing queued");
                tx.Do(delegate { return q.Send(new int[] { 1, 1 }, 0); });
                tx.Do(delegate { return q.SendUrgent(new int[] { 2, 2 }, -1); });
                Assert.AreEqual(1, q.SenderCount, "a blocked sender");
                rx.Do(delegate { return q.Receive(into, 0); });
                Assert.AreEqual(1, into[0], "the queued message first");
                tx.Returned(KernelStatus.Ok, 3);
                Assert.AreEqual(2, q.Peek(0, 0), "the blocked sender's message moved in");
                rx.Do(delegate { return q.Receive(into, 0); });
                rx.Do(delegate { return q.Receive(into, 0); });
                rx.Returned(KernelStatus.TimedOut, 4);
                Rig.Is(KernelStatus.InvalidArgument, q.Send(new int[1], 0), "short message");
                r.Prio(5, 10);   // no rt-mutex here: no CAS to check (r.Finish), only the invariants
            }
        }

        /// <summary>
        /// Bad arrays where the fast path runs (a task calls, nobody waits, no line pending): a null or too short array is
        /// InvalidArgument without entering the kernel (the invariant checkers, which every full call runs, did not run),
        /// and nothing moves: the runtime's Array.Copy refuses the array before it writes a word.
        /// </summary>
        [TestMethod]
        public void Queue_fast_path_refuses_bad_arrays_and_changes_nothing()
        {
            using (MutexRig r = new MutexRig(NfRt.Boards.BoardProfiles.Stm32))
            {
                ScriptedTask t = r.Task("T", 5);
                MessageQueue q = new MessageQueue(r.R.K, "q", 2, 3);
                r.Start();
                int[] shortInto = new int[] { 7, 7 };
                int fullCalls = 0;
                t.Do(delegate { int c = r.R.K.InvariantChecks; KernelStatus s = q.Send(null, 0); if (r.R.K.InvariantChecks != c) fullCalls++; return s; });
                t.Returned(KernelStatus.InvalidArgument, 1);
                t.Do(delegate { int c = r.R.K.InvariantChecks; KernelStatus s = q.Send(new int[] { 9, 9 }, 0); if (r.R.K.InvariantChecks != c) fullCalls++; return s; });
                t.Returned(KernelStatus.InvalidArgument, 2);
                Assert.AreEqual(0, q.Count, "nothing sent");
                t.Do(delegate { return q.Send(new int[] { 1, 2, 3 }, 0); });
                t.Returned(KernelStatus.Ok, 3);
                t.Do(delegate { int c = r.R.K.InvariantChecks; KernelStatus s = q.Receive(null, 0); if (r.R.K.InvariantChecks != c) fullCalls++; return s; });
                t.Returned(KernelStatus.InvalidArgument, 4);
                t.Do(delegate { int c = r.R.K.InvariantChecks; KernelStatus s = q.Receive(shortInto, 0); if (r.R.K.InvariantChecks != c) fullCalls++; return s; });
                t.Returned(KernelStatus.InvalidArgument, 5);
                Assert.AreEqual(0, fullCalls, "answered on the fast path");
                Assert.AreEqual(1, q.Count, "the message stays queued");
                Assert.AreEqual(7, shortInto[0], "the short array untouched (word 0)");
                Assert.AreEqual(7, shortInto[1], "the short array untouched (word 1)");
                Assert.AreEqual(3, q.Peek(0, 2), "the queued message intact");
                int[] into = new int[3];
                t.Do(delegate { return q.Receive(into, 0); });
                t.Returned(KernelStatus.Ok, 6);
                Assert.AreEqual(1, into[0], "word 0"); Assert.AreEqual(3, into[2], "word 2");
                r.Prio(5);   // no rt-mutex here: only the invariants
            }
        }

        /// <summary>Two clearing waiters of flag 1: the more urgent one takes it and the other keeps waiting; all-of waits; a timed wait times out; destroy wakes.</summary>
        [TestMethod]
        public void Flags_serve_waiters_in_priority_order_with_clear_on_exit()
        {
            using (MutexRig r = new MutexRig(NfRt.Boards.BoardProfiles.Stm32))   // no CAS involved: one board
            {
                ScriptedTask a = r.Task("A", 10); ScriptedTask b = r.Task("B", 5);
                EventFlags f = new EventFlags(r.R.K, "f");
                r.Start();
                int oa = 0, ob = 0;
                a.Do(delegate { return f.Wait(1, false, true, -1, out oa); });
                b.Do(delegate { return f.Wait(1, false, true, -1, out ob); });
                Rig.Is(KernelStatus.Ok, f.Set(1), "set");
                r.R.Run();
                b.Returned(KernelStatus.Ok, 1);
                Assert.AreEqual(1, ob, "B observed");
                Assert.IsTrue(a.Blocked, "A still waits");
                Assert.AreEqual(0, f.Value, "cleared");
                Rig.Is(KernelStatus.Ok, f.Set(3), "set");
                r.R.Run();
                a.Returned(KernelStatus.Ok, 1);
                Assert.AreEqual(3, oa, "A observed");
                b.Do(delegate { return f.Wait(6, true, false, 2, out ob); });
                r.R.Ticks(2);
                b.Returned(KernelStatus.TimedOut, 2);
                Assert.AreEqual(2, ob, "value at the timeout");
                b.Do(delegate { return f.Wait(8, false, false, -1, out ob); });
                Rig.Is(KernelStatus.Ok, f.Destroy(), "destroy");
                r.R.Run();
                b.Returned(KernelStatus.Destroyed, 3);
                r.Prio(10, 5);   // no rt-mutex here: no CAS to check (r.Finish), only the invariants
            }
        }

        /// <summary>L (20) locks C (ceiling 5) → 5; P (plain) too, H (3) waits on P → 3; unlock C → 3; unlock P → 20. H (normal 3) locking C: CeilingViolated.</summary>
        [TestMethod]
        public void Ceiling_mutex_combines_with_inheritance()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask l = r.Task("L", 20); ScriptedTask h = r.Task("H", 3);
                RtMutexOptions o = new RtMutexOptions();
                o.Ceiling = 5;
                RtMutex c = new RtMutex(r.R.K, "C", o);
                RtMutex p = r.Mutex("P");
                r.Start();
                l.Do(delegate { return c.Lock(); });
                r.Prio(5, 3);
                l.Do(delegate { return p.Lock(); });
                h.Do(delegate { return p.Lock(); });
                r.Prio(3, 3);
                l.Do(delegate { return c.Unlock(); });
                r.Prio(3, 3);
                l.Do(delegate { return p.Unlock(); });
                r.Owner(p, h); r.Prio(20, 3);
                h.Do(delegate { return c.Lock(); });
                h.Returned(KernelStatus.CeilingViolated, 2);
                Assert.IsNull(c.OwnerTask, "C stays free");
                r.Finish();
            });
        }

        /// <summary>A recursive mutex locked twice needs two unlocks; a robust one whose owner ended tells the next locker OwnerDied, once.</summary>
        [TestMethod]
        public void Recursive_and_robust_mutexes()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask a = r.Task("A", 10); ScriptedTask w = r.Task("W", 5);
                RtMutexOptions o = new RtMutexOptions();
                o.Recursive = true;
                o.Robust = true;
                RtMutex m = new RtMutex(r.R.K, "m", o);
                r.Start();
                a.Do(delegate { return m.Lock(); }); a.Do(delegate { return m.Lock(); });
                Assert.AreEqual(1, m.RecursionDepth, "depth");
                w.Do(delegate { return m.Lock(); });
                r.Prio(5, 5);
                a.Do(delegate { return m.Unlock(); });
                r.Owner(m, a, w);
                a.Do(delegate { return m.Unlock(); });
                r.Owner(m, w); r.Prio(10, 5);
                w.Do(delegate { return m.Unlock(); });

                bool ended = false;
                r.R.Task("X", 7, delegate { m.Lock(); m.Lock(); ended = true; });
                r.R.Run();
                Assert.IsTrue(ended && m.IsOwnerDead, "X ended holding m");
                w.Do(delegate { return m.Lock(); });
                w.Returned(KernelStatus.OwnerDied, 3);
                w.Do(delegate { return m.Unlock(); });
                w.Do(delegate { return m.Lock(); });
                w.Returned(KernelStatus.Ok, 5);
                w.Do(delegate { return m.Unlock(); });
                Assert.AreEqual(0, m.OwnerWord, "free");
            });
        }
    }
}
