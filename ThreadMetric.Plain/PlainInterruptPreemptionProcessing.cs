namespace NfRt.ThreadMetric.Plain
{
    /// <summary>
    /// Interrupt preemption processing on plain threads: thread 1 (priority 10) loops { cause an interrupt;
    /// count }; the handler counts and resumes thread 0 (priority 3), which counts and suspends itself. Check:
    /// the three counters within 1 of their average.
    /// </summary>
    public sealed class PlainInterruptPreemptionProcessing : PlainTest
    {
        private long _thread0, _thread1, _handler, _lastTotal;

        /// <inheritdoc/>
        public override string Name { get { return "interrupt-preemption"; } }

        /// <inheritdoc/>
        public override string Title { get { return "Interrupt Preemption Processing"; } }

        /// <inheritdoc/>
        protected override void Initialize()
        {
            Port.ThreadCreate(0, 3, Thread0);
            Port.ThreadCreate(1, 10, Thread1);
            Port.InterruptHandlerSet(Handler);
            Port.ThreadResume(1);
        }

        private void Thread0() { while (true) { _thread0++; Port.ThreadSuspend(0); } }

        private void Thread1() { while (true) { Port.CauseInterrupt(); _thread1++; } }

        private void Handler()
        {
            _handler++;
            Port.ThreadResume(0);
        }

        /// <inheritdoc/>
        protected override long PeriodTotal()
        {
            long t0 = _thread0, t1 = _thread1, h = _handler;
            long average = (t0 + t1 + h) / 3;
            if (!WithinOne(t0, average) || !WithinOne(t1, average) || !WithinOne(h, average))
                ReportError("Invalid counter value(s). Interrupt processing test has failed!");
            long period = h - _lastTotal;
            _lastTotal = h;
            return period;
        }
    }
}
