using nanoFramework.TestFramework;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// Periodic tasks, deadline monitoring and run-time statistics on the simulated board, with exact tick
    /// values (docs/spec/scheduler.md §33-§34): the same IL on nanoCLR and on .NET.
    /// </summary>
    [TestClass]
    public class UnitTestPeriodic
    {
        /// <summary>
        /// (C, T) = (1, 4), (2, 6), (3, 12), rate-monotonic, released together at 0: worst responses equal the
        /// response-time analysis exactly, 1, 3 and 10, over two hyperperiods; no deadline is missed.
        /// </summary>
        [TestMethod]
        public void Synchronous_release_meets_the_analysed_responses_exactly()
        {
            using (Rig r = new Rig())
            {
                PeriodicTask h = new PeriodicTask(r, "H", 1, 4, 1);
                PeriodicTask m = new PeriodicTask(r, "M", 2, 6, 2);
                PeriodicTask l = new PeriodicTask(r, "L", 3, 12, 3);
                r.Ticks(24);
                Assert.AreEqual(1L, h.Stats().WorstResponse, "H");
                Assert.AreEqual(3L, m.Stats().WorstResponse, "M");
                Assert.AreEqual(10L, l.Stats().WorstResponse, "L");
                Assert.AreEqual("0 4 8 12 16 20 24", h.Starts, "H starts");
                Assert.AreEqual(0, h.Stats().DeadlinesMissed + m.Stats().DeadlinesMissed + l.Stats().DeadlinesMissed, "misses");
                Assert.AreEqual(2, l.Stats().JobsCompleted, "L jobs");
            }
        }

        /// <summary>P (T = 5, D = 2, C = 3): each job ends at release + 3, so every report is DeadlineMissed and counted.</summary>
        [TestMethod]
        public void A_late_job_is_reported_as_DeadlineMissed()
        {
            using (Rig r = new Rig())
            {
                PeriodicTask p = new PeriodicTask(r, "P", 5, PeriodicTask.Options(5, 2, OverrunPolicy.Skip), 3, -1, 0, null);
                r.Ticks(16);
                Assert.AreEqual("0 5 10 15", p.Starts, "starts");
                Assert.AreEqual("DeadlineMissed DeadlineMissed DeadlineMissed", p.Reports, "reports");
                TaskStatistics s = p.Stats();
                Assert.AreEqual(3, s.DeadlinesMissed, "misses");
                Assert.AreEqual(3L, s.WorstResponse, "response");
            }
        }

        /// <summary>
        /// P (T = 4, C = 1, job 1 takes 10 ticks: 4..14). Skip: releases 8 and 12 are skipped, the next job is at 16.
        /// Catch-up: they run back to back at 14 and 15, and the task is on time again at 16.
        /// </summary>
        [TestMethod]
        public void Skip_and_catch_up_treat_an_overrun_as_specified()
        {
            using (Rig r = new Rig())
            {
                PeriodicTask p = new PeriodicTask(r, "P", 5, PeriodicTask.Options(4, 0, OverrunPolicy.Skip), 1, 1, 10, null);
                r.Ticks(22);
                Assert.AreEqual("0 4 16 20", p.Starts, "skip starts");
                Assert.AreEqual("Ok DeadlineMissed Ok", p.Reports, "skip reports");
                Assert.AreEqual(2, p.Stats().ReleasesSkipped, "skipped");
            }
            using (Rig r = new Rig())
            {
                PeriodicTask p = new PeriodicTask(r, "P", 5, PeriodicTask.Options(4, 0, OverrunPolicy.CatchUp), 1, 1, 10, null);
                r.Ticks(22);
                Assert.AreEqual("0 4 14 15 16 20", p.Starts, "catch-up starts");
                Assert.AreEqual("Ok DeadlineMissed DeadlineMissed Ok Ok", p.Reports, "catch-up reports");
                TaskStatistics s = p.Stats();
                Assert.AreEqual(0, s.ReleasesSkipped, "none skipped");
                Assert.AreEqual(6, s.JobsReleased, "released");
            }
        }

        /// <summary>
        /// L (10) holds bus 0..4; H (1, periodic, offset 1) waits for it from 1 to 4; M (5) is ready from 2 but
        /// cannot run while L inherits H's priority. H: blocking 3 (worst and total), response 4; L: one boost.
        /// </summary>
        [TestMethod]
        public void Blocking_under_inheritance_is_the_owner_section_only()
        {
            using (Rig r = new Rig())
            {
                RtMutex bus = new RtMutex(r.K, "bus");
                TaskControlBlock l = r.Task("L", 10, delegate { bus.Lock(); r.K.Busy(4); bus.Unlock(); r.K.Busy(1); });
                r.Task("M", 5, delegate { r.K.Sleep(2); r.K.Busy(5); });
                PeriodicOptions o = PeriodicTask.Options(20, 0, OverrunPolicy.Skip);
                o.Offset = 1;
                PeriodicTask h = new PeriodicTask(r, "H", 1, o, 1, -1, 0, bus);
                r.Ticks(12);
                TaskStatistics s = h.Stats();
                Assert.AreEqual(3L, s.WorstBlocking, "worst blocking");
                Assert.AreEqual(3L, s.TotalBlocking, "total blocking");
                Assert.AreEqual(4L, s.WorstResponse, "response");
                TaskStatistics ls = new TaskStatistics();
                Rig.Is(KernelStatus.Ok, r.K.ReadStatistics(l, ls), "read L");
                Assert.AreEqual(1, ls.Boosts, "L boosted once");
                Assert.AreEqual(5L, ls.CpuTicks, "L cpu");
            }
        }

        /// <summary>The device table: a header, idle and one line per task, all as wide as the header; printed on the device.</summary>
        [TestMethod]
        public void The_statistics_table_has_a_line_per_task()
        {
            using (Rig r = new Rig())
            {
                new PeriodicTask(r, "ctl", 2, 5, 1);
                r.Task("bg", 9, delegate { r.K.Busy(3); });
                r.Ticks(10);
                string table = StatisticsPrinter.Table(r.K);
                int lines = 0, start = 0;
                for (int i = 0; i < table.Length; i++)
                {
                    if (table[i] != '\n') continue;
                    string line = table.Substring(start, i - start);
                    Assert.AreEqual(StatisticsPrinter.Header.Length, line.Length, "width of line " + lines);
                    DeviceTestRunner.Print("STATS " + line);
                    lines++;
                    start = i + 1;
                }
                Assert.AreEqual(4, lines, "header, idle, ctl, bg");
            }
        }
    }
}
