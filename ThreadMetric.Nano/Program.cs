using System.Diagnostics;
using NfRt.ThreadMetric;

namespace NfRt.ThreadMetric.Nano
{
    /// <summary>
    /// Runs the Thread-Metric tests on nanoCLR with the build's settings (<c>TmBuildSettings</c>, see the
    /// project file) and prints the reporting thread's lines, a RESULT line per test, and the sentinel
    /// <c>THREADMETRIC DONE p passed, f failed</c> (nanoCLR's exit status cannot be trusted).
    /// On this runtime: EventGate (an AutoResetEvent per task: threads are the interpreter's own, spinning
    /// only burns the quantum), ticks derived from DateTime.UtcNow (Sleep(1) lasts ~10 ms on the POSIX
    /// host, so ticks arrive in bursts of ~10), no allocation counter.
    /// </summary>
    public static class Program
    {
        /// <summary>Runs the configured tests.</summary>
        public static void Main()
        {
            var settings = new TmSettings();
            settings.PeriodMs = TmBuildSettings.PeriodMs;
            settings.Periods = TmBuildSettings.Periods;
            TmTest[] tests;
            if (TmBuildSettings.Test == "all") tests = TmRunner.AllTests();
            else
            {
                TmTest t = TmRunner.Find(TmBuildSettings.Test);
                if (t == null)
                {
                    Debug.WriteLine("THREADMETRIC unknown test " + TmBuildSettings.Test + " (tests: " + TmRunner.Names() + ", all)");
                    Debug.WriteLine("THREADMETRIC DONE 0 passed, 1 failed");
                    return;
                }
                tests = new TmTest[] { t };
            }
            var output = new DebugOutput();
            Debug.WriteLine("Thread-Metric on NfRt (nanoCLR): " + tests.Length + " test(s), " + settings.Periods + " period(s) of "
                            + TmTest.Decimal(settings.PeriodMs, 1000) + " s, real-time board STM32F429 (1000 Hz tick), gate " + settings.GateName);
            Debug.WriteLine("");
            int failed = 0;
            for (int i = 0; i < tests.Length; i++)
            {
                TmResult r = TmRunner.Run(tests[i], settings, output);
                if (!r.Passed) failed++;
                Debug.WriteLine("");
            }
            Debug.WriteLine("THREADMETRIC DONE " + (tests.Length - failed) + " passed, " + failed + " failed");
        }

        private sealed class DebugOutput : ITmOutput
        {
            public void Print(string line) { Debug.WriteLine(line); }

            public long AllocatedBytes() { return -1; }
        }
    }
}
