using System.Threading;

namespace NfRt.Boards
{
    /// <summary>CAS by the CPU's own instruction (Interlocked on int).</summary>
    public sealed class HardwareAtomics : AtomicOps
    {
        /// <inheritdoc/>
        public override int CompareExchange(ref int location, int value, int comparand)
        {
            return Interlocked.CompareExchange(ref location, value, comparand);
        }

        /// <inheritdoc/>
        public override bool IsHardware { get { return true; } }
    }
}
