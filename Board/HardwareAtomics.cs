using System.Threading;

namespace NfRt.Boards
{
    /// <summary>CAS by the CPU's own instruction (Interlocked on int).</summary>
    public sealed class HardwareAtomics : AtomicOps
    {
        /// <summary>Creates the CAS; a board with a hardware CAS makes its own (<see cref="Board.Atomics"/>).</summary>
        public HardwareAtomics() { }

        /// <inheritdoc/>
        /// <param name="location">The word to compare and possibly replace.</param>
        /// <param name="value">The value stored when <paramref name="location"/> equals <paramref name="comparand"/>.</param>
        /// <param name="comparand">The value <paramref name="location"/> is expected to hold.</param>
        /// <returns>The value <paramref name="location"/> held before the call (equal to <paramref name="comparand"/> when the swap happened).</returns>
        public override int CompareExchange(ref int location, int value, int comparand)
        {
            return Interlocked.CompareExchange(ref location, value, comparand);
        }

        /// <inheritdoc/>
        public override bool IsHardware { get { return true; } }
    }
}
