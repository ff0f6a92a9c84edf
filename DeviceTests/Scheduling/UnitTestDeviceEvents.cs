using System;
using System.Threading;
using nanoFramework.TestFramework;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// Device events with real foreign threads (docs/spec/scheduler.md §36): a plain thread and a
    /// System.Threading.Timer callback — what a GPIO or serial event thread is on nanoFramework — cannot make
    /// kernel calls (WrongContext), but raise a device IRQ line with Scheduler.RaiseIrq; the line's handler
    /// moves what they stored into a semaphore (an ISR-safe Give) and a task receives every event.
    /// </summary>
    [TestClass]
    public class UnitTestDeviceEvents
    {
        /// <summary>The device line of the tests.</summary>
        public const int Line = 6;

        /// <summary>The documented handler: takes every event the threads stored (Interlocked) and gives one unit each.</summary>
        public sealed class Drain : IIrqHandler
        {
            /// <summary>Events stored by the event threads and not taken yet.</summary>
            public int Stored;
            /// <summary>Handler runs.</summary>
            public int Calls;
            /// <summary>Where the events go.</summary>
            public CountingSemaphore Units;

            /// <inheritdoc/>
            public void OnIrq(Scheduler kernel, int irq)
            {
                Calls++;
                int n = Interlocked.Exchange(ref Stored, 0);
                for (int i = 0; i < n; i++) Units.Give();
            }
        }

        /// <summary>
        /// A thread the test starts produces 20 events, 2 ms apart, while the driver idles in RunUntilTick: its
        /// Give is refused, every RaiseIrq is Ok, and the consumer task receives all 20.
        /// </summary>
        [TestMethod]
        public void A_foreign_thread_signals_a_task_through_an_irq_line()
        {
            int consumed = 0, refused = 0;
            KernelStatus give = KernelStatus.Ok;
            bool finished = false;
            Drain h = new Drain();
            using (RealTimeRig rt = new RealTimeRig())
            {
                Scheduler k = rt.K;
                h.Units = new CountingSemaphore(k, "units", 0, 100);
                Rig.Is(KernelStatus.Ok, k.SetIrqHandler(Line, h), "handler");
                k.CreateTask("consumer", 3, delegate { while (h.Units.Take(-1) == KernelStatus.Ok) consumed++; });
                k.RunUntilTick(k.Now + 2);
                Thread device = new Thread(delegate
                {
                    give = h.Units.Give();
                    for (int i = 0; i < 20; i++)
                    {
                        Interlocked.Increment(ref h.Stored);
                        if (k.RaiseIrq(Line) != KernelStatus.Ok) refused++;
                        Thread.Sleep(2);
                    }
                    finished = true;
                });
                device.Start();
                for (int i = 0; i < 2000 && (!finished || consumed < 20); i++) k.RunUntilTick(k.Now + 5);
                Assert.IsTrue(device.Join(10000), "the event thread ended");
            }
            Rig.Is(KernelStatus.WrongContext, give, "Give from the event thread");
            Assert.AreEqual(0, refused, "refused raises");
            Assert.AreEqual(20, consumed, "events received");
            Assert.IsTrue(h.Calls >= 1 && h.Calls <= 20, "handler runs: " + h.Calls);
        }

        /// <summary>A System.Threading.Timer callback raises the line every 5 ms: the task receives every tick of it.</summary>
        [TestMethod]
        public void A_timer_callback_signals_a_task_through_an_irq_line()
        {
            int consumed = 0, fired = 0, refused = 0;
            using (RealTimeRig rt = new RealTimeRig())
            {
                Scheduler k = rt.K;
                Drain h = new Drain();
                h.Units = new CountingSemaphore(k, "units", 0, 100);
                Timer timer = null;
                try
                {
                    k.SetIrqHandler(Line, h);
                    k.CreateTask("consumer", 3, delegate { while (h.Units.Take(-1) == KernelStatus.Ok) consumed++; });
                    timer = new Timer(delegate (object state)
                    {
                        if (fired >= 10) return;
                        fired++;
                        Interlocked.Increment(ref h.Stored);
                        if (k.RaiseIrq(Line) != KernelStatus.Ok) refused++;
                    }, null, 5, 5);
                    for (int i = 0; i < 2000 && consumed < 10; i++) k.RunUntilTick(k.Now + 5);
                }
                finally
                {
                    if (timer != null) timer.Dispose();
                }
            }
            Assert.AreEqual(0, refused, "refused raises");
            Assert.AreEqual(10, consumed, "timer events received");
        }

        /// <summary>
        /// Simulated board: a raise from a foreign thread while the driver is outside a run call waits (the line is
        /// pending, the handler has not run) and runs at the start of the next run call; raises coalesce.
        /// </summary>
        [TestMethod]
        public void A_raise_outside_a_run_call_waits_for_the_next_one()
        {
            using (Rig r = new Rig())
            {
                ActionIrq isr = new ActionIrq(delegate (Scheduler k, int irq) { r.Log("isr@" + k.Now); });
                r.K.SetIrqHandler(Line, isr);
                r.Ticks(2);
                Thread t = new Thread(delegate { r.K.RaiseIrq(Line); r.K.RaiseIrq(Line); });
                t.Start();
                t.Join();
                Assert.AreEqual(1 << Line, r.K.PendingIrqs, "pending");
                Assert.AreEqual(0, isr.Calls, "not run outside a run call");
                r.Ticks(1);
                r.AssertLog("isr@2");
                Assert.AreEqual(1, isr.Calls, "one call for two raises");
            }
        }
    }
}
