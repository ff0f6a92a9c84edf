namespace NfRt.ThreadMetric
{
    /// <summary>
    /// Preemptive scheduling: five threads at priorities 10, 9, 8, 7, 6; only thread 0 (the least
    /// urgent) starts. Thread i resumes thread i+1, which preempts it at once; thread 4 counts and
    /// suspends itself, and each thread, back from its resume, counts and suspends itself, down to
    /// thread 0, which counts and starts over: 8 context switches per round of 5 counts. Check: every
    /// counter within 1 of the average; the score is their sum.
    /// </summary>
    public sealed class TmPreemptiveScheduling : TmTest
    {
        private long _c0, _c1, _c2, _c3, _c4;
        private long _lastTotal;

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
            CreateReporter();
        }

        private void Thread0() { while (true) { Port.ThreadResume(1); _c0++; } }

        private void Thread1() { while (true) { Port.ThreadResume(2); _c1++; Port.ThreadSuspend(1); } }

        private void Thread2() { while (true) { Port.ThreadResume(3); _c2++; Port.ThreadSuspend(2); } }

        private void Thread3() { while (true) { Port.ThreadResume(4); _c3++; Port.ThreadSuspend(3); } }

        private void Thread4() { while (true) { _c4++; Port.ThreadSuspend(4); } }

        /// <inheritdoc/>
        protected override long PeriodTotal()
        {
            long total = _c0 + _c1 + _c2 + _c3 + _c4;
            long average = total / 5;
            if (!WithinOne(_c0, average) || !WithinOne(_c1, average) || !WithinOne(_c2, average) || !WithinOne(_c3, average) || !WithinOne(_c4, average))
                ReportError("Invalid counter value(s). Preemptive counters should not be more that 1 different than the average!");
            long period = total - _lastTotal;
            _lastTotal = total;
            return period;
        }
    }
}
