using System;

namespace NfRt.ThreadMetric
{
    /// <summary>
    /// One Thread-Metric test: its initialization (threads, objects), its threads, and its part of the
    /// reporting thread (the checks and the period total). The reporting thread's loop is shared:
    /// <code>
    ///   reporting thread (priority 2, the most urgent): for each period
    ///     read the allocation counter; sleep one period (the test threads run meanwhile)
    ///     wake (it preempts them), read the allocation counter and the wall clock
    ///     print "**** Thread-Metric &lt;title&gt; Test **** Relative Time: &lt;s&gt;", the test's checks
    ///     ("ERROR: ..." lines) and "Time Period Total:  &lt;n&gt;", then this port's extra line
    ///     "Per second: &lt;n/s&gt; (period &lt;s&gt; s wall clock, &lt;b&gt; bytes allocated)"
    ///   after the last period it suspends the test threads and ends (the suite runs for ever).
    /// </code>
    /// The counters are written only by the test threads and the handler and read by the reporting
    /// thread, which runs only while every test thread is parked (one CPU): no locks needed.
    /// </summary>
    public abstract class TmTest
    {
        /// <summary>Thread id and priority of the reporting thread (as in the suite).</summary>
        public const int ReporterId = 5, ReporterPriority = 2;

        /// <summary>The porting layer (set by the runner before <see cref="Initialize"/>).</summary>
        protected TmPort Port;

        private TmSettings _settings;
        private ITmOutput _out;
        private TmResult _result;

        /// <summary>Short name for command lines: basic, cooperative, preemptive, interrupt, interrupt-preemption, message, synchronization, memory.</summary>
        public abstract string Name { get; }

        /// <summary>The title in the report line, e.g. "Cooperative Scheduling".</summary>
        public abstract string Title { get; }

        /// <summary>The test's initialization: creates and resumes its threads and objects, and the reporting thread.</summary>
        protected abstract void Initialize();

        /// <summary>
        /// The test's part of one report: runs its checks, printing the suite's "ERROR: ..." line (through
        /// <see cref="ReportError"/>) and any other line the suite prints there; returns the Time Period Total.
        /// </summary>
        protected abstract long PeriodTotal();

        /// <summary>Sets the test up on <paramref name="port"/> (the runner's call).</summary>
        internal TmResult Setup(TmPort port, TmSettings settings, ITmOutput output)
        {
            Port = port;
            _settings = settings;
            _out = output;
            _result = new TmResult(Name, settings.Periods);
            Initialize();
            return _result;
        }

        /// <summary>Creates and resumes the reporting thread (thread 5, priority 2), as every test's initialization does.</summary>
        protected void CreateReporter()
        {
            Port.ThreadCreate(ReporterId, ReporterPriority, ReportThread);
            Port.ThreadResume(ReporterId);
        }

        /// <summary>Prints a line.</summary>
        protected void Print(string line) { _out.Print(line); }

        /// <summary>Prints an "ERROR: ..." line and counts it.</summary>
        protected void ReportError(string message)
        {
            _result.Errors++;
            _out.Print("ERROR: " + message);
        }

        /// <summary>True when <paramref name="counter"/> is within 1 of <paramref name="average"/> (the suite's balance check).</summary>
        protected static bool WithinOne(long counter, long average)
        {
            return counter >= average - 1 && counter <= average + 1;
        }

        private void ReportThread()
        {
            long relativeMs = 0;
            for (int p = 0; p < _settings.Periods; p++)
            {
                long alloc0 = _out.AllocatedBytes();
                long t0 = DateTime.UtcNow.Ticks;
                Port.ThreadSleepMs(_settings.PeriodMs);
                long t1 = DateTime.UtcNow.Ticks;
                long alloc1 = _out.AllocatedBytes();
                relativeMs += _settings.PeriodMs;
                Print("**** Thread-Metric " + Title + " Test **** Relative Time: " + Decimal(relativeMs, 1000));
                long total = PeriodTotal();
                Print("Time Period Total:  " + total);
                _result.Totals[p] = total;
                _result.WallTicks[p] = t1 - t0;
                _result.Allocated[p] = alloc0 < 0 || alloc1 < 0 ? -1 : alloc1 - alloc0;
                _result.PeriodsDone = p + 1;
                Print("Per second: " + Round(_result.PerSecond(p)) + " (period " + Decimal((t1 - t0) / 10000, 1000) + " s wall clock, "
                      + (_result.Allocated[p] < 0 ? "allocation not measured" : _result.Allocated[p] + " bytes allocated") + ")");
                Print("");
            }
            Port.SuspendOthers();
        }

        /// <summary><paramref name="value"/> / <paramref name="unit"/> as a decimal without trailing zeros (the same text on .NET and nanoCLR).</summary>
        public static string Decimal(long value, int unit)
        {
            string sign = value < 0 ? "-" : "";
            if (value < 0) value = -value;
            long whole = value / unit, frac = value % unit;
            if (frac == 0) return sign + whole;
            string f = (frac + unit).ToString().Substring(1);   // leading zeros kept
            int end = f.Length;
            while (end > 0 && f[end - 1] == '0') end--;
            return sign + whole + "." + f.Substring(0, end);
        }

        /// <summary>Rounded to the nearest integer.</summary>
        public static long Round(double x) { return (long)(x + 0.5); }
    }
}
