namespace NfRt.ThreadMetric.Plain
{
    /// <summary>Message processing on plain threads: send a 16-byte message to the ring, receive it back, check its last word, count; check: the counter moved.</summary>
    public sealed class PlainMessageProcessing : PlainTest
    {
        private long _counter, _last;
        private readonly int[] _sent = new int[4];
        private readonly int[] _received = new int[4];

        /// <inheritdoc/>
        public override string Name { get { return "message"; } }

        /// <inheritdoc/>
        public override string Title { get { return "Message Processing"; } }

        /// <inheritdoc/>
        protected override void Initialize()
        {
            Port.ThreadCreate(0, 10, Thread0);
            Port.ThreadResume(0);
        }

        private void Thread0()
        {
            int[] sent = _sent, received = _received;
            sent[0] = 0x11112222;
            sent[1] = 0x33334444;
            sent[2] = 0x55556666;
            sent[3] = unchecked((int)0x77778888);
            while (true)
            {
                Port.QueueSend(sent);
                Port.QueueReceive(received);
                if (received[3] != sent[3]) break;
                sent[3] = unchecked(sent[3] + 1);
                _counter++;
            }
        }

        /// <inheritdoc/>
        protected override long PeriodTotal()
        {
            long now = _counter;
            if (now == _last) ReportError("Invalid counter value(s). Error sending/receiving messages!");
            long total = now - _last;
            _last = now;
            return total;
        }
    }
}
