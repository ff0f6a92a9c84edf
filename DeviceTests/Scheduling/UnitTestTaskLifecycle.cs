using System;
using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.DeviceTests
{
    /// <summary>Task lifecycle: suspend/resume, join, exit, faults, creation limits, shutdown.</summary>
    [TestClass]
    public class UnitTestTaskLifecycle
    {
        /// <summary>T (5) suspends itself; R (10) resumes it: T, more urgent, runs at once inside R's resume.</summary>
        [TestMethod]
        public void Suspended_task_runs_again_when_resumed()
        {
            using (Rig r = new Rig())
            {
                TaskControlBlock t = null;
                t = r.Task("T", 5, delegate { r.Log("T1"); r.K.Suspend(t); r.Log("T2"); });
                r.Task("R", 10, delegate
                {
                    r.Log("R1");
                    Rig.Is(TaskState.Suspended, t);
                    Rig.Is(KernelStatus.Ok, r.K.Resume(t), "Resume");
                    r.Log("R2");
                });
                r.Run();
                r.AssertLog("T1 R1 T2 R2");
            }
        }

        /// <summary>The driver suspends a ready task before start: it does not run until resumed.</summary>
        [TestMethod]
        public void Suspending_a_ready_task_keeps_it_off_the_cpu()
        {
            using (Rig r = new Rig())
            {
                TaskControlBlock a = r.Task("A", 10, delegate { r.Log("A"); });
                r.Task("B", 20, delegate { r.Log("B"); });
                Rig.Is(KernelStatus.Ok, r.K.Suspend(a), "Suspend A");
                r.Run();
                r.AssertLog("B");
                Rig.Is(TaskState.Suspended, a);
                Rig.Is(KernelStatus.Ok, r.K.Resume(a), "Resume A");
                r.Run();
                r.AssertLog("B A");
            }
        }

        /// <summary>Suspend and resume refuse tasks in the wrong state and change nothing.</summary>
        [TestMethod]
        public void Suspend_and_resume_reject_wrong_states()
        {
            using (Rig r = new Rig())
            {
                KernelEvent ev = new KernelEvent(r.K);
                TaskControlBlock w = r.Task("W", 10, delegate { ev.Wait(-1); r.Log("W"); });
                TaskControlBlock d = r.Task("D", 12, delegate { });
                r.Run();
                Rig.Is(TaskState.Blocked, w);
                Rig.Is(KernelStatus.WrongState, r.K.Suspend(w), "suspend a blocked task");
                Rig.Is(KernelStatus.WrongState, r.K.Suspend(d), "suspend a dead task");
                Rig.Is(KernelStatus.WrongState, r.K.Resume(w), "resume a blocked task");
                Rig.Is(KernelStatus.WrongContext, r.K.Suspend(r.K.Idle), "suspend idle");
                Rig.Is(KernelStatus.InvalidArgument, r.K.Suspend(null), "suspend null");
                Rig.Is(KernelStatus.InvalidArgument, r.K.Resume(null), "resume null");
                Rig.Is(TaskState.Blocked, w);
                ev.Signal();
                r.Run();
                r.AssertLog("W");
            }
        }

        /// <summary>J (5) joins W (10): J blocks, W runs and exits, J goes on with Ok.</summary>
        [TestMethod]
        public void Join_waits_until_the_task_exits()
        {
            using (Rig r = new Rig())
            {
                TaskControlBlock w = r.Task("W", 10, delegate { r.Log("W"); });
                r.Task("J", 5, delegate
                {
                    r.Log("J1");
                    KernelStatus s = r.K.Join(w);
                    r.Log("J2:" + Rig.Name(s));
                });
                r.Run();
                r.AssertLog("J1 W J2:Ok");
            }
        }

        /// <summary>Joiners J1 (8) and J2 (6) of W (20) are woken most urgent first.</summary>
        [TestMethod]
        public void Joiners_are_woken_most_urgent_first()
        {
            using (Rig r = new Rig())
            {
                TaskControlBlock w = r.Task("W", 20, delegate { r.Log("W"); });
                r.Task("J1", 8, delegate { r.K.Join(w); r.Log("J1"); });
                r.Task("J2", 6, delegate { r.K.Join(w); r.Log("J2"); });
                r.Run();
                r.AssertLog("W J2 J1");
            }
        }

        /// <summary>Join of a dead task is Ok at once; joining oneself is WrongState; the driver may not block (WrongContext).</summary>
        [TestMethod]
        public void Join_special_cases()
        {
            using (Rig r = new Rig())
            {
                KernelEvent ev = new KernelEvent(r.K);
                TaskControlBlock d = r.Task("D", 10, delegate { });
                TaskControlBlock w = r.Task("W", 12, delegate { ev.Wait(-1); });
                TaskControlBlock self = null;
                self = r.Task("S", 14, delegate
                {
                    r.Log("dead:" + Rig.Name(r.K.Join(d)));
                    r.Log("self:" + Rig.Name(r.K.Join(self)));
                    r.Log("null:" + Rig.Name(r.K.Join(null)));
                });
                r.Run();
                r.AssertLog("dead:Ok self:WrongState null:InvalidArgument");
                Rig.Is(KernelStatus.WrongContext, r.K.Join(w), "join from the driver");
                Rig.Is(KernelStatus.Ok, r.K.Join(d), "join a dead task from the driver");
            }
        }

        /// <summary>
        /// Every wait is interruptible and a wait ends only by what it names (docs/spec/scheduler.md §17, §19):
        /// S sleeps 100 ticks, J joins T (which sleeps 50), E waits on an event. The driver interrupts all three:
        /// each returns Interrupted at once, T is undisturbed, the event's queue is empty. Joining the idle task
        /// is InvalidArgument (it never ends); interrupting a task in no wait is WrongState.
        /// </summary>
        [TestMethod]
        public void Sleep_join_and_event_waits_are_interruptible()
        {
            using (Rig r = new Rig())
            {
                KernelEvent ev = new KernelEvent(r.K);
                TaskControlBlock t = r.Task("T", 20, delegate { r.K.Sleep(50); });
                TaskControlBlock s = r.Task("S", 10, delegate { r.Log("S:" + Rig.Name(r.K.Sleep(100)) + "@" + (int)r.K.Now); });
                TaskControlBlock j = r.Task("J", 11, delegate { r.Log("J:" + Rig.Name(r.K.Join(t))); });
                TaskControlBlock e = r.Task("E", 12, delegate { r.Log("E:" + Rig.Name(ev.Wait(-1))); });
                r.Ticks(1);
                Assert.IsTrue(s.Interruptible && j.Interruptible && e.Interruptible, "all three wait interruptibly");
                Assert.AreSame(j, r.K.JoinerAt(t, 0), "J joins T");
                Rig.Is(KernelStatus.Ok, r.K.Interrupt(s), "interrupt the sleep");
                Rig.Is(KernelStatus.Ok, r.K.Interrupt(j), "interrupt the join");
                Rig.Is(KernelStatus.Ok, r.K.Interrupt(e), "interrupt the event wait");
                r.Run();
                r.AssertLog("S:Interrupted@1 J:Interrupted E:Interrupted");
                Rig.Is(TaskState.Delayed, t);
                Assert.IsNull(r.K.JoinerAt(t, 0), "no joiner left");
                Assert.AreEqual(0, ev.WaiterCount, "no event waiter left");
                Rig.Is(KernelStatus.WrongState, r.K.Interrupt(s), "interrupt a dead task");
                Rig.Is(KernelStatus.InvalidArgument, r.K.Join(r.K.Idle), "join the idle task");
            }
        }

        /// <summary>
        /// Destroying an event ends its waits with Destroyed and drops a stored signal; later calls are Destroyed.
        /// </summary>
        [TestMethod]
        public void Destroying_an_event_ends_its_waits()
        {
            using (Rig r = new Rig())
            {
                KernelEvent ev = new KernelEvent(r.K);
                r.Task("A", 10, delegate { r.Log("A:" + Rig.Name(ev.Wait(-1))); });
                r.Task("B", 12, delegate { r.Log("B:" + Rig.Name(ev.Wait(5))); r.Log("B2:" + Rig.Name(ev.Wait(0))); });
                r.Run();
                Assert.AreEqual(2, ev.WaiterCount, "two waiters");
                Rig.Is(KernelStatus.Ok, ev.Destroy(), "destroy");
                r.Run();
                r.AssertLog("A:Destroyed B:Destroyed B2:Destroyed");
                Assert.IsTrue(ev.IsDestroyed, "destroyed");
                Rig.Is(KernelStatus.Destroyed, ev.Signal(), "signal after destroy");
                Assert.IsFalse(ev.IsSignaled, "no signal stored");
                Rig.Is(KernelStatus.Destroyed, ev.Destroy(), "destroy twice");
            }
        }

        /// <summary>A task whose body throws is recorded (Fault) and ends; the others run on.</summary>
        [TestMethod]
        public void Task_that_throws_is_recorded_and_the_others_run_on()
        {
            Rig r = new Rig();
            try
            {
                TaskControlBlock bad = r.Task("Bad", 5, delegate { r.Log("bad"); throw new InvalidOperationException("boom"); });
                r.Task("Good", 10, delegate { r.Log("good"); });
                r.K.RunUntilIdle();
                r.AssertLog("bad good");
                Assert.AreSame(bad, r.K.FirstFaultedTask(), "first faulted task");
                Assert.IsTrue(bad.Fault is InvalidOperationException, "the fault is the thrown exception");
                Rig.Is(TaskState.Dead, bad);
            }
            finally
            {
                r.K.Shutdown();
            }
        }

        /// <summary>
        /// CreateTask rejects bad arguments (null, InvalidArgument) and a full table (NoResources). The table
        /// holds 8 tasks: 32 task threads would not fit the 104 KiB heap of the STM32F405 firmware (running
        /// out of heap is OutOfMemory, UnitTestTaskMemory).
        /// </summary>
        [TestMethod]
        public void CreateTask_rejects_bad_arguments_and_a_full_table()
        {
            using (Rig r = new Rig(BoardProfiles.Stm32, 32, 0, 8))
            {
                KernelStatus e;
                TaskBody body = delegate { };
                Assert.IsNull(r.K.CreateTask(null, 5, body, TaskOptions.None, 0, out e));
                Rig.Is(KernelStatus.InvalidArgument, e, "null name");
                Assert.IsNull(r.K.CreateTask("x", 5, null, TaskOptions.None, 0, out e));
                Rig.Is(KernelStatus.InvalidArgument, e, "null body");
                Assert.IsNull(r.K.CreateTask("x", -1, body, TaskOptions.None, 0, out e));
                Rig.Is(KernelStatus.InvalidArgument, e, "priority -1");
                Assert.IsNull(r.K.CreateTask("x", 32, body, TaskOptions.None, 0, out e));
                Rig.Is(KernelStatus.InvalidArgument, e, "priority 32");
                Assert.IsNull(r.K.CreateTask("x", 5, body, TaskOptions.None, -1, out e));
                Rig.Is(KernelStatus.InvalidArgument, e, "slice -1");
                Assert.AreEqual(0, r.K.TaskCount, "nothing created");
                for (int i = 0; i < r.K.Config.MaxTasks; i++) r.Task("t" + i, 20, body);
                Assert.IsNull(r.K.CreateTask("one too many", 5, body, TaskOptions.None, 0, out e));
                Rig.Is(KernelStatus.NoResources, e, "table full");
                r.Run();
                Assert.AreEqual(r.K.Config.MaxTasks, r.K.TaskCount, "task count");
            }
        }

        /// <summary>A bad configuration is refused with an exception naming the field.</summary>
        [TestMethod]
        public void Bad_kernel_configuration_is_refused_with_the_field_named()
        {
            KernelConfig c = new KernelConfig();
            c.PriorityLevels = 0;
            Assert.IsTrue(c.Validate().IndexOf("PriorityLevels") >= 0, "Validate names PriorityLevels");
            Assert.ThrowsException(typeof(ArgumentException), delegate { new Scheduler(c, new SimulatedBoard(BoardProfiles.Stm32)); });
            c = new KernelConfig();
            c.MaxChainDepth = 0;
            Assert.IsTrue(c.Validate().IndexOf("MaxChainDepth") >= 0, "Validate names MaxChainDepth");
            Assert.IsNull(new KernelConfig().Validate(), "the defaults are valid");
        }

        /// <summary>Shutdown with a task blocked forever and another suspended returns, and twice is harmless.</summary>
        [TestMethod]
        public void Shutdown_unwinds_blocked_and_suspended_tasks()
        {
            Rig r = new Rig();
            KernelEvent ev = new KernelEvent(r.K);
            TaskControlBlock s = null;
            r.Task("W", 10, delegate { ev.Wait(-1); r.Log("never"); });
            s = r.Task("S", 12, delegate { r.K.Suspend(s); r.Log("never"); });
            r.Run();
            r.K.Shutdown();
            Assert.IsTrue(r.K.IsShutDown, "shut down");
            r.K.Shutdown();
            r.AssertLog("");
            Assert.IsNull(r.K.FirstFaultedTask(), "no fault");
        }
    }
}
