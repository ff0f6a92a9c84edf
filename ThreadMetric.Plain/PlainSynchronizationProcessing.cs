namespace NfRt.ThreadMetric.Plain
{
    /// <summary>Synchronization processing on plain threads: get the Monitor-guarded binary semaphore, put it back, count; check: the counter moved.</summary>
    public sealed class PlainSynchronizationProcessing : PlainTest
    {
        private long _counter, _last;

        /// <inheritdoc/>
        public override string Name { get { return "synchronization"; } }

        /// <inheritdoc/>
        public override string Title { get { return "Synchronization Processing"; } }

        /// <inheritdoc/>
        protected override void Initialize()
        {
            Port.ThreadCreate(0, 10, Thread0);
            Port.ThreadResume(0);
        }

        private void Thread0()
        {
            while (true)
            {
                Port.SemaphoreGet();
                if (Port.SemaphorePut() != PlainPort.Success) break;
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
