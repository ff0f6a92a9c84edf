using System.Diagnostics;
using NfRt.ThreadMetric;

namespace NfRt.ThreadMetric.Nano
{
    /// <summary>
    /// Runs the Thread-Metric tests on nanoCLR (one at a time: each test's kernel and threads are released before
    /// the next, so all eight fit the 104 KiB heap of the STM32F405 firmware) with the build's settings (<c>TmBuildSettings</c>, see the
    /// project file) and prints the reporting thread's lines, a RESULT line per test, and the sentinel
    /// <c>THREADMETRIC DONE p passed, f failed</c> (nanoCLR's exit status cannot be trusted).
    /// On this runtime: EventGate (an AutoResetEvent per task: threads are the interpreter's own, spinning
    /// only burns the quantum), ticks derived from DateTime.UtcNow (Sleep(1) lasts ~10 ms on the POSIX
    /// host, so ticks arrive in bursts of ~10), no allocation counter.
    /// </summary>
    public static class Program
    {
        private const int AlignMs = 2;   // the idle sleep before each test (see Main): any length aligns to an edge

        /// <summary>Runs the configured tests.</summary>
        public static void Main()
        {
            var settings = new TmSettings();
            settings.PeriodMs = TmBuildSettings.PeriodMs;
            settings.Periods = TmBuildSettings.Periods;
            int first = 0, count = TmRunner.TestNames.Length;
            if (TmBuildSettings.Test != "all")
            {
                first = -1;
                for (int i = 0; i < TmRunner.TestNames.Length; i++) if (TmRunner.TestNames[i] == TmBuildSettings.Test) first = i;
                if (first < 0)
                {
                    Debug.WriteLine("THREADMETRIC unknown test " + TmBuildSettings.Test + " (tests: " + TmRunner.Names() + ", all)");
                    Debug.WriteLine("THREADMETRIC DONE 0 passed, 1 failed");
                    return;
                }
                count = 1;
            }
            var output = new DebugOutput();
            Debug.WriteLine("Thread-Metric on NfRt (nanoCLR): " + count + " test(s), " + settings.Periods + " period(s) of "
                            + TmTest.Decimal(settings.PeriodMs, 1000) + " s, real-time board STM32F429 (1000 Hz tick), gate " + settings.GateName);
            Debug.WriteLine("");
            int failed = 0;
            for (int i = first; i < first + count; i++)
            {
                // One test at a time: created here, dropped after its run (its kernel and threads with it).
                // First the phase: sleep with nothing else runnable, so the runtime idles and wakes on a SysTick
                // edge. Every test then starts at the same instruction after an edge, whatever moment the host's
                // ping released the firmware (under QEMU --icount the one wall-clock input), so where its windows
                // fall does not depend on that moment (tools/threadmetric-firmware.sh's two runs compare it).
                System.Threading.Thread.Sleep(AlignMs);
                TmResult r = TmRunner.Run(TmRunner.Create(i), settings, output);
                if (!r.Passed) failed++;
                Debug.WriteLine("");
            }
            Debug.WriteLine("THREADMETRIC DONE " + (count - failed) + " passed, " + failed + " failed");
        }

        private sealed class DebugOutput : ITmOutput
        {
            public void Print(string line) { Debug.WriteLine(line); }

            public long AllocatedBytes() { return -1; }
        }
    }
}
