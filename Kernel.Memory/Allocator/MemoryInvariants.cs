using NfRt.Scheduling;

namespace NfRt.Memory
{
    /// <summary>
    /// The memory layer's kernel invariant checker: after every kernel operation (when the kernel
    /// checks invariants) it proves the pool's conservation law and every partition's structure
    /// (<see cref="BlockPool.CheckConservation"/>). Attached once per pool and kernel by the first
    /// balloon service created on them.
    /// </summary>
    internal sealed class MemoryInvariants : IInvariantChecker
    {
        private readonly BlockPool _pool;

        private MemoryInvariants(BlockPool pool) { _pool = pool; }

        /// <summary>Registers the pool's check with <paramref name="kernel"/> unless it already is.</summary>
        internal static void AttachOnce(Scheduler kernel, BlockPool pool)
        {
            if (pool.checkedBy == kernel) return;
            if (kernel.AddKernelChecker(new MemoryInvariants(pool)) == NfRt.Kernel.KernelStatus.Ok) pool.checkedBy = kernel;
        }

        /// <inheritdoc/>
        public string Check() { return _pool.CheckMasked(); }
    }
}
