using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// Deadlock detection, timed / interruptible / try locks, misuse and wrong contexts, and an owner that
    /// exits holding a mutex. Every result is a <see cref="KernelStatus"/>; misuse changes nothing.
    /// </summary>
    [TestClass]
    public class UnitTestRtMutexErrors
    {
        /// <summary>
        /// A (20) owns m1, B (10) owns m2; A waits on m2 (detecting); B's detecting lock on m1 would close the
        /// cycle: Deadlock, its boost of A undone; B unlocks m2 → A gets it.
        /// </summary>
        [TestMethod]
        public void Abba_cycle_is_reported_as_deadlock_and_its_boost_undone()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask a = r.Task("A", 20); ScriptedTask b = r.Task("B", 10);
                RtMutex m1 = r.Mutex("m1"); RtMutex m2 = r.Mutex("m2");
                r.Start();
                a.Do(delegate { return m1.Lock(); }); b.Do(delegate { return m2.Lock(); });
                a.Do(delegate { return m2.LockInterruptible(true); });
                r.Owner(m2, b, a); r.Prio(20, 10); r.Counters();

                b.Do(delegate { return m1.LockInterruptible(true); });
                b.Returned(KernelStatus.Deadlock, 2);
                Assert.AreEqual(-35, (int)b.Last, "EDEADLK");
                r.Owner(m1, a); r.Owner(m2, b, a); r.Prio(20, 10); r.Counters(boosts: 1, deboosts: 1, deadlocks: 1);

                b.Do(delegate { return m2.Unlock(); });
                a.Returned(KernelStatus.Ok, 2);
                r.Owner(m2, a); r.Counters(boosts: 1, deboosts: 1, deadlocks: 1, handoffs: 1);
            });
        }

        /// <summary>A three-task cycle (A→m2, B→m3, C→m1) is detected when C closes it; C is not left queued.</summary>
        [TestMethod]
        public void Three_task_cycle_is_detected()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask a = r.Task("A", 20); ScriptedTask b = r.Task("B", 22); ScriptedTask c = r.Task("C", 24);
                RtMutex m1 = r.Mutex("m1"); RtMutex m2 = r.Mutex("m2"); RtMutex m3 = r.Mutex("m3");
                r.Start();
                a.Do(delegate { return m1.Lock(); }); b.Do(delegate { return m2.Lock(); }); c.Do(delegate { return m3.Lock(); });
                a.Do(delegate { return m2.Lock(true); });
                b.Do(delegate { return m3.Lock(true); });
                r.Prio(20, 20, 20);
                c.Do(delegate { return m1.Lock(true); });
                c.Returned(KernelStatus.Deadlock, 2);
                r.Owner(m1, a); r.Owner(m2, b, a); r.Owner(m3, c, b); r.Prio(20, 20, 20);
                Assert.AreEqual(1, r.C.Deadlocks, "deadlocks");
                Assert.IsNull(c.Tcb.BlockedOn, "C not blocked");
            });
        }

        /// <summary>Locking a mutex one owns is Deadlock for every variant, never a hang; TryLock is false; the owner keeps it.</summary>
        [TestMethod]
        public void Self_lock_is_deadlock_for_every_variant()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask o = r.Task("O", 10);
                RtMutex m = r.Mutex("m");
                r.Start();
                o.Do(delegate { return m.Lock(); });
                string got = "";
                o.Do(delegate
                {
                    got = Rig.Name(m.Lock()) + " " + Rig.Name(m.Lock(true)) + " " + Rig.Name(m.LockInterruptible(false)) + " "
                        + Rig.Name(m.LockTimed(0, false)) + " " + Rig.Name(m.LockTimed(5, false)) + " " + (m.TryLock() ? "true" : "false");
                    return KernelStatus.Ok;
                });
                Assert.AreEqual("Deadlock Deadlock Deadlock Deadlock Deadlock false", got, "self-lock results");
                r.Owner(m, o); r.Counters(deadlocks: 5);
                Assert.AreEqual(0L, r.R.K.Now, "no time passed");
            });
        }

        /// <summary>H (5) LockTimed(3) on a mutex L (20) holds: L boosted to 5; at tick 3 H returns TimedOut and L drops to 20.</summary>
        [TestMethod]
        public void Timed_lock_times_out_at_its_deadline_and_undoes_the_boost()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask l = r.Task("L", 20); ScriptedTask h = r.Task("H", 5);
                RtMutex m = r.Mutex("m");
                r.Start();
                l.Do(delegate { return m.Lock(); });
                h.Do(delegate { return m.LockTimed(3, false); });
                r.Owner(m, l, h); r.Prio(5, 5); r.Counters(boosts: 1);
                r.R.Ticks(2);
                Assert.IsTrue(h.Blocked, "still waiting at tick 2");
                r.R.Ticks(1);
                h.Returned(KernelStatus.TimedOut, 1);
                Assert.AreEqual(3L, r.R.K.Now, "tick");
                r.Owner(m, l); r.Prio(20, 5); r.Counters(boosts: 1, deboosts: 1, timeouts: 1);
            });
        }

        /// <summary>LockTimed(0) on a held mutex times out at once; a negative timeout is InvalidArgument; on a free mutex Ok.</summary>
        [TestMethod]
        public void Timed_lock_zero_and_negative()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask l = r.Task("L", 20); ScriptedTask h = r.Task("H", 5);
                RtMutex m = r.Mutex("m"); RtMutex free = r.Mutex("free");
                r.Start();
                l.Do(delegate { return m.Lock(); });
                h.Do(delegate { return m.LockTimed(0, false); });
                h.Returned(KernelStatus.TimedOut, 1);
                h.Do(delegate { return m.LockTimed(-1, false); });
                h.Returned(KernelStatus.InvalidArgument, 2);
                h.Do(delegate { return free.LockTimed(0, false); });
                h.Returned(KernelStatus.Ok, 3);
                r.Owner(m, l); r.Owner(free, h); r.Prio(20, 5); r.Counters(timeouts: 1);
                Assert.AreEqual(0L, r.R.K.Now, "no time passed");
            });
        }

        /// <summary>
        /// An uninterruptible Lock cannot be interrupted (WrongState, it keeps waiting); LockInterruptible returns
        /// Interrupted. Every other wait is interruptible (docs/spec/scheduler.md §19): interrupting L while it
        /// waits for its next command on its event ends that wait (Ok; the scripted task just waits again).
        /// </summary>
        [TestMethod]
        public void Only_interruptible_waits_can_be_interrupted()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask l = r.Task("L", 20); ScriptedTask u = r.Task("U", 10); ScriptedTask i = r.Task("I", 12);
                RtMutex m = r.Mutex("m");
                r.Start();
                l.Do(delegate { return m.Lock(); });
                Rig.Is(KernelStatus.Ok, r.R.K.Interrupt(l.Tcb), "interrupt a task waiting on its event");
                r.R.Run();
                Assert.IsTrue(l.Listening, "L waits for a command again");
                Assert.AreEqual(1, l.Done, "no command finished by the interrupt");
                u.Do(delegate { return m.Lock(); });
                i.Do(delegate { return m.LockInterruptible(false); });
                Rig.Is(KernelStatus.WrongState, r.R.K.Interrupt(u.Tcb), "interrupt an uninterruptible lock");
                r.R.Run();
                Assert.IsTrue(u.Blocked, "U still waits");
                r.Interrupt(i);
                i.Returned(KernelStatus.Interrupted, 1);
                r.Owner(m, l, u); r.Prio(10, 10, 12); r.Counters(boosts: 1, interrupts: 1);
                l.Do(delegate { return m.Unlock(); });
                u.Returned(KernelStatus.Ok, 1);
            });
        }

        /// <summary>Unlock by a non-owner, of a free or destroyed mutex: typed errors, nothing changes.</summary>
        [TestMethod]
        public void Misuse_is_refused_and_changes_nothing()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask o = r.Task("O", 10); ScriptedTask x = r.Task("X", 12);
                RtMutex m = r.Mutex("m"); RtMutex d = r.Mutex("d");
                r.Start();
                o.Do(delegate { return m.Lock(); });
                x.Do(delegate { return m.Unlock(); });
                x.Returned(KernelStatus.NotOwner, 1);
                x.Do(delegate { return d.Unlock(); });
                x.Returned(KernelStatus.InvalidArgument, 2);
                r.Owner(m, o);
                x.Do(delegate { return d.Destroy(); });
                x.Returned(KernelStatus.Ok, 3);
                Assert.IsTrue(d.IsDestroyed, "destroyed");
                x.Do(delegate { return d.Lock(); });
                x.Returned(KernelStatus.Destroyed, 4);
                x.Do(delegate { return d.Unlock(); });
                x.Returned(KernelStatus.Destroyed, 5);
                x.Do(delegate { return d.TryLock() ? KernelStatus.Ok : KernelStatus.Busy; });
                x.Returned(KernelStatus.Busy, 6);
                x.Do(delegate { return d.TryLockStatus(); });
                x.Returned(KernelStatus.Destroyed, 7);
                Rig.Is(KernelStatus.Destroyed, d.Destroy(), "destroy twice");
                r.Owner(m, o); r.Prio(10, 12); r.Counters();
                Assert.IsTrue(r.C.Misuse >= 4, "misuse counted");
            });
        }

        /// <summary>
        /// Destroying a mutex in use (docs/spec/rtmutex.md §16): O (20) owns m; W1 (5) waits uninterruptibly and
        /// boosts O to 5, W2 (8) waits interruptibly. X destroys m: both waits end with Destroyed, O loses m and
        /// its boost at once, O's own Unlock is then Destroyed, and nobody owns or waits on m.
        /// </summary>
        [TestMethod]
        public void Destroying_a_mutex_in_use_ends_its_waits_and_takes_it_from_its_owner()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask o = r.Task("O", 20); ScriptedTask w1 = r.Task("W1", 5); ScriptedTask w2 = r.Task("W2", 8);
                ScriptedTask x = r.Task("X", 25);
                RtMutex m = r.Mutex("m");
                r.Start();
                o.Do(delegate { return m.Lock(); });
                w1.Do(delegate { return m.Lock(); });
                w2.Do(delegate { return m.LockInterruptible(false); });
                r.Owner(m, o, w1, w2); r.Prio(5, 5, 8, 25);
                x.Do(delegate { return m.Destroy(); });
                x.Returned(KernelStatus.Ok, 1);
                w1.Returned(KernelStatus.Destroyed, 1);
                w2.Returned(KernelStatus.Destroyed, 1);
                Assert.IsTrue(m.IsDestroyed, "destroyed");
                Assert.IsNull(m.OwnerTask, "no owner");
                Assert.AreEqual(0, m.WaiterCount, "no waiter");
                r.Prio(20, 5, 8, 25);
                o.Do(delegate { return m.Unlock(); });
                o.Returned(KernelStatus.Destroyed, 2);
                Rig.Is(KernelStatus.Destroyed, m.Destroy(), "destroy twice");
            });
        }

        /// <summary>The driver (idle task) and an ISR (masked) may not lock or unlock: WrongContext / false.</summary>
        [TestMethod]
        public void Locking_from_the_idle_task_or_a_masked_region_is_wrong_context()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask o = r.Task("O", 10);
                RtMutex m = r.Mutex("m");
                r.Start();
                Rig.Is(KernelStatus.WrongContext, m.Lock(), "lock from the driver");
                Assert.IsFalse(m.TryLock(), "TryLock from the driver");
                o.Do(delegate { return m.Lock(); });
                string got = "";
                r.R.K.SetIrqHandler(4, new ActionIrq(delegate (Scheduler k, int irq)
                {
                    got = Rig.Name(m.Unlock()) + " " + Rig.Name(m.LockTimed(1, false));
                }));
                o.Do(delegate
                {
                    r.R.K.RaiseIrq(4);
                    r.R.K.Checkpoint();       // the ISR runs here, in O's context, masked
                    return m.Unlock();
                });
                Assert.AreEqual("WrongContext WrongContext", got, "in an ISR");
                o.Returned(KernelStatus.Ok, 2);
                r.Free(m);
            });
        }

        /// <summary>
        /// L (20) locks m, sleeps 2 ticks and ends while holding it; H (5) blocks on m at tick 1 (L boosted).
        /// When L's task ends, the kernel releases m to H: H owns it at tick 2 and nobody hangs.
        /// </summary>
        [TestMethod]
        public void Task_ending_while_owning_releases_the_mutex_to_its_waiter()
        {
            MutexRig.OnBothFlavours(delegate (MutexRig r)
            {
                ScriptedTask dummy = r.Task("D", 30);
                RtMutex m = r.Mutex("m");
                Rig k = r.R;
                TaskControlBlock l = k.Task("L", 20, delegate { m.Lock(); k.K.Sleep(2); k.Log("L-exits@" + k.K.Now); });
                k.Task("H", 5, delegate { k.K.Sleep(1); KernelStatus s = m.Lock(); k.Log("H-owns:" + Rig.Name(s) + "@" + k.K.Now + ":" + (m.OwnerTask == null ? "-" : m.OwnerTask.Name)); m.Unlock(); });
                r.Start();
                k.Ticks(1);
                Assert.AreEqual(5, l.EffectivePriority, "L boosted by H");
                k.Ticks(2);
                k.AssertLog("L-exits@2 H-owns:Ok@2:H");
                Assert.AreEqual(1, r.C.ReleasedOnExit, "released on exit");
                r.Free(m);
                Assert.AreEqual(30, dummy.Tcb.EffectivePriority, "dummy untouched");
            });
        }

        /// <summary>On the Cortex-M0 board (no CAS instruction) an uncontended lock and unlock are one masked read-compare-write each.</summary>
        [TestMethod]
        public void Masked_cas_flavour_does_one_operation_per_fast_lock_and_unlock()
        {
            using (MutexRig r = new MutexRig(BoardProfiles.Stm32M0))
            {
                ScriptedTask o = r.Task("O", 10);
                RtMutex m = r.Mutex("m");
                r.Start();
                MaskedAtomics masked = r.R.Board.Atomics as MaskedAtomics;
                Assert.IsNotNull(masked, "M0 board uses masked CAS");
                Assert.IsFalse(masked.IsHardware, "not hardware");
                int before = masked.Operations;
                o.Do(delegate { return m.Lock(); });
                Assert.AreEqual(before + 1, masked.Operations, "one CAS to lock");
                o.Do(delegate { return m.Unlock(); });
                Assert.AreEqual(before + 2, masked.Operations, "one CAS to unlock");
                Assert.AreEqual(0, r.C.SlowLocks, "fast path");
                Assert.IsTrue(BoardProfiles.Stm32.HardwareCas && new HardwareAtomics().IsHardware, "STM32F429 has a hardware CAS");
            }
        }
    }
}
