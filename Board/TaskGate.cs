using System.Threading;

namespace NfRt.Boards
{
    /// <summary>
    /// The per-task gate of baton passing: every task thread that is not the one the scheduler
    /// picked waits at its gate. A context switch opens the next task's gate and the previous task
    /// then waits at its own. Spurious openings are harmless: the waiter re-checks whether it is its
    /// turn. How a gate waits is the board's choice (<see cref="Board.NewGate"/>): the default
    /// <see cref="EventGate"/> parks on an <c>AutoResetEvent</c> (right for nanoCLR, whose threads are
    /// green threads where spinning only burns the quantum); a host may install a faster one
    /// (<see cref="ITaskGateFactory"/>), e.g. spin-then-park.
    /// </summary>
    public abstract class TaskGate
    {
        /// <summary>
        /// The default gate's event (<see cref="EventGate"/>), null for any other gate: the scheduler's switch sets and
        /// waits on it itself, a call less on each side of a switch than <see cref="Open"/> and <see cref="Wait()"/>
        /// (and a parked task's stack one frame shorter). Set once, by the constructor of the gate.
        /// </summary>
        internal readonly AutoResetEvent ParkEvent;

        /// <summary>A gate that parks in <see cref="Wait()"/> (a host's gate, <see cref="ITaskGateFactory"/>).</summary>
        protected TaskGate() { }

        /// <summary>The default gate: opening and waiting are <paramref name="parkEvent"/>'s Set and WaitOne.</summary>
        internal TaskGate(AutoResetEvent parkEvent) { ParkEvent = parkEvent; }

        /// <summary>Lets the owner of this gate run (any thread may call it; it never blocks).</summary>
        public abstract void Open();

        /// <summary>Waits until the gate is opened (one opening releases one wait).</summary>
        public abstract void Wait();

        /// <summary>Waits until the gate is opened or <paramref name="timeoutMs"/> passes; false on timeout.</summary>
        /// <param name="timeoutMs">Most milliseconds to wait (<c>Timeout.Infinite</c> = no limit).</param>
        /// <returns>True when the gate was opened; false on timeout.</returns>
        public abstract bool Wait(int timeoutMs);
    }
}
