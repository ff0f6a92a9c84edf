using System;
using System.Diagnostics;

namespace NfRt.ThreadMetric.Plain
{
    /// <summary>
    /// One Thread-Metric test on plain threads: its initialization, its threads, and its part of the reporting
    /// thread, with the suite's checks. The same shape and lines as ThreadMetric/TmTest.cs (the kernel's
    /// version): the reporting thread (priority 2: Highest) sleeps one period, prints the report ("ERROR: ..."
    /// lines for failed checks, "Time Period Total"), and after the last period stops the test threads; the
    /// runner then prints <c>RESULT name: N per second (...), errors E</c>. The counters are plain fields, as
    /// in the suite (read by the reporter while the others run: a report may be one count off).
    /// </summary>
    public abstract class PlainTest
    {
        /// <summary>Thread id and priority of the reporting thread (as in the suite).</summary>
        public const int ReporterId = 5, ReporterPriority = 2;

        /// <summary>The porting layer.</summary>
        protected readonly PlainPort Port = new PlainPort();

        private int _periodMs, _periods, _errors, _done;
        private long[] _totals, _wall;

        /// <summary>Short name: basic, cooperative, preemptive, interrupt, interrupt-preemption, message, synchronization, memory.</summary>
        public abstract string Name { get; }

        /// <summary>The title in the report line.</summary>
        public abstract string Title { get; }

        /// <summary>Creates and resumes the test's threads and objects.</summary>
        protected abstract void Initialize();

        /// <summary>Runs the test's checks (ReportError) and returns this period's total.</summary>
        protected abstract long PeriodTotal();

        /// <summary>Prints an "ERROR: ..." line and counts it.</summary>
        protected void ReportError(string message)
        {
            _errors++;
            Debug.WriteLine("ERROR: " + message);
        }

        /// <summary>Prints a line.</summary>
        protected static void Print(string line) { Debug.WriteLine(line); }

        /// <summary>True when <paramref name="counter"/> is within 1 of <paramref name="average"/> (the suite's balance check).</summary>
        protected static bool WithinOne(long counter, long average) { return counter >= average - 1 && counter <= average + 1; }

        /// <summary>Runs the test for <paramref name="periods"/> periods of <paramref name="periodMs"/> ms, prints its RESULT line; true when it passed.</summary>
        public bool Run(int periodMs, int periods)
        {
            _periodMs = periodMs;
            _periods = periods;
            _totals = new long[periods];
            _wall = new long[periods];
            Initialize();
            Port.ThreadCreate(ReporterId, ReporterPriority, ReportThread);
            Port.ThreadResume(ReporterId);
            while (_done == 0) System.Threading.Thread.Sleep(periodMs / 4 + 1);
            int from = periods > 1 ? 1 : 0;
            long total = 0, wall = 0;
            bool positive = true;
            for (int i = from; i < periods; i++) { total += _totals[i]; wall += _wall[i]; if (_totals[i] <= 0) positive = false; }
            long perSecond = wall <= 0 ? 0 : (long)(total * 10000000.0 / wall + 0.5);
            Print("RESULT " + Name + ": " + perSecond + " per second (" + (from + 1 == periods ? "period " + periods : "periods " + (from + 1) + "-" + periods)
                  + " of " + periodMs + " ms), errors " + _errors + ", plain threads");
            return _errors == 0 && positive;
        }

        private void ReportThread()
        {
            long relativeMs = 0;
            for (int p = 0; p < _periods; p++)
            {
                long t0 = DateTime.UtcNow.Ticks;
                Port.ThreadSleepMs(_periodMs);
                long t1 = DateTime.UtcNow.Ticks;
                relativeMs += _periodMs;
                Print("**** Thread-Metric " + Title + " Test (plain threads) **** Relative Time: " + relativeMs + " ms");
                long total = PeriodTotal();
                Print("Time Period Total:  " + total);
                _totals[p] = total;
                _wall[p] = t1 - t0;
                Print("");
            }
            Port.StopOthers();
            _done = 1;
        }
    }
}
