namespace NfRt.Boards
{
    /// <summary>
    /// The simulated board: virtual time that advances only when the driver or a busy task
    /// asks (<see cref="AdvanceTick"/>), and interrupts injected at chosen ticks. Same input,
    /// same trace, byte for byte. Injection slots are preallocated (no allocation per tick).
    /// </summary>
    public sealed class SimulatedBoard : Board
    {
        private long _now;
        private readonly long[] _injectAt;
        private readonly int[] _injectIrq;
        private int _injectCount;

        /// <summary>Most scheduled interrupts a simulated board can hold.</summary>
        public const int MaxInjections = 65536;

        /// <summary>Creates a simulated board with room for <paramref name="maxInjections"/> (0 .. 65536) scheduled interrupts.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="profile"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="maxInjections"/> is out of range.</exception>
        /// <param name="profile">The board's data sheet (not null).</param>
        /// <param name="maxInjections">Slots for scheduled interrupts (0 .. <see cref="MaxInjections"/>).</param>
        public SimulatedBoard(BoardProfile profile, int maxInjections) : base(profile)
        {
            if (maxInjections < 0 || maxInjections > MaxInjections) throw new System.ArgumentOutOfRangeException("maxInjections", "maxInjections must be 0..65536");
            _injectAt = new long[maxInjections];
            _injectIrq = new int[maxInjections];
        }

        /// <summary>A simulated board with room for 64 scheduled interrupts.</summary>
        /// <param name="profile">The board's data sheet (not null).</param>
        public SimulatedBoard(BoardProfile profile) : this(profile, 64) { }

        /// <inheritdoc/>
        public override bool IsSimulated { get { return true; } }

        /// <inheritdoc/>
        public override long Now { get { return _now; } }

        /// <summary>
        /// Schedules line <paramref name="irq"/> to be raised when virtual time reaches
        /// <paramref name="tick"/>. Returns false, changing nothing, if the tick is in the past,
        /// the line is out of range (1 .. 31; 0 is the tick) or every slot is taken.
        /// </summary>
        /// <param name="tick">Virtual tick at which the line is raised (after <see cref="Now"/>).</param>
        /// <param name="irq">Interrupt line to raise (1 .. 31).</param>
        /// <returns>True when scheduled; false, changing nothing, otherwise.</returns>
        public bool InjectAt(long tick, int irq)
        {
            if (tick <= _now || irq <= TickIrq || irq >= IrqController.Lines || _injectCount == _injectAt.Length) return false;
            _injectAt[_injectCount] = tick;
            _injectIrq[_injectCount] = irq;
            _injectCount++;
            return true;
        }

        /// <summary>Advances virtual time by one tick: raises the tick line and every line injected for this tick (kernel plumbing: the run calls and <c>Busy</c>).</summary>
        internal void AdvanceTick()
        {
            _now++;
            Irq.Raise(TickIrq);
            int i = 0;
            while (i < _injectCount)
            {
                if (_injectAt[i] == _now)
                {
                    Irq.Raise(_injectIrq[i]);
                    _injectCount--;
                    _injectAt[i] = _injectAt[_injectCount];
                    _injectIrq[i] = _injectIrq[_injectCount];
                }
                else i++;
            }
        }

        internal override void ConsumeCpu() { AdvanceTick(); }

        internal override void IdleUntilTick() { AdvanceTick(); }
    }
}
