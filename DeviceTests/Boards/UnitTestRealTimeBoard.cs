using System;
using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// The kernel on the real-time board (a timer thread is the tick interrupt). Order is asserted exactly;
    /// the tick rate is MEASURED and printed (a line starting with "RT-RATE"), and accepted within a
    /// generous band (±15 %) so a loaded machine does not make it flaky; the goal is ≤ 5 % error.
    /// </summary>
    [TestClass]
    public class UnitTestRealTimeBoard
    {
        /// <summary>Accepted relative error of the measured tick rate.</summary>
        public const double RateTolerance = 0.15;

        /// <summary>S (5) sleeps 5 ticks three times and signals W (3) after each: the log is S0 W0 S1 W1 S2 W2.</summary>
        [TestMethod]
        public void Real_time_run_keeps_order_and_shutdown_joins_everything()
        {
            string log = "";
            bool done = false;
            using (RealTimeRig rt = new RealTimeRig(BoardProfiles.Stm32))
            {
                Assert.IsFalse(rt.Board.IsSimulated, "real time");
                Scheduler k = rt.K;
                KernelEvent ev = new KernelEvent(k);
                k.CreateTask("S", 5, delegate
                {
                    for (int i = 0; i < 3; i++)
                    {
                        long before = k.Now;
                        k.Sleep(5);
                        if (k.Now - before < 5) log += "early ";
                        log += "S" + i + " ";
                        ev.Signal();
                    }
                    done = true;
                });
                k.CreateTask("W", 3, delegate { for (int i = 0; i < 3; i++) { ev.Wait(-1); log += "W" + i + " "; } });
                for (long until = 20; !done && until < 100000; until += 5) k.RunUntilTick(until);
                Assert.IsNull(k.FirstFaultedTask(), "no fault");
            }
            Assert.AreEqual("S0 W0 S1 W1 S2 W2 ", log, "order");
        }

        /// <summary>
        /// An ESP32-profile board (1 kHz) runs 1,500 kernel ticks; the rate is measured against DateTime.UtcNow and
        /// printed. Kernel ticks come from elapsed clock time, so a timer thread whose sleeps overshoot (nanoCLR on
        /// Linux: Sleep(1) ≈ 10 ms) still gives ~1,000 ticks/s.
        /// </summary>
        [TestMethod]
        public void Esp32_board_ticks_at_1kHz_measured()
        {
            RealTimeBoard board = new RealTimeBoard(BoardProfiles.Esp32);
            Scheduler k = new Scheduler(new KernelConfig(), board);
            const int Ticks = 1500;
            long t0, t1, n0, n1;
            try
            {
                k.RunUntilTick(1);     // starts the timer thread and waits for a first tick
                n0 = k.Now;
                t0 = DateTime.UtcNow.Ticks;
                k.RunUntilTick(n0 + Ticks);
                t1 = DateTime.UtcNow.Ticks;
                n1 = k.Now;
            }
            finally
            {
                k.Shutdown();
            }
            long ms = (t1 - t0) / TimeSpan.TicksPerMillisecond;
            double rate = ms > 0 ? (n1 - n0) * 1000.0 / ms : 0;
            double error = (rate - board.Profile.TickRateHz) / board.Profile.TickRateHz;
            int ratePerSecond = (int)(rate + 0.5);
            int errorPermille = (int)(error * 1000 + (error < 0 ? -0.5 : 0.5));
            DeviceTestRunner.Print("RT-RATE board=" + board.Profile.Name + " ticks=" + (n1 - n0) + " ms=" + ms + " rate=" + ratePerSecond + "/s error=" + errorPermille + " permille");
            Assert.IsTrue(error < RateTolerance && error > -RateTolerance,
                "measured " + ratePerSecond + " ticks/s, expected " + board.Profile.TickRateHz + " within 15 %");
        }
    }
}
