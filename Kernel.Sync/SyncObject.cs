using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// What the counting semaphore, the message queue and the event flags share
    /// (docs/spec/primitives.md §2-§6): the kernel, an id, the destroyed mark and the destroy call.
    /// Their waits are the scheduler's one wait protocol: each object has its wait queues
    /// (<see cref="WaitQueue"/>, docs/spec/scheduler.md §17) and holds only its own state; a waiter
    /// pends in one, a waker (give, send, receive, set, destroy) ends the wait of the task it
    /// serves, and a timeout or an interrupt ends it the same way — each takes the task out of the
    /// queue at once. Users see only <see cref="Id"/>, <see cref="IsDestroyed"/> and
    /// <see cref="Destroy"/>; everything else is kernel plumbing.
    /// </summary>
    public abstract class SyncObject : KernelObject
    {
        internal readonly Scheduler _k;
        internal int id;
        internal bool destroyed;

        /// <exception cref="System.ArgumentNullException"><paramref name="kernel"/> or <paramref name="name"/> is null.</exception>
        internal SyncObject(Scheduler kernel, string name) : base(name)
        {
            if (kernel == null) throw new System.ArgumentNullException("kernel");
            if (name == null) throw new System.ArgumentNullException("name");
            _k = kernel;
        }

        /// <summary>Id: 1-based creation order among the objects of this type on its kernel.</summary>
        public int Id { get { return id; } }

        /// <summary>True once destroyed: every later call returns Destroyed.</summary>
        public bool IsDestroyed { get { return destroyed; } }

        /// <summary>
        /// Destroys the object: every waiter wakes with Destroyed, later calls return Destroyed. Ok, or
        /// Destroyed if it already was. ISR-safe.
        /// </summary>
        /// <returns>Ok, or Destroyed if it already was, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Destroy()
        {
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = _k.EnterChecked();
            KernelStatus r = KernelStatus.Destroyed;
            if (!destroyed)
            {
                destroyed = true;
                WakeAllForDestroyMasked();
                r = KernelStatus.Ok;
            }
            _k.Leave(s);
            return r;
        }

        /// <summary>Ends the wait of every task waiting on this object with Destroyed. Masked.</summary>
        internal abstract void WakeAllForDestroyMasked();

        /// <summary>
        /// This object's invariants (docs/spec/primitives.md §6), masked: null when they hold, else the
        /// first broken one. Which tasks may be in its wait queues is the scheduler's check.
        /// </summary>
        internal abstract string CheckMasked();
    }
}
