namespace NfRt.ThreadMetric.Plain
{
    /// <summary>Cooperative scheduling on plain threads: five equal threads loop { relinquish; count }; check: every counter within 1 of the average.</summary>
    public sealed class PlainCooperativeScheduling : PlainTest
    {
        private long _c0, _c1, _c2, _c3, _c4, _lastTotal;

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
        }

        private void Thread0() { while (true) { Port.ThreadRelinquish(); _c0++; } }

        private void Thread1() { while (true) { Port.ThreadRelinquish(); _c1++; } }

        private void Thread2() { while (true) { Port.ThreadRelinquish(); _c2++; } }

        private void Thread3() { while (true) { Port.ThreadRelinquish(); _c3++; } }

        private void Thread4() { while (true) { Port.ThreadRelinquish(); _c4++; } }

        /// <inheritdoc/>
        protected override long PeriodTotal()
        {
            long c0 = _c0, c1 = _c1, c2 = _c2, c3 = _c3, c4 = _c4;
            long total = c0 + c1 + c2 + c3 + c4, average = total / 5;
            Print("tm_cooperative_thread_0_counter: " + c0);
            Print("tm_cooperative_thread_1_counter: " + c1);
            Print("tm_cooperative_thread_2_counter: " + c2);
            Print("tm_cooperative_thread_3_counter: " + c3);
            Print("tm_cooperative_thread_4_counter: " + c4);
            if (!WithinOne(c0, average) || !WithinOne(c1, average) || !WithinOne(c2, average) || !WithinOne(c3, average) || !WithinOne(c4, average))
                ReportError("Invalid counter value(s). Cooperative counters should not be more that 1 different than the average!");
            long period = total - _lastTotal;
            _lastTotal = total;
            return period;
        }
    }
}
