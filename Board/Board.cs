namespace NfRt.Boards
{
    /// <summary>
    /// Hardware abstraction for the kernel: interrupt controller, compare-and-swap, the tick
    /// line, time, and how an idle or busy CPU passes time. Two kinds exist:
    /// <see cref="SimulatedBoard"/> (virtual time, fully deterministic) and
    /// <see cref="RealTimeBoard"/> (a timer thread is the tick interrupt).
    /// </summary>
    public abstract class Board
    {
        /// <summary>Interrupt line of the kernel tick.</summary>
        public const int TickIrq = 0;

        /// <summary>Interrupt lines of a board: 0 is the tick, 1 .. 31 are device lines (<c>Scheduler.RaiseIrq</c>).</summary>
        public const int IrqLines = IrqController.Lines;

        /// <summary>The board's data sheet.</summary>
        public readonly BoardProfile Profile;

        /// <summary>
        /// Interrupt mask and pending lines: kernel plumbing, internal (masking it from application code
        /// would stop the kernel). Applications raise device lines with <c>Scheduler.RaiseIrq</c>.
        /// </summary>
        internal readonly IrqController Irq;

        /// <summary>The compare-and-swap flavour of this board.</summary>
        public readonly AtomicOps Atomics;

        /// <summary>Creates the board; the CAS flavour follows the profile.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="profile"/> is null.</exception>
        internal Board(BoardProfile profile)
        {
            if (profile == null) throw new System.ArgumentNullException("profile");
            Profile = profile;
            Irq = new IrqController();
            if (profile.HardwareCas) Atomics = new HardwareAtomics();
            else Atomics = new MaskedAtomics(Irq);
        }

        private bool _poolClaimed;
        private ITaskGateFactory _gates;

        /// <summary>
        /// Chooses how this board's kernel parks task threads (default: <see cref="EventGate"/>). Only
        /// before a kernel is attached: false, changing nothing, afterwards or for null.
        /// </summary>
        /// <param name="gates">The factory that makes every task gate of this board's kernel.</param>
        /// <returns>True when installed; false (nothing changed) for null or once a kernel is attached.</returns>
        public bool UseGates(ITaskGateFactory gates)
        {
            if (gates == null || Irq.IsAttached) return false;
            _gates = gates;
            return true;
        }

        /// <summary>A new gate for a task of this board's kernel (kernel plumbing).</summary>
        internal TaskGate NewGate()
        {
            return _gates != null ? _gates.NewGate() : new EventGate();
        }

        /// <summary>
        /// Claims the board's pool region (<see cref="BoardProfile.PoolBytes"/>) for the one pool made from
        /// it. False, changing nothing, when it was claimed already: one board, one pool. Kernel plumbing
        /// (<c>BoardPool.For</c> claims it).
        /// </summary>
        internal bool ClaimPoolRegion()
        {
            if (_poolClaimed) return false;
            _poolClaimed = true;
            return true;
        }

        /// <summary>True for deterministic virtual time.</summary>
        public abstract bool IsSimulated { get; }

        /// <summary>Ticks raised so far by the tick source.</summary>
        public abstract long Now { get; }

        /// <summary>
        /// Called by a task that burns CPU: on the simulated board one tick of virtual time
        /// passes (the tick line is raised); on real time the CPU spins briefly. Kernel plumbing (<c>Busy</c>).
        /// </summary>
        internal abstract void ConsumeCpu();

        /// <summary>
        /// The idle CPU lets time pass until the next tick: the simulated board advances virtual time
        /// by one tick (raising the tick line and any line injected for it); a real-time board waits
        /// for an interrupt (the tick, or any other line), at most one tick period. The driver calls it
        /// between preemption points when nothing is ready. Kernel plumbing (the run calls).
        /// </summary>
        internal abstract void IdleUntilTick();

        /// <summary>Starts the tick source (real time); nothing on the simulated board. Kernel plumbing (<c>RunUntilTick</c>).</summary>
        internal virtual void Start() { }

        /// <summary>Stops the tick source and joins its thread. Kernel plumbing (<c>Shutdown</c>).</summary>
        internal virtual void Stop() { }
    }
}
