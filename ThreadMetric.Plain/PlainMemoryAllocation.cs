namespace NfRt.ThreadMetric.Plain
{
    /// <summary>Memory allocation on plain threads: allocate a 128-byte block from the Monitor-guarded pool, release it, count; check: the counter moved.</summary>
    public sealed class PlainMemoryAllocation : PlainTest
    {
        private long _counter, _last;

        /// <inheritdoc/>
        public override string Name { get { return "memory"; } }

        /// <inheritdoc/>
        public override string Title { get { return "Memory Allocation"; } }

        /// <inheritdoc/>
        protected override void Initialize()
        {
            Port.MemoryPoolCreate();
            Port.ThreadCreate(0, 10, Thread0);
            Port.ThreadResume(0);
        }

        private void Thread0()
        {
            while (true)
            {
                int block;
                Port.MemoryPoolAllocate(out block);
                if (Port.MemoryPoolDeallocate(block) != PlainPort.Success) break;
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
