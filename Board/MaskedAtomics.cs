namespace NfRt.Boards
{
    /// <summary>
    /// CAS for parts without one: read, compare and write with interrupts masked. Correct on a
    /// single CPU because nothing else can run between the read and the write.
    /// </summary>
    public sealed class MaskedAtomics : AtomicOps
    {
        private readonly IrqController _irq;

        /// <summary>Uses <paramref name="irq"/> to mask around the read-compare-write.</summary>
        public MaskedAtomics(IrqController irq) { _irq = irq; }

        /// <summary>Read-compare-write operations performed (a test reads it to prove this flavour ran).</summary>
        public int Operations;

        /// <inheritdoc/>
        public override int CompareExchange(ref int location, int value, int comparand)
        {
            int s = _irq.Mask();
            int old = location;
            if (old == comparand) location = value;
            Operations++;
            _irq.Restore(s);
            return old;
        }

        /// <inheritdoc/>
        public override bool IsHardware { get { return false; } }
    }
}
