using System.Diagnostics;
using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Memory
{
    /// <summary>
    /// The allocator's "call masked" precondition, asserted like the scheduler's own
    /// (<c>Scheduler.AssertMasked</c>): debug builds throw <see cref="KernelFaultException"/> when a
    /// masked-only method of the pool or a partition runs with the board's IRQs enabled; release
    /// builds compile the check out. The allocator masks the board directly (it is usable before a
    /// kernel exists), so it asserts on the board's controller rather than through a kernel.
    /// </summary>
    internal static class MemoryAssert
    {
        /// <summary>Debug builds: throws unless <paramref name="irq"/> is masked.</summary>
        [Conditional("DEBUG")]
        internal static void Masked(IrqController irq)
        {
            if (!irq.IsMasked) throw new KernelFaultException("assert: allocator state touched with IRQs enabled");
        }
    }
}
