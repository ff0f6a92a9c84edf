namespace NfRt.ThreadMetric
{
    /// <summary>
    /// Synchronization processing: one thread at priority 10 loops { get the semaphore; put it back;
    /// count }. A failed put ends the thread (the suite's break). Check: the counter moved.
    /// </summary>
    public sealed class TmSynchronizationProcessing : TmTest
    {
        private long _counter;
        private long _last;

        /// <inheritdoc/>
        public override string Name { get { return "synchronization"; } }

        /// <inheritdoc/>
        public override string Title { get { return "Synchronization Processing"; } }

        /// <inheritdoc/>
        protected override void Initialize()
        {
            Port.ThreadCreate(0, 10, Thread0);
            Port.ThreadResume(0);
            Port.SemaphoreCreate(0);
            CreateReporter();
        }

        private void Thread0()
        {
            while (true)
            {
                Port.SemaphoreGet(0);
                if (Port.SemaphorePut(0) != TmPort.Success) break;
                _counter++;
            }
        }

        /// <inheritdoc/>
        protected override long PeriodTotal()
        {
            long now = _counter;
            if (now == _last) ReportError("Invalid counter value(s). Error getting/putting semaphore!");
            long total = now - _last;
            _last = now;
            return total;
        }
    }
}
