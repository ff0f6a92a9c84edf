using System.Threading;

namespace NfRt.Boards
{
    /// <summary>
    /// The default gate: an <c>AutoResetEvent</c>; every wait parks the thread in the runtime. The waits call
    /// <c>WaitOne(timeout, false)</c> itself, not the parameterless wrapper: on nanoCLR each call that is still
    /// on a parked thread's stack holds a ~200-byte frame of the managed heap (docs/FOOTPRINT.md), and every
    /// task thread spends its life parked here.
    /// </summary>
    public sealed class EventGate : TaskGate
    {
        /// <summary>Creates a closed gate.</summary>
        public EventGate() : base(new AutoResetEvent(false)) { }

        // The event is the base's ParkEvent (one field per gate): the scheduler sets and waits on it directly.

        /// <inheritdoc/>
        public override void Open() { ParkEvent.Set(); }

        /// <inheritdoc/>
        public override void Wait() { ParkEvent.WaitOne(Timeout.Infinite, false); }

        /// <inheritdoc/>
        /// <param name="timeoutMs">Most milliseconds to wait (<c>Timeout.Infinite</c> = no limit).</param>
        /// <returns>True when the gate was opened; false on timeout.</returns>
        public override bool Wait(int timeoutMs) { return ParkEvent.WaitOne(timeoutMs, false); }
    }
}
