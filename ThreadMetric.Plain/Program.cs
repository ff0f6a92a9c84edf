using System.Diagnostics;

namespace NfRt.ThreadMetric.Plain
{
    /// <summary>
    /// Runs the plain-threads Thread-Metric tests with the build's settings (TmBuildSettings), one at a time
    /// (each test's threads are stopped and dropped before the next), and prints the reports, one RESULT line
    /// per test and the sentinel <c>THREADMETRIC PLAIN DONE p passed, f failed</c>.
    /// </summary>
    public static class Program
    {
        private static readonly string[] Names =
        {
            "basic", "cooperative", "preemptive", "interrupt", "interrupt-preemption", "message", "synchronization", "memory",
        };

        /// <summary>Test number <paramref name="i"/> in the suite's order, a new instance.</summary>
        public static PlainTest Create(int i)
        {
            switch (i)
            {
                case 0: return new PlainBasicProcessing();
                case 1: return new PlainCooperativeScheduling();
                case 2: return new PlainPreemptiveScheduling();
                case 3: return new PlainInterruptProcessing();
                case 4: return new PlainInterruptPreemptionProcessing();
                case 5: return new PlainMessageProcessing();
                case 6: return new PlainSynchronizationProcessing();
                case 7: return new PlainMemoryAllocation();
                default: return null;
            }
        }

        /// <summary>Runs the configured tests.</summary>
        public static void Main()
        {
            int first = 0, count = Names.Length;
            if (TmBuildSettings.Test != "all")
            {
                first = -1;
                for (int i = 0; i < Names.Length; i++) if (Names[i] == TmBuildSettings.Test) first = i;
                if (first < 0)
                {
                    Debug.WriteLine("THREADMETRIC PLAIN DONE 0 passed, 1 failed (unknown test " + TmBuildSettings.Test + ")");
                    return;
                }
                count = 1;
            }
            Debug.WriteLine("Thread-Metric on plain nanoFramework threads: " + count + " test(s), " + TmBuildSettings.Periods + " period(s) of "
                            + TmBuildSettings.PeriodMs + " ms");
            Debug.WriteLine("");
            int failed = 0;
            for (int i = first; i < first + count; i++)
            {
                // The phase, as ThreadMetric.Nano does: an idle sleep wakes on a SysTick edge, so the test starts
                // at the same instruction after an edge whatever moment the host's ping released the firmware.
                System.Threading.Thread.Sleep(2);
                if (!Create(i).Run(TmBuildSettings.PeriodMs, TmBuildSettings.Periods)) failed++;
                Debug.WriteLine("");
            }
            Debug.WriteLine("THREADMETRIC PLAIN DONE " + (count - failed) + " passed, " + failed + " failed");
        }
    }
}
