using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// A periodic task on the real-time board (a timer thread is the tick interrupt). Asserted exactly: every
    /// job is taken at or after its release, releases stay on the task's grid whatever the interpreter's delays
    /// (drift-free), every grid point up to the last release is either a job or a skipped release, and the board's
    /// finer clock measures CPU time. How late jobs were taken is MEASURED and printed ("RT-PERIODIC ...").
    /// </summary>
    [TestClass]
    public class UnitTestPeriodicRealTime
    {
        /// <summary>P (T = 10, offset 3, C = 1) runs at least five jobs on an STM32-profile board (1 kHz).</summary>
        [TestMethod]
        public void Releases_stay_on_the_grid_on_the_real_time_board()
        {
            TaskStatistics s = new TaskStatistics();
            string bad = null;
            long lastRelease = -1, worstLateness = 0;
            int jobs = 0;
            using (RealTimeRig rt = new RealTimeRig(BoardProfiles.Stm32))
            {
                Scheduler k = rt.K;
                PeriodicOptions o = new PeriodicOptions();
                o.Period = 10;
                o.Offset = 3;
                TaskControlBlock p = k.CreatePeriodicTask("P", 5, delegate
                {
                    TaskStatistics mine = new TaskStatistics();
                    while (true)
                    {
                        k.WaitForNextPeriod();
                        k.ReadStatistics(k.Current, mine);
                        long release = mine.JobRelease;
                        if (release < lastRelease || (release - 3) % 10 != 0 || k.Now < release) bad = "release " + release + " taken at " + k.Now;
                        if (k.Now - release > worstLateness) worstLateness = k.Now - release;
                        lastRelease = release;
                        jobs++;
                        k.Busy(1);
                    }
                }, o);
                for (long until = 100; jobs < 5 && until < 100000; until += 50) k.RunUntilTick(until);
                Assert.IsNull(k.FirstFaultedTask(), "no fault");
                Rig.Is(KernelStatus.Ok, k.ReadStatistics(p, s), "read");
            }
            DeviceTestRunner.Print("RT-PERIODIC jobs=" + s.JobsReleased + " skipped=" + s.ReleasesSkipped + " worst_start_lateness_ticks=" + worstLateness
                + " worst_response=" + s.WorstResponse + " cpu_ticks=" + s.CpuTicks + " cpu_us=" + s.CpuMicros);
            Assert.IsNull(bad, bad);
            Assert.IsTrue(jobs >= 5, "five jobs");
            long last = s.JobInProgress ? s.JobRelease : s.NextRelease - 10;   // the last grid point run or skipped
            // Exact: releases skipped at the end of a late job are counted then, ahead of the last release the task
            // saw, so the reference is the job in progress or the release waited for (UnitTests/Timing/UnitTestPeriodicGridAccounting.cs).
            int gridPoints = (int)((last - 3) / 10 + 1);
            int counted = s.JobsReleased + s.ReleasesSkipped;
            Assert.AreEqual(gridPoints, counted, "every grid point run or skipped exactly once: " + counted + " counted for " + gridPoints);
            Assert.IsTrue(s.CpuMicros >= 0, "CPU time by the finer clock");
        }
    }
}
