using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// The counting semaphores, message queues and event flags of one kernel, in creation order,
    /// for their invariant checkers (docs/spec/primitives.md §6). Reached through the kernel's
    /// rt-mutex layer (<see cref="RtMutexSystem.Of"/>), which is the Kernel.Sync layer of a kernel.
    /// The checker of a type is registered with the kernel when the first object of that type is
    /// created. Set-up only: registering allocates, nothing else does.
    /// </summary>
    internal sealed class SyncRegistry
    {
        internal const int SemaphoreKind = 0, QueueKind = 1, FlagsKind = 2;

        internal readonly Scheduler Kernel;
        private SyncObject[] _objects = new SyncObject[8];
        private int _count;
        private readonly int[] _perKind = new int[3];

        private SyncRegistry(Scheduler kernel) { Kernel = kernel; }

        /// <summary>The registry of <paramref name="kernel"/>, created on first use.</summary>
        internal static SyncRegistry Of(Scheduler kernel)
        {
            RtMutexSystem sys = RtMutexSystem.Of(kernel);
            if (sys.primitives == null) sys.primitives = new SyncRegistry(kernel);
            return sys.primitives;
        }

        internal int Count { get { return _count; } }

        internal SyncObject At(int i) { return _objects[i]; }

        /// <summary>Registers <paramref name="o"/>; returns its id within its kind (1-based).</summary>
        internal int Add(SyncObject o, int kind)
        {
            if (_perKind[kind] == 0)
            {
                IInvariantChecker c;
                if (kind == SemaphoreKind) c = new CountingSemaphoreInvariants(this);
                else if (kind == QueueKind) c = new MessageQueueInvariants(this);
                else c = new EventFlagsInvariants(this);
                if (Kernel.AddInvariantChecker(c) != KernelStatus.Ok) throw new System.ArgumentException("kernel: no room for another invariant checker");
            }
            if (_count == _objects.Length)
            {
                SyncObject[] bigger = new SyncObject[_count * 2];
                for (int i = 0; i < _count; i++) bigger[i] = _objects[i];
                _objects = bigger;
            }
            _objects[_count++] = o;
            return ++_perKind[kind];
        }
    }
}
