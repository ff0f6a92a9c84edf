namespace NfRt.Boards
{
    /// <summary>
    /// CAS for parts without one: read, compare and write with interrupts masked. Correct on a
    /// single CPU because nothing else can run between the read and the write.
    /// <para><b>A preemption point.</b> Restoring the mask is an IRQ exit: lines raised meanwhile (the
    /// tick) are delivered there and the kernel may switch tasks. So on these boards the rt-mutex
    /// fast path, which is one CAS, can be a preemption point; with a hardware CAS it never is.</para>
    /// </summary>
    public sealed class MaskedAtomics : AtomicOps
    {
        private readonly IrqController _irq;

        /// <summary>Uses <paramref name="irq"/> to mask around the read-compare-write (a board makes its own).</summary>
        internal MaskedAtomics(IrqController irq) { _irq = irq; }

        private int _operations;

        /// <summary>Read-compare-write operations performed (a test reads it to prove this flavour ran).</summary>
        public int Operations { get { return _operations; } }

        /// <inheritdoc/>
        /// <param name="location">The word to compare and possibly replace.</param>
        /// <param name="value">The value stored when <paramref name="location"/> equals <paramref name="comparand"/>.</param>
        /// <param name="comparand">The value <paramref name="location"/> is expected to hold.</param>
        /// <returns>The value <paramref name="location"/> held before the call (equal to <paramref name="comparand"/> when the swap happened).</returns>
        public override int CompareExchange(ref int location, int value, int comparand)
        {
            int s = _irq.Mask();
            int old = location;
            if (old == comparand) location = value;
            _operations++;
            _irq.Restore(s);
            return old;
        }

        /// <inheritdoc/>
        public override bool IsHardware { get { return false; } }
    }
}
