using System.Threading;

namespace NfRt.Boards
{
    /// <summary>
    /// The per-task gate of baton passing: every task thread that is not the one the
    /// scheduler picked waits at its gate. A context switch opens the next task's gate and
    /// the previous task then waits at its own. Spurious openings are harmless: the waiter
    /// re-checks whether it is its turn.
    /// </summary>
    public sealed class TaskGate
    {
        private readonly AutoResetEvent _event = new AutoResetEvent(false);

        /// <summary>Lets the owner of this gate run.</summary>
        public void Open() { _event.Set(); }

        /// <summary>Waits until the gate is opened.</summary>
        public void Wait() { _event.WaitOne(); }

        /// <summary>Waits until the gate is opened or <paramref name="timeoutMs"/> passes; false on timeout.</summary>
        public bool Wait(int timeoutMs) { return _event.WaitOne(timeoutMs, false); }
    }
}
