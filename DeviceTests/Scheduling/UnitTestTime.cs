using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.DeviceTests
{
    /// <summary>Time on the simulated board: sleeps, timed waits, kernel timers, CPU burn, time slices.</summary>
    [TestClass]
    public class UnitTestTime
    {
        /// <summary>T sleeps 5 ticks at tick 0 and wakes at exactly tick 5.</summary>
        [TestMethod]
        public void Sleep_wakes_after_exactly_its_ticks()
        {
            using (Rig r = new Rig())
            {
                r.Task("T", 10, delegate { r.Log("T@" + r.K.Now); r.K.Sleep(5); r.Log("T@" + r.K.Now); });
                r.Run();
                r.Ticks(4);
                r.AssertLog("T@0");
                r.Ticks(1);
                r.AssertLog("T@0 T@5");
            }
        }

        /// <summary>A, B, C (10) sleep 3, 1, 2: they wake in deadline order; equal deadlines wake FIFO.</summary>
        [TestMethod]
        public void Sleepers_wake_in_deadline_order()
        {
            using (Rig r = new Rig())
            {
                r.Task("A", 10, delegate { r.K.Sleep(3); r.Log("A@" + r.K.Now); });
                r.Task("B", 10, delegate { r.K.Sleep(1); r.Log("B@" + r.K.Now); });
                r.Task("C", 10, delegate { r.K.Sleep(2); r.Log("C@" + r.K.Now); });
                r.Task("D", 10, delegate { r.K.Sleep(2); r.Log("D@" + r.K.Now); });
                r.Run();
                r.Ticks(5);
                r.AssertLog("B@1 C@2 D@2 A@3");
            }
        }

        /// <summary>Sleep(0) is a yield; a negative sleep is InvalidArgument; the driver may not sleep.</summary>
        [TestMethod]
        public void Sleep_zero_yields_and_bad_sleeps_are_refused()
        {
            using (Rig r = new Rig())
            {
                r.Task("A", 10, delegate
                {
                    r.Log("A1");
                    r.Log(Rig.Name(r.K.Sleep(0)));
                    r.Log(Rig.Name(r.K.Sleep(-1)));
                });
                r.Task("B", 10, delegate { r.Log("B"); });
                r.Run();
                r.AssertLog("A1 B Ok InvalidArgument");
                Rig.Is(KernelStatus.WrongContext, r.K.Sleep(1), "the driver sleeps");
                Assert.AreEqual(0L, r.K.Now, "no time passed");
            }
        }

        /// <summary>W waits 3 ticks on an event nobody signals: TimedOut at tick 3.</summary>
        [TestMethod]
        public void Event_wait_times_out_at_its_deadline()
        {
            using (Rig r = new Rig())
            {
                KernelEvent ev = new KernelEvent(r.K);
                r.Task("W", 10, delegate { KernelStatus s = ev.Wait(3); r.Log(Rig.Name(s) + "@" + r.K.Now); });
                r.Run();
                r.Ticks(2);
                r.AssertLog("");
                r.Ticks(1);
                r.AssertLog("TimedOut@3");
                Assert.AreEqual(0, ev.WaiterCount, "the timed-out waiter left the list");
            }
        }

        /// <summary>W waits 10 ticks; the driver signals at tick 4: Ok at 4, and the timeout never fires later.</summary>
        [TestMethod]
        public void Event_signal_before_the_deadline_wakes_with_Ok()
        {
            using (Rig r = new Rig())
            {
                KernelEvent ev = new KernelEvent(r.K);
                r.Task("W", 10, delegate { KernelStatus s = ev.Wait(10); r.Log(Rig.Name(s) + "@" + r.K.Now); });
                r.Run();
                r.Ticks(4);
                ev.Signal();
                r.Run();
                r.Ticks(10);
                r.AssertLog("Ok@4");
            }
        }

        /// <summary>An event stores one signal (not a count); Wait(0) takes a stored signal or times out at once.</summary>
        [TestMethod]
        public void Event_stores_one_signal_and_zero_timeout_does_not_block()
        {
            using (Rig r = new Rig())
            {
                KernelEvent ev = new KernelEvent(r.K);
                ev.Signal();
                ev.Signal();
                Assert.IsTrue(ev.IsSignaled, "signal stored");
                r.Task("W", 10, delegate
                {
                    r.Log(Rig.Name(ev.Wait(0)));
                    r.Log(Rig.Name(ev.Wait(0)));
                    r.Log("@" + r.K.Now);
                });
                r.Run();
                r.AssertLog("Ok TimedOut @0");
                Assert.IsFalse(ev.IsSignaled, "signal consumed");
            }
        }

        /// <summary>W1 (20), W2 (10), W3 (15) wait; three signals wake W2, W3, W1 in that order.</summary>
        [TestMethod]
        public void Event_wakes_the_most_urgent_waiter_first()
        {
            using (Rig r = new Rig())
            {
                KernelEvent ev = new KernelEvent(r.K);
                r.Task("W1", 20, delegate { ev.Wait(-1); r.Log("W1"); });
                r.Task("W2", 10, delegate { ev.Wait(-1); r.Log("W2"); });
                r.Task("W3", 15, delegate { ev.Wait(-1); r.Log("W3"); });
                r.Run();
                Assert.AreEqual(3, ev.WaiterCount, "three waiters");
                ev.Signal(); r.Run();
                ev.Signal(); r.Run();
                ev.Signal(); r.Run();
                r.AssertLog("W2 W3 W1");
            }
        }

        /// <summary>A kernel timer armed for 4 ticks signals its event at tick 4; re-arming moves the expiry; cancel stops it.</summary>
        [TestMethod]
        public void Kernel_timer_signals_its_event_and_can_be_rearmed_or_cancelled()
        {
            using (Rig r = new Rig())
            {
                KernelEvent ev = new KernelEvent(r.K);
                KernelTimer timer = new KernelTimer(r.K, ev);
                r.Task("W", 10, delegate { while (true) { ev.Wait(-1); r.Log("W@" + r.K.Now); } });
                r.Run();
                Rig.Is(KernelStatus.InvalidArgument, timer.Arm(0), "arm 0");
                Rig.Is(KernelStatus.Ok, timer.Arm(4), "arm 4");
                Assert.AreEqual(4L, timer.DueTick, "due");
                r.Ticks(5);
                r.AssertLog("W@4");
                Assert.IsFalse(timer.IsArmed, "one-shot");
                Rig.Is(KernelStatus.Ok, timer.Arm(3), "arm 3 at tick 5");
                r.Ticks(2);
                Rig.Is(KernelStatus.Ok, timer.Arm(5), "re-arm at tick 7");
                Assert.AreEqual(12L, timer.DueTick, "moved");
                r.Ticks(5);
                r.AssertLog("W@4 W@12");
                timer.Arm(2);
                timer.Cancel();
                r.Ticks(5);
                r.AssertLog("W@4 W@12");
                Assert.AreEqual(2, timer.Expirations, "expirations");
            }
        }

        /// <summary>Busy(7) burns 7 ticks of virtual time; a negative count is refused; the driver may not burn CPU.</summary>
        [TestMethod]
        public void Busy_burns_virtual_time()
        {
            using (Rig r = new Rig())
            {
                TaskControlBlock t = r.Task("T", 10, delegate
                {
                    r.Log(Rig.Name(r.K.Busy(7)) + "@" + r.K.Now);
                    r.Log(Rig.Name(r.K.Busy(-1)));
                });
                r.Run();
                r.AssertLog("Ok@7 InvalidArgument");
                Assert.AreEqual(7, t.RunTicks, "run ticks");
                Rig.Is(KernelStatus.WrongContext, r.K.Busy(1), "the driver burns CPU");
            }
        }

        /// <summary>
        /// L (20) Busy(5); H (5) sleeps 2 then Busy(2). H preempts L at tick 2 and is done at 4; L's
        /// time preempted does not count, so L is done at 7 with exactly 5 run ticks.
        /// </summary>
        [TestMethod]
        public void Time_spent_preempted_does_not_count_as_busy()
        {
            using (Rig r = new Rig())
            {
                r.Task("H", 5, delegate { r.K.Sleep(2); r.K.Busy(2); r.Log("H@" + r.K.Now); });
                TaskControlBlock l = r.Task("L", 20, delegate { r.K.Busy(5); r.Log("L@" + r.K.Now); });
                r.Run();
                r.AssertLog("H@4 L@7");
                Assert.AreEqual(5, l.RunTicks, "L run ticks");
                Assert.AreEqual(1, l.Preemptions, "L preempted once");
            }
        }

        /// <summary>A, B, C (5, slice 2) each Busy(4): round robin A B C A B C, all done at tick 12, no preemption counted.</summary>
        [TestMethod]
        public void Equal_tasks_share_the_cpu_round_robin_by_time_slice()
        {
            using (Rig r = new Rig(BoardProfiles.Stm32, 32, 2))
            {
                TaskControlBlock a = r.Task("A", 5, delegate { r.K.Busy(4); r.Log("A@" + r.K.Now); });
                TaskControlBlock b = r.Task("B", 5, delegate { r.K.Busy(4); r.Log("B@" + r.K.Now); });
                TaskControlBlock c = r.Task("C", 5, delegate { r.K.Busy(4); r.Log("C@" + r.K.Now); });
                r.Run();
                r.AssertLog("A@12 B@12 C@12");
                Assert.AreEqual(0, r.K.Preemptions, "slice expiry is not a preemption");
                Assert.AreEqual(3, a.SwitchesIn, "A in");
                Assert.AreEqual(3, b.SwitchesIn, "B in");
                Assert.AreEqual(3, c.SwitchesIn, "C in");
                Assert.AreEqual(4, a.RunTicks + 0, "A ran 4 ticks");
            }
        }

        /// <summary>A Busy(3), B Busy(5), slice 2: A is done at 5; B, alone at its level, keeps the CPU past its slice: done at 8.</summary>
        [TestMethod]
        public void Lone_task_keeps_the_cpu_when_its_slice_ends()
        {
            using (Rig r = new Rig(BoardProfiles.Stm32, 32, 2))
            {
                r.Task("A", 5, delegate { r.K.Busy(3); r.Log("A@" + r.K.Now); });
                r.Task("B", 5, delegate { r.K.Busy(5); r.Log("B@" + r.K.Now); });
                r.Run();
                r.AssertLog("A@5 B@8");
            }
        }

        /// <summary>Without time slicing equal tasks run to completion one after the other.</summary>
        [TestMethod]
        public void Without_slicing_equal_tasks_run_to_completion()
        {
            using (Rig r = new Rig())
            {
                r.Task("A", 5, delegate { r.K.Busy(3); r.Log("A@" + r.K.Now); });
                r.Task("B", 5, delegate { r.K.Busy(3); r.Log("B@" + r.K.Now); });
                r.Run();
                r.AssertLog("A@3 B@6");
            }
        }

        /// <summary>A cooperative C with slice 1 keeps the CPU past its slice; its equal P (slice 1) runs only when C is done.</summary>
        [TestMethod]
        public void Cooperative_task_ignores_its_time_slice()
        {
            using (Rig r = new Rig())
            {
                r.Task("C", 5, delegate { r.K.Busy(3); r.Log("C@" + r.K.Now); }, TaskOptions.Cooperative, 1);
                r.Task("P", 5, delegate { r.K.Busy(2); r.Log("P@" + r.K.Now); }, TaskOptions.None, 1);
                r.Run();
                r.AssertLog("C@3 P@5");
            }
        }
    }
}
