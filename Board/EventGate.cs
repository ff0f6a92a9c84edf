using System.Threading;

namespace NfRt.Boards
{
    /// <summary>The default gate: an <c>AutoResetEvent</c>; every wait parks the thread in the runtime.</summary>
    public sealed class EventGate : TaskGate
    {
        private readonly AutoResetEvent _event = new AutoResetEvent(false);

        /// <inheritdoc/>
        public override void Open() { _event.Set(); }

        /// <inheritdoc/>
        public override void Wait() { _event.WaitOne(); }

        /// <inheritdoc/>
        public override bool Wait(int timeoutMs) { return _event.WaitOne(timeoutMs, false); }
    }
}
