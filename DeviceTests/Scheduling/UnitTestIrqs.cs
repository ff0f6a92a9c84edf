using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// Hardware interrupts (IRQs): an ISR may wake tasks, the switch happens on IRQ exit; a line raised
    /// while masked is delivered on the outermost restore; lines are delivered lowest first.
    /// </summary>
    [TestClass]
    public class UnitTestIrqs
    {
        /// <summary>
        /// T (2) suspends itself; L (10) burns 5 ticks; line 5 fires at tick 3 and its ISR resumes T:
        /// the ISR finishes first, T runs at tick 3 (on IRQ exit), L is done at 5.
        /// </summary>
        [TestMethod]
        public void Isr_resumes_a_task_and_the_switch_happens_on_irq_exit()
        {
            using (Rig r = new Rig())
            {
                TaskControlBlock t = null;
                ActionIrq isr = new ActionIrq(delegate (Scheduler k, int irq)
                {
                    r.Log("isr" + irq);
                    Rig.Is(KernelStatus.Ok, k.Resume(t), "Resume from the ISR");
                    r.Log("isr-done");
                });
                Rig.Is(KernelStatus.Ok, r.K.SetIrqHandler(5, isr), "SetIrqHandler");
                Assert.IsTrue(r.Board.InjectAt(3, 5), "InjectAt");
                t = r.Task("T", 2, delegate { r.K.Suspend(t); r.Log("T@" + r.K.Now); });
                r.Task("L", 10, delegate { r.K.Busy(5); r.Log("L@" + r.K.Now); });
                r.Run();
                r.AssertLog("isr5 isr-done T@3 L@5");
                Assert.AreEqual(1, isr.Calls, "ISR calls");
                Assert.AreEqual(1, r.K.IrqsServiced, "IRQs serviced");
            }
        }

        /// <summary>The system is idle (W waits on an event); line 7 at tick 4 signals it: W runs at tick 4.</summary>
        [TestMethod]
        public void Isr_signals_an_event_and_the_waiter_runs_after_irq_exit()
        {
            using (Rig r = new Rig())
            {
                KernelEvent ev = new KernelEvent(r.K);
                r.K.SetIrqHandler(7, new ActionIrq(delegate (Scheduler k, int irq) { ev.Signal(); }));
                Assert.IsTrue(r.Board.InjectAt(4, 7), "InjectAt");
                r.Task("W", 3, delegate { while (true) { ev.Wait(-1); r.Log("W@" + r.K.Now); } });
                r.Run();
                r.Ticks(6);
                r.AssertLog("W@4");
            }
        }

        /// <summary>
        /// T (20) suspends itself at tick 0; L (10) sleeps 1 tick then burns 5. The ISR at tick 3 resumes T,
        /// less urgent than the interrupted L: no switch; T runs when L is done at tick 6.
        /// </summary>
        [TestMethod]
        public void Isr_waking_a_less_urgent_task_does_not_preempt()
        {
            using (Rig r = new Rig())
            {
                TaskControlBlock t = null;
                r.K.SetIrqHandler(5, new ActionIrq(delegate (Scheduler k, int irq) { k.Resume(t); }));
                r.Board.InjectAt(3, 5);
                t = r.Task("T", 20, delegate { r.K.Suspend(t); r.Log("T@" + r.K.Now); });
                r.Task("L", 10, delegate { r.K.Sleep(1); r.K.Busy(5); r.Log("L@" + r.K.Now); });
                r.Run();
                r.Ticks(6);                    // AdvanceTicks halts a busy task at its target tick: ask for all six
                r.AssertLog("L@6 T@6");
            }
        }

        /// <summary>
        /// A task raises line 6 with RaiseIrq (what a device event thread does): the line is pending until the
        /// task's next preemption point (Checkpoint), where the ISR runs.
        /// </summary>
        [TestMethod]
        public void Line_raised_by_a_task_runs_at_its_next_preemption_point()
        {
            using (Rig r = new Rig())
            {
                ActionIrq isr = new ActionIrq(delegate (Scheduler k, int irq) { r.Log("isr" + irq); });
                r.K.SetIrqHandler(6, isr);
                r.Task("T", 10, delegate
                {
                    Rig.Is(KernelStatus.Ok, r.K.RaiseIrq(6), "raise");
                    r.Log("raised");
                    Assert.IsTrue((r.K.PendingIrqs & (1 << 6)) != 0, "pending until the preemption point");
                    r.K.Checkpoint();
                    r.Log("after");
                });
                r.Run();
                r.AssertLog("raised isr6 after");
                Assert.AreEqual(1, isr.Calls, "calls");
            }
        }

        /// <summary>An ISR raises another line: it is delivered in the same pass, after the ISR returns.</summary>
        [TestMethod]
        public void Line_raised_inside_an_isr_is_delivered_in_the_same_pass()
        {
            using (Rig r = new Rig())
            {
                r.K.SetIrqHandler(5, new ActionIrq(delegate (Scheduler k, int irq) { k.RaiseIrq(6); r.Log("isr5"); }));
                r.K.SetIrqHandler(6, new ActionIrq(delegate (Scheduler k, int irq) { r.Log("isr6"); }));
                r.Task("T", 10, delegate
                {
                    r.K.RaiseIrq(5);
                    r.K.Checkpoint();
                    r.Log("after");
                });
                r.Run();
                r.AssertLog("isr5 isr6 after");
            }
        }

        /// <summary>Lines 9 and 4 fire at the same tick: line 4 is delivered first.</summary>
        [TestMethod]
        public void Lines_pending_together_are_delivered_lowest_first()
        {
            using (Rig r = new Rig())
            {
                IrqBody log = delegate (Scheduler k, int irq) { r.Log("isr" + irq); };
                r.K.SetIrqHandler(9, new ActionIrq(log));
                r.K.SetIrqHandler(4, new ActionIrq(log));
                r.Board.InjectAt(2, 9);
                r.Board.InjectAt(2, 4);
                r.Run();
                r.Ticks(3);
                r.AssertLog("isr4 isr9");
                Assert.AreEqual(2, r.K.IrqsServiced, "serviced");
            }
        }

        /// <summary>Bad lines are refused: handler on line 0 (the tick) or 32; injection of line 0, of a past tick; raising line 0, 32, or a line with no handler.</summary>
        [TestMethod]
        public void Bad_irq_lines_are_refused()
        {
            using (Rig r = new Rig())
            {
                ActionIrq isr = new ActionIrq(delegate (Scheduler k, int irq) { });
                Rig.Is(KernelStatus.InvalidArgument, r.K.SetIrqHandler(0, isr), "line 0 is the tick");
                Rig.Is(KernelStatus.InvalidArgument, r.K.SetIrqHandler(32, isr), "line 32");
                Rig.Is(KernelStatus.Ok, r.K.SetIrqHandler(31, isr), "line 31");
                Assert.IsFalse(r.Board.InjectAt(5, 0), "inject the tick line");
                Assert.IsFalse(r.Board.InjectAt(0, 3), "inject at the current tick");
                Rig.Is(KernelStatus.InvalidArgument, r.K.RaiseIrq(32), "raise line 32");
                Rig.Is(KernelStatus.InvalidArgument, r.K.RaiseIrq(0), "raise the tick line");
                Rig.Is(KernelStatus.WrongState, r.K.RaiseIrq(7), "raise a line with no handler");
                Assert.AreEqual(0, r.K.PendingIrqs, "nothing raised");
            }
        }

        /// <summary>An ISR may not block: a wait from it is WrongContext and changes nothing.</summary>
        [TestMethod]
        public void Isr_cannot_block()
        {
            using (Rig r = new Rig())
            {
                KernelEvent ev = new KernelEvent(r.K);
                r.K.SetIrqHandler(3, new ActionIrq(delegate (Scheduler k, int irq) { r.Log(Rig.Name(ev.Wait(5))); r.Log(Rig.Name(k.Sleep(1))); }));
                r.Task("T", 10, delegate { r.K.Busy(3); r.Log("T@" + r.K.Now); });
                r.Board.InjectAt(1, 3);
                r.Run();
                r.AssertLog("WrongContext WrongContext T@3");
                Assert.AreEqual(0, ev.WaiterCount, "no waiter");
            }
        }
    }
}
