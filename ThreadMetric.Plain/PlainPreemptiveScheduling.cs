namespace NfRt.ThreadMetric.Plain
{
    /// <summary>
    /// Preemptive scheduling on plain threads: priorities 10, 9, 8, 7, 6; thread i resumes thread i+1 (which
    /// the suite expects to preempt it at once) and counts; threads 1-4 suspend themselves. Check: every counter
    /// within 1 of the average (it needs strict priorities, which nanoCLR's weighted levels are not).
    /// </summary>
    public sealed class PlainPreemptiveScheduling : PlainTest
    {
        private long _c0, _c1, _c2, _c3, _c4, _lastTotal;

        /// <inheritdoc/>
        public override string Name { get { return "preemptive"; } }

        /// <inheritdoc/>
        public override string Title { get { return "Preemptive Scheduling"; } }

        /// <inheritdoc/>
        protected override void Initialize()
        {
            Port.ThreadCreate(0, 10, Thread0);
            Port.ThreadCreate(1, 9, Thread1);
            Port.ThreadCreate(2, 8, Thread2);
            Port.ThreadCreate(3, 7, Thread3);
            Port.ThreadCreate(4, 6, Thread4);
            Port.ThreadResume(0);
        }

        private void Thread0() { while (true) { Port.ThreadResume(1); _c0++; } }

        private void Thread1() { while (true) { Port.ThreadResume(2); _c1++; Port.ThreadSuspend(1); } }

        private void Thread2() { while (true) { Port.ThreadResume(3); _c2++; Port.ThreadSuspend(2); } }

        private void Thread3() { while (true) { Port.ThreadResume(4); _c3++; Port.ThreadSuspend(3); } }

        private void Thread4() { while (true) { _c4++; Port.ThreadSuspend(4); } }

        /// <inheritdoc/>
        protected override long PeriodTotal()
        {
            long c0 = _c0, c1 = _c1, c2 = _c2, c3 = _c3, c4 = _c4;
            long total = c0 + c1 + c2 + c3 + c4, average = total / 5;
            if (!WithinOne(c0, average) || !WithinOne(c1, average) || !WithinOne(c2, average) || !WithinOne(c3, average) || !WithinOne(c4, average))
                ReportError("Invalid counter value(s). Preemptive counters should not be more that 1 different than the average!");
            long period = total - _lastTotal;
            _lastTotal = total;
            return period;
        }
    }
}
