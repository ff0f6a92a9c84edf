using System.Threading;
using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// The driver contract on the device (docs/spec/scheduler.md §35), on both boards: a set-up call from Main
    /// returns at once however busy the tasks are (they run only inside the run calls), and a run call or
    /// Shutdown made from an IRQ handler is refused with WrongContext instead of never returning.
    /// </summary>
    [TestClass]
    public class UnitTestDriverContract
    {
        private sealed class DriverCallsInIsr : IIrqHandler
        {
            public string Got = "";
            public void OnIrq(Scheduler k, int irq)
            {
                Got = KernelStatusName.Of(k.RunUntilIdle()) + " " + KernelStatusName.Of(k.RunUntilTick(k.Now + 3)) + " "
                    + KernelStatusName.Of(k.Shutdown());
            }
        }

        /// <summary>Real-time board: a raise from Main is delivered at the next run call, on the driver thread; the ISR's driver calls are refused.</summary>
        [TestMethod]
        public void Driver_calls_from_an_isr_are_refused_on_the_real_time_board()
        {
            DriverCallsInIsr isr = new DriverCallsInIsr();
            using (RealTimeRig rt = new RealTimeRig())
            {
                Scheduler k = rt.K;
                k.SetIrqHandler(2, isr);
                Rig.Is(KernelStatus.Ok, k.RaiseIrq(2), "raise from Main");
                Assert.AreEqual("", isr.Got, "not delivered outside a run call");
                Rig.Is(KernelStatus.Ok, k.RunUntilTick(k.Now + 5), "the run call around the ISR");
                Assert.AreEqual("WrongContext WrongContext WrongContext", isr.Got, "driver calls from the ISR");
                Assert.IsFalse(k.IsShutDown, "not shut down");
            }
        }

        /// <summary>
        /// Real-time board: a task that never blocks is halted at the run call's target; then CreateTask from Main
        /// returns at once and the new task waits, Ready, through 30 ms of ticks, until the next run call.
        /// </summary>
        [TestMethod]
        public void CreateTask_from_main_returns_at_once_on_the_real_time_board()
        {
            bool stop = false, ran = false;
            using (RealTimeRig rt = new RealTimeRig())
            {
                Scheduler k = rt.K;
                k.CreateTask("hog", 5, delegate { while (!stop) k.Busy(1); });
                Rig.Is(KernelStatus.Ok, k.RunUntilTick(k.Now + 10), "hog halted at the target");
                long now = k.Now;
                TaskControlBlock late = k.CreateTask("late", 1, delegate { ran = true; });
                Thread.Sleep(30);
                Rig.Is(TaskState.Ready, late);
                Assert.IsFalse(ran, "nothing runs outside a run call");
                Assert.AreEqual(now, k.Now, "no tick processed outside a run call");
                Rig.Is(KernelStatus.Ok, k.RunUntilTick(k.Now + 2), "run");
                Assert.IsTrue(ran, "the new task ran in the run call");
                stop = true;
                Rig.Is(KernelStatus.Ok, k.RunUntilTick(k.Now + 2), "the hog ends");
            }
        }

        /// <summary>Simulated board: two time-sliced tasks that never block; Signal and CreateTask from Main return at once.</summary>
        [TestMethod]
        public void Set_up_calls_from_main_return_at_once_while_time_sliced_tasks_switch()
        {
            using (Rig r = new Rig(BoardProfiles.Stm32, 32, 2))
            {
                bool stop = false;
                r.Task("a", 5, delegate { while (!stop) r.K.Busy(1); });
                r.Task("b", 5, delegate { while (!stop) r.K.Busy(1); });
                r.Ticks(6);
                int switches = r.K.ContextSwitches;
                KernelEvent go = new KernelEvent(r.K);
                TaskControlBlock w = r.Task("w", 1, delegate { go.Wait(-1); r.Log("w@" + r.K.Now); });
                Rig.Is(KernelStatus.Ok, go.Signal(), "Signal from Main");
                Assert.AreEqual(switches, r.K.ContextSwitches, "no switch inside the calls");
                Rig.Is(TaskState.Ready, w);
                stop = true;
                r.Ticks(1);
                r.AssertLog("w@6");
            }
        }
    }
}
