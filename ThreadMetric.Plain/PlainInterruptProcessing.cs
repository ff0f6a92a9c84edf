namespace NfRt.ThreadMetric.Plain
{
    /// <summary>
    /// Interrupt processing on plain threads: thread 0 (priority 10) takes the semaphore, then loops { cause an
    /// interrupt; get the semaphore; count }; the handler (its own thread) counts and puts the semaphore. A get
    /// that fails ends thread 0 (the suite's break). Check: the two counters within 1 of their average.
    /// </summary>
    public sealed class PlainInterruptProcessing : PlainTest
    {
        private long _thread0, _handler, _lastTotal;

        /// <inheritdoc/>
        public override string Name { get { return "interrupt"; } }

        /// <inheritdoc/>
        public override string Title { get { return "Interrupt Processing"; } }

        /// <inheritdoc/>
        protected override void Initialize()
        {
            Port.ThreadCreate(0, 10, Thread0);
            Port.InterruptHandlerSet(Handler);
            Port.ThreadResume(0);
        }

        private void Thread0()
        {
            if (Port.SemaphoreGet() != PlainPort.Success) return;
            while (true)
            {
                Port.CauseInterrupt();
                if (Port.SemaphoreGet() != PlainPort.Success) return;
                _thread0++;
            }
        }

        private void Handler()
        {
            _handler++;
            Port.SemaphorePut();
        }

        /// <inheritdoc/>
        protected override long PeriodTotal()
        {
            long t0 = _thread0, h = _handler;
            long average = (t0 + h) / 2;
            if (!WithinOne(t0, average) || !WithinOne(h, average)) ReportError("Invalid counter value(s). Interrupt processing test has failed!");
            long period = h - _lastTotal;
            _lastTotal = h;
            return period;
        }
    }
}
