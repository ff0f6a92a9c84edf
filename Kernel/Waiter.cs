namespace NfRt.Kernel
{
    /// <summary>
    /// The rt-mutex waiter of one task (docs/spec/rtmutex.md §3): preallocated inside the task
    /// control block, never allocated per call. It carries ONE priority, <see cref="Prio"/>, used
    /// for both of its nodes: the node in the lock's wait list and the node in the owner's
    /// piWaiters (the 2.6.18 code let two copies diverge and later boosted an owner to a stale
    /// value). All fields change only inside the kernel, masked.
    /// </summary>
    public sealed class Waiter
    {
        /// <summary>The blocked task.</summary>
        public readonly TaskControlBlock Task;

        /// <summary>Node in the lock's wait list.</summary>
        public readonly PlistNode ListNode;

        /// <summary>Node in the owner's piWaiters; queued only while this is the lock's top waiter.</summary>
        public readonly PlistNode PiNode;

        internal PiLock mutex;
        internal int prio;
        internal bool detectDeadlock;
        internal bool interruptible;

        internal Waiter(TaskControlBlock task)
        {
            Task = task;
            ListNode = new PlistNode(this);
            PiNode = new PlistNode(this);
        }

        /// <summary>The lock waited on, or null while unused.</summary>
        public PiLock Mutex { get { return mutex; } }

        /// <summary>The one priority of this waiter: its task's effective priority when (re)queued.</summary>
        public int Prio { get { return prio; } }

        /// <summary>The wait was requested with deadlock detection (a cycle through a waiter without it was allowed to form).</summary>
        public bool DetectDeadlock { get { return detectDeadlock; } }

        /// <summary>
        /// The lock call this waiter serves is interruptible (<c>LockInterruptible</c>, <c>LockTimed</c>), for
        /// the whole call: an interrupt that reaches the task while it is not blocked in the lock's own
        /// wait (woken as pending owner and not run yet, or paused by the test hook) is kept in
        /// <see cref="TaskControlBlock.InterruptRequested"/> for the call's next retry (docs/spec/rtmutex.md §5).
        /// </summary>
        public bool Interruptible { get { return interruptible; } }
    }
}
