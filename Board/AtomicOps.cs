namespace NfRt.Boards
{
    /// <summary>
    /// The compare-and-swap the rt-mutex owner word uses (docs/spec/rtmutex.md §4). A board with a hardware
    /// CAS uses <see cref="HardwareAtomics"/>; a Cortex-M0 class part without one uses
    /// <see cref="MaskedAtomics"/> (read-compare-write with interrupts masked: the seed's
    /// "if cmpxchg is not available" case). Both run the same test suite.
    /// </summary>
    public abstract class AtomicOps
    {
        /// <summary>If <paramref name="location"/> equals <paramref name="comparand"/>, stores <paramref name="value"/>; returns the old value.</summary>
        /// <param name="location">The word to compare and possibly replace.</param>
        /// <param name="value">The value stored when <paramref name="location"/> equals <paramref name="comparand"/>.</param>
        /// <param name="comparand">The value <paramref name="location"/> is expected to hold.</param>
        /// <returns>The value <paramref name="location"/> held before the call (equal to <paramref name="comparand"/> when the swap happened).</returns>
        public abstract int CompareExchange(ref int location, int value, int comparand);

        /// <summary>True when this is a native instruction.</summary>
        public abstract bool IsHardware { get; }
    }
}
