using nanoFramework.TestFramework;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// Dispatch: the most urgent ready task runs (lower number = more urgent), FIFO among equals; a more
    /// urgent task preempts at the next kernel call; a preempted task resumes before its equals, a yielding
    /// one goes behind them; a cooperative task is never preempted by another task.
    /// </summary>
    [TestClass]
    public class UnitTestDispatch
    {
        /// <summary>C (30), A (10), B (20) created in that order: they run A, B, C.</summary>
        [TestMethod]
        public void Most_urgent_ready_task_runs_first()
        {
            using (Rig r = new Rig())
            {
                r.Task("C", 30, delegate { r.Log("C"); });
                r.Task("A", 10, delegate { r.Log("A"); });
                r.Task("B", 20, delegate { r.Log("B"); });
                r.Run();
                r.AssertLog("A B C");
            }
        }

        /// <summary>A, B, C all at 10: they run in creation order.</summary>
        [TestMethod]
        public void Equal_priorities_run_in_creation_order()
        {
            using (Rig r = new Rig())
            {
                r.Task("A", 10, delegate { r.Log("A"); });
                r.Task("B", 10, delegate { r.Log("B"); });
                r.Task("C", 10, delegate { r.Log("C"); });
                r.Run();
                r.AssertLog("A B C");
                Assert.AreEqual(0, r.K.Preemptions, "nobody was preempted");
            }
        }

        /// <summary>L (20) creates H (5) mid-body: H runs at once (the create call is a preemption point), then L goes on.</summary>
        [TestMethod]
        public void Creating_a_more_urgent_task_preempts_the_creator()
        {
            using (Rig r = new Rig())
            {
                TaskControlBlock l = r.Task("L", 20, delegate
                {
                    r.Log("L1");
                    r.Task("H", 5, delegate { r.Log("H"); });
                    r.Log("L2");
                });
                r.Run();
                r.AssertLog("L1 H L2");
                Assert.AreEqual(1, l.Preemptions, "L preempted once");
                Assert.AreEqual(1, r.K.Preemptions, "kernel preemptions");
            }
        }

        /// <summary>H (5) creates L (20): L waits until H is done.</summary>
        [TestMethod]
        public void Creating_a_less_urgent_task_does_not_preempt()
        {
            using (Rig r = new Rig())
            {
                r.Task("H", 5, delegate
                {
                    r.Log("H1");
                    r.Task("L", 20, delegate { r.Log("L"); });
                    r.Log("H2");
                });
                r.Run();
                r.AssertLog("H1 H2 L");
                Assert.AreEqual(0, r.K.Preemptions, "no preemption");
            }
        }

        /// <summary>
        /// H (5) waits on an event; A and B (10). A signals the event: H preempts A, and when H blocks
        /// again A resumes BEFORE its equal B (a preempted task goes to the head of its level).
        /// </summary>
        [TestMethod]
        public void Preempted_task_resumes_before_its_equals()
        {
            using (Rig r = new Rig())
            {
                KernelEvent ev = new KernelEvent(r.K);
                r.Task("H", 5, delegate { ev.Wait(-1); r.Log("H"); });
                r.Task("A", 10, delegate { r.Log("A1"); ev.Signal(); r.Log("A2"); });
                r.Task("B", 10, delegate { r.Log("B"); });
                r.Run();
                r.AssertLog("A1 H A2 B");
            }
        }

        /// <summary>A and B (10): A yields between two log entries and B runs in between.</summary>
        [TestMethod]
        public void Yield_puts_the_task_behind_its_equals()
        {
            using (Rig r = new Rig())
            {
                r.Task("A", 10, delegate { r.Log("A1"); r.K.Yield(); r.Log("A2"); });
                r.Task("B", 10, delegate { r.Log("B"); });
                r.Run();
                r.AssertLog("A1 B A2");
            }
        }

        /// <summary>A (10) yields with only a less urgent B (20) ready: A keeps the CPU.</summary>
        [TestMethod]
        public void Yield_without_equals_keeps_the_cpu()
        {
            using (Rig r = new Rig())
            {
                r.Task("A", 10, delegate { r.Log("A1"); r.K.Yield(); r.Log("A2"); });
                r.Task("B", 20, delegate { r.Log("B"); });
                r.Run();
                r.AssertLog("A1 A2 B");
            }
        }

        /// <summary>
        /// C (20, cooperative) signals the event H (5) waits on: H becomes ready but C keeps the CPU
        /// until its body ends; a preemptible P (20) doing the same is preempted at once.
        /// </summary>
        [TestMethod]
        public void Cooperative_task_is_not_preempted_by_a_more_urgent_task()
        {
            using (Rig r = new Rig())
            {
                KernelEvent ev = new KernelEvent(r.K);
                r.Task("H", 5, delegate { while (true) { ev.Wait(-1); r.Log("H"); } });
                r.Task("C", 20, delegate { r.Log("C1"); ev.Signal(); r.Log("C2"); }, TaskOptions.Cooperative, 0);
                r.Task("P", 20, delegate { r.Log("P1"); ev.Signal(); r.Log("P2"); });
                r.Run();
                r.AssertLog("C1 C2 H P1 H P2");
            }
        }

        /// <summary>Before the kernel starts, B (20) is raised to 5 above A (10): B runs first. Bad values change nothing.</summary>
        [TestMethod]
        public void SetPriority_reorders_ready_tasks_and_rejects_bad_values()
        {
            using (Rig r = new Rig())
            {
                TaskControlBlock a = r.Task("A", 10, delegate { r.Log("A"); });
                TaskControlBlock b = r.Task("B", 20, delegate { r.Log("B"); });
                Rig.Is(KernelStatus.Ok, r.K.SetPriority(b, 5), "SetPriority B 5");
                Rig.Is(KernelStatus.InvalidArgument, r.K.SetPriority(a, -1), "priority -1");
                Rig.Is(KernelStatus.InvalidArgument, r.K.SetPriority(a, 32), "priority 32 of 32 levels");
                Rig.Is(KernelStatus.InvalidArgument, r.K.SetPriority(r.K.Idle, 3), "the idle task");
                Rig.Is(KernelStatus.InvalidArgument, r.K.SetPriority(null, 3), "null");
                Assert.AreEqual(10, a.NormalPriority, "A unchanged");
                Assert.AreEqual(5, b.EffectivePriority, "B effective");
                r.Run();
                r.AssertLog("B A");
                Rig.Is(KernelStatus.WrongState, r.K.SetPriority(a, 3), "a dead task");
            }
        }

        /// <summary>Counters: A and B run once each: one switch in each, three context switches (idle to A, A to B, B to idle).</summary>
        [TestMethod]
        public void Every_task_is_switched_in_once_per_dispatch()
        {
            using (Rig r = new Rig())
            {
                TaskControlBlock a = r.Task("A", 10, delegate { r.Log("A"); });
                TaskControlBlock b = r.Task("B", 12, delegate { r.Log("B"); });
                r.Run();
                Assert.AreEqual(1, a.SwitchesIn, "A in");
                Assert.AreEqual(1, b.SwitchesIn, "B in");
                Assert.AreEqual(3, r.K.ContextSwitches, "idle->A, A->B, B->idle");
                Rig.Is(TaskState.Dead, a);
                Rig.Is(TaskState.Dead, b);
                Assert.AreSame(r.K.Idle, r.K.Current, "the driver is idle again");
            }
        }
    }
}
