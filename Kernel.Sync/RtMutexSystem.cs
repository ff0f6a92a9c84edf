using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// The Kernel.Sync layer of one kernel (named after the rt-mutex, its first object kind): the
    /// registry of its mutexes (for the invariant checker), the counters, the test hook, the chain-walk
    /// depth limit, the registry of its semaphores, queues and event flags, and the scheduler's two
    /// calls up into the layer — a priority change of a task blocked on an rt-mutex
    /// (docs/spec/rtmutex.md §11) and a task's end (§15). It sits in the scheduler's typed slot
    /// <c>Scheduler.SyncLayer</c>; <see cref="Of"/> creates it there on first use.
    /// </summary>
    public sealed partial class RtMutexSystem : ISyncLayer
    {
        /// <summary>The kernel.</summary>
        public readonly Scheduler Kernel;

        /// <summary>Counters of every rt-mutex of this kernel.</summary>
        public readonly RtMutexCounters Counters = new RtMutexCounters();

        /// <summary>
        /// Test hook (the scenario runner's pause, host only), or null. Internal: code run inside the
        /// critical section must not be application code (docs/spec/scheduler.md §37).
        /// </summary>
        internal IRtMutexTestHook TestHook;

        internal readonly AtomicOps Atomics;
        internal readonly IrqController Irq;
        internal SyncRegistry primitives;   // the semaphores, queues and event flags, once one exists
        private RtMutex[] _mutexes = new RtMutex[16];
        private int _count;

        private RtMutexSystem(Scheduler kernel)
        {
            Kernel = kernel;
            Atomics = kernel.Board.Atomics;
            Irq = kernel.Board.Irq;
            kernel.SyncLayer = this;
        }

        /// <summary>
        /// The Kernel.Sync layer of <paramref name="kernel"/>, created and put in its slot on first use (a
        /// set-up call: it allocates then). The cast from the slot cannot fail: the slot's type is internal
        /// to the kernel assemblies and this class is its one implementation.
        /// </summary>
        /// <param name="kernel">The kernel whose layer is wanted.</param>
        /// <returns>The kernel's Kernel.Sync layer (never null).</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="kernel"/> is null.</exception>
        public static RtMutexSystem Of(Scheduler kernel)
        {
            if (kernel == null) throw new System.ArgumentNullException("kernel");
            ISyncLayer layer = kernel.SyncLayer;
            return layer != null ? (RtMutexSystem)layer : new RtMutexSystem(kernel);
        }

        /// <summary>Most tasks a chain walk visits before it stops (KernelConfig.MaxChainDepth).</summary>
        public int MaxDepth { get { return Kernel.Config.MaxChainDepth; } }

        /// <summary>Mutexes created on this kernel.</summary>
        public int MutexCount { get { return _count; } }

        /// <summary>Mutex number <paramref name="index"/> in creation order (0-based), or null.</summary>
        /// <param name="index">0-based creation-order number.</param>
        /// <returns>The mutex, or null when index is out of range.</returns>
        public RtMutex MutexAt(int index) { return index >= 0 && index < _count ? _mutexes[index] : null; }

        /// <summary>Registers a fully built mutex; the first one registers the rt-mutex invariant checker. Returns its id.</summary>
        internal int Register(RtMutex m)
        {
            if (_count == 0 && Kernel.AddKernelChecker(new RtMutexInvariants(this)) != KernelStatus.Ok)
                throw new System.ArgumentException("kernel: no room for another invariant checker");
            if (_count == _mutexes.Length)
            {
                RtMutex[] bigger = new RtMutex[_count * 2];
                for (int i = 0; i < _count; i++) bigger[i] = _mutexes[i];
                _mutexes = bigger;
            }
            _mutexes[_count++] = m;
            return _count;
        }

        /// <summary>
        /// A task ends while owning rt-mutexes: each is unlocked as if the task had done it (the top
        /// waiter becomes pending owner, the boost and any ceiling are dropped, a recursive mutex is
        /// released whole, a robust one tells its next acquirer OwnerDied), so no waiter hangs on a dead owner.
        /// Counted in <see cref="RtMutexCounters.ReleasedOnExit"/>. O(mutexes): exit is not a hot path.
        /// </summary>
        void ITaskExitHook.OnTaskExiting(TaskControlBlock task)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_mutexes[i].ReleaseOnExit(task)) Counters.releasedOnExit++;
            }
        }

        /// <summary>Spec §11: a task blocked on an rt-mutex changed priority; propagate through the chain.</summary>
        void IPriorityChangeHook.OnBlockedTaskPriorityChanged(TaskControlBlock task)
        {
            Waiter w = task.blockedOn;
            if (w == null || w.prio == task.EffectivePriority) return;
            WalkChain(task, false, null, task);
        }
    }
}
