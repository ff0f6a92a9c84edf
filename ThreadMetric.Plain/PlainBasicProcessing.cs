namespace NfRt.ThreadMetric.Plain
{
    /// <summary>Basic processing on a plain thread: the same 1024-entry array loop as the kernel's version; check: the counter moved.</summary>
    public sealed class PlainBasicProcessing : PlainTest
    {
        private long _counter, _last;
        private readonly ulong[] _array = new ulong[1024];

        /// <inheritdoc/>
        public override string Name { get { return "basic"; } }

        /// <inheritdoc/>
        public override string Title { get { return "Basic Single Thread Processing"; } }

        /// <inheritdoc/>
        protected override void Initialize()
        {
            Port.ThreadCreate(0, 10, Thread0);
            Port.ThreadResume(0);
        }

        private void Thread0()
        {
            ulong[] a = _array;
            for (int i = 0; i < a.Length; i++) a[i] = 0;
            while (true)
            {
                ulong c = (ulong)_counter;
                for (int i = 0; i < a.Length; i++) a[i] = unchecked((a[i] + c) ^ a[i]);
                _counter++;
            }
        }

        /// <inheritdoc/>
        protected override long PeriodTotal()
        {
            long now = _counter;
            if (now == _last) ReportError("Invalid counter value(s). Basic processing thread died!");
            long total = now - _last;
            _last = now;
            return total;
        }
    }
}
