using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// The counting semaphores, message queues and event flags of one kernel, for their invariant
    /// checkers (docs/spec/primitives.md §6): one checker per type, each holding its objects in
    /// creation order (typed: no casts), registered with the kernel when the first object of its
    /// type is created. Reached through the kernel's rt-mutex layer (<see cref="RtMutexSystem.Of"/>),
    /// which is the Kernel.Sync layer of a kernel. Set-up only: registering allocates, nothing else does.
    /// </summary>
    internal sealed class SyncRegistry
    {
        internal readonly Scheduler Kernel;
        private CountingSemaphoreInvariants _semaphores;
        private MessageQueueInvariants _queues;
        private EventFlagsInvariants _flags;

        private SyncRegistry(Scheduler kernel) { Kernel = kernel; }

        /// <summary>The registry of <paramref name="kernel"/>, created on first use.</summary>
        internal static SyncRegistry Of(Scheduler kernel)
        {
            RtMutexSystem sys = RtMutexSystem.Of(kernel);
            if (sys.primitives == null) sys.primitives = new SyncRegistry(kernel);
            return sys.primitives;
        }

        /// <summary>Registers a semaphore; returns its id among the kernel's semaphores (1-based).</summary>
        internal int Add(CountingSemaphore s)
        {
            if (_semaphores == null) _semaphores = Attach(new CountingSemaphoreInvariants());
            return _semaphores.Add(s);
        }

        /// <summary>Registers a queue; returns its id among the kernel's queues (1-based).</summary>
        internal int Add(MessageQueue q)
        {
            if (_queues == null) _queues = Attach(new MessageQueueInvariants());
            return _queues.Add(q);
        }

        /// <summary>Registers event flags; returns their id among the kernel's event flags (1-based).</summary>
        internal int Add(EventFlags f)
        {
            if (_flags == null) _flags = Attach(new EventFlagsInvariants());
            return _flags.Add(f);
        }

        private CountingSemaphoreInvariants Attach(CountingSemaphoreInvariants c) { Register(c); return c; }

        private MessageQueueInvariants Attach(MessageQueueInvariants c) { Register(c); return c; }

        private EventFlagsInvariants Attach(EventFlagsInvariants c) { Register(c); return c; }

        private void Register(IInvariantChecker c)
        {
            if (Kernel.AddInvariantChecker(c) != KernelStatus.Ok) throw new System.ArgumentException("kernel: no room for another invariant checker");
        }
    }
}
