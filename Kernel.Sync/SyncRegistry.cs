using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// The counting semaphores, message queues and event flags of one kernel: one invariant checker
    /// over all of them (each checks itself), registered with the kernel when the first is created,
    /// and the per-type ids. Reached through the kernel's rt-mutex layer (<see cref="RtMutexSystem.Of"/>),
    /// which is the Kernel.Sync layer of a kernel. Set-up only: registering allocates, nothing else does.
    /// </summary>
    internal sealed class SyncRegistry
    {
        internal const int SemaphoreKind = 0, QueueKind = 1, FlagsKind = 2;

        internal readonly Scheduler Kernel;
        private SyncObjectInvariants _checker;
        private readonly int[] _perKind = new int[3];

        private SyncRegistry(Scheduler kernel) { Kernel = kernel; }

        /// <summary>The registry of <paramref name="kernel"/>, created on first use.</summary>
        internal static SyncRegistry Of(Scheduler kernel)
        {
            RtMutexSystem sys = RtMutexSystem.Of(kernel);
            if (sys.primitives == null) sys.primitives = new SyncRegistry(kernel);
            return sys.primitives;
        }

        /// <summary>Registers <paramref name="o"/>, a fully built object of <paramref name="kind"/>; returns its id within its kind (1-based).</summary>
        internal int Add(SyncObject o, int kind)
        {
            if (_checker == null)
            {
                SyncObjectInvariants c = new SyncObjectInvariants();
                if (Kernel.AddKernelChecker(c) != KernelStatus.Ok) throw new System.ArgumentException("kernel: no room for another invariant checker", "kernel");
                _checker = c;
            }
            _checker.Add(o);
            return ++_perKind[kind];
        }
    }
}
