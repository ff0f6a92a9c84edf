namespace NfRt.ThreadMetric
{
    /// <summary>
    /// Cooperative scheduling: five threads at priority 3 each loop { relinquish; count }, so every
    /// relinquish is a context switch to the next one, round robin. The report prints the five counters
    /// (as the suite does) and checks that each is within 1 of their average; the score is their sum.
    /// </summary>
    public sealed class TmCooperativeScheduling : TmTest
    {
        private long _c0, _c1, _c2, _c3, _c4;
        private long _lastTotal;

        /// <inheritdoc/>
        public override string Name { get { return "cooperative"; } }

        /// <inheritdoc/>
        public override string Title { get { return "Cooperative Scheduling"; } }

        /// <inheritdoc/>
        protected override void Initialize()
        {
            Port.ThreadCreate(0, 3, Thread0);
            Port.ThreadCreate(1, 3, Thread1);
            Port.ThreadCreate(2, 3, Thread2);
            Port.ThreadCreate(3, 3, Thread3);
            Port.ThreadCreate(4, 3, Thread4);
            for (int id = 0; id < 5; id++) Port.ThreadResume(id);
            CreateReporter();
        }

        private void Thread0() { while (true) { Port.ThreadRelinquish(); _c0++; } }

        private void Thread1() { while (true) { Port.ThreadRelinquish(); _c1++; } }

        private void Thread2() { while (true) { Port.ThreadRelinquish(); _c2++; } }

        private void Thread3() { while (true) { Port.ThreadRelinquish(); _c3++; } }

        private void Thread4() { while (true) { Port.ThreadRelinquish(); _c4++; } }

        /// <inheritdoc/>
        protected override long PeriodTotal()
        {
            long total = _c0 + _c1 + _c2 + _c3 + _c4;
            long average = total / 5;
            Print("tm_cooperative_thread_0_counter: " + _c0);
            Print("tm_cooperative_thread_1_counter: " + _c1);
            Print("tm_cooperative_thread_2_counter: " + _c2);
            Print("tm_cooperative_thread_3_counter: " + _c3);
            Print("tm_cooperative_thread_4_counter: " + _c4);
            if (!WithinOne(_c0, average) || !WithinOne(_c1, average) || !WithinOne(_c2, average) || !WithinOne(_c3, average) || !WithinOne(_c4, average))
                ReportError("Invalid counter value(s). Cooperative counters should not be more that 1 different than the average!");
            long period = total - _lastTotal;
            _lastTotal = total;
            return period;
        }
    }
}
