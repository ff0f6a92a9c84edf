namespace NfRt.Kernel
{
    /// <summary>
    /// The rt-mutex waiter of one task (spec §3): preallocated inside the task control block,
    /// never allocated per call. It carries ONE priority, <see cref="Prio"/>, used for both of
    /// its nodes: the node in the mutex's wait list and the node in the owner's piWaiters
    /// (the 2.6.18 code let two copies diverge and later boosted an owner to a stale value).
    /// </summary>
    public sealed class Waiter
    {
        /// <summary>The blocked task.</summary>
        public readonly TaskControlBlock Task;

        /// <summary>Node in the mutex's wait list.</summary>
        public readonly PlistNode ListNode;

        /// <summary>Node in the owner's piWaiters; queued only while this is the mutex's top waiter.</summary>
        public readonly PlistNode PiNode;

        /// <summary>The mutex waited on (an rt-mutex object), or null while unused.</summary>
        public object Mutex;

        /// <summary>The one priority of this waiter: its task's effective priority when (re)queued.</summary>
        public int Prio;

        /// <summary>The wait was requested with deadlock detection (a cycle through a waiter without it may exist: detection was off).</summary>
        public bool DetectDeadlock;

        /// <summary>Creates the waiter of <paramref name="task"/>.</summary>
        public Waiter(TaskControlBlock task)
        {
            Task = task;
            ListNode = new PlistNode(this);
            PiNode = new PlistNode(this);
        }
    }
}
