namespace NfRt.ThreadMetric
{
    /// <summary>
    /// Memory allocation: one thread at priority 10 loops { allocate a 128-byte block from the pool;
    /// release it; count }. A failed release ends the thread (the suite's break). Check: the counter moved.
    /// </summary>
    public sealed class TmMemoryAllocation : TmTest
    {
        private long _counter;
        private long _last;

        /// <inheritdoc/>
        public override string Name { get { return "memory"; } }

        /// <inheritdoc/>
        public override string Title { get { return "Memory Allocation"; } }

        /// <inheritdoc/>
        protected override void Initialize()
        {
            Port.ThreadCreate(0, 10, Thread0);
            Port.ThreadResume(0);
            Port.MemoryPoolCreate(0);
            CreateReporter();
        }

        private void Thread0()
        {
            while (true)
            {
                int block;
                Port.MemoryPoolAllocate(0, out block);
                if (Port.MemoryPoolDeallocate(0, block) != TmPort.Success) break;
                _counter++;
            }
        }

        /// <inheritdoc/>
        protected override long PeriodTotal()
        {
            long now = _counter;
            if (now == _last) ReportError("Invalid counter value(s). Error allocating/deallocating memory!");
            long total = now - _last;
            _last = now;
            return total;
        }
    }
}
