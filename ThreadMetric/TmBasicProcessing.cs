namespace NfRt.ThreadMetric
{
    /// <summary>
    /// Basic processing (the suite's baseline): one thread at priority 10 updates a 1024-entry array
    /// (each entry: (entry + counter) xor entry) and counts the passes. No RTOS service is used; the
    /// score scales other kernels' figures to the machine. Per pass the thread has an interrupt window
    /// (<see cref="TmPort.InterruptWindow"/>: one read unless the tick is pending), the only way the
    /// reporting thread can preempt it on a kernel whose preemption points are cooperative.
    /// Check: the counter moved (else "Basic processing thread died!").
    /// </summary>
    public sealed class TmBasicProcessing : TmTest
    {
        private long _counter;
        private long _last;
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
            CreateReporter();
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
                Port.InterruptWindow();
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
