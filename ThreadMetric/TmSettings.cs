using NfRt.Boards;

namespace NfRt.ThreadMetric
{
    /// <summary>How to run a Thread-Metric test.</summary>
    public sealed class TmSettings
    {
        /// <summary>Length of one reporting period in ms (the suite's TM_TEST_DURATION; it recommends 30 s).</summary>
        public int PeriodMs = 30000;

        /// <summary>Reporting periods to run; then the reporting thread stops the test.</summary>
        public int Periods = 1;

        /// <summary>The board profile of the real-time board (null: STM32F429, 1 kHz tick).</summary>
        public BoardProfile Profile;

        /// <summary>How task threads park (null: the board's default, EventGate; the host passes SpinParkGate's factory).</summary>
        public ITaskGateFactory Gates;

        /// <summary>A short name of <see cref="Gates"/> for the report.</summary>
        public string GateName = "EventGate";
    }
}
