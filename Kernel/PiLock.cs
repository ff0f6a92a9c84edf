namespace NfRt.Kernel
{
    /// <summary>
    /// A lock that takes part in priority inheritance: it has an owner and a priority-ordered wait
    /// list of <see cref="Waiter"/>s. This is the typed target of <see cref="Waiter.Mutex"/>, so the
    /// chain walk (task → waiter → lock → owner → ...) needs no downcast. The rt-mutex
    /// (Kernel.Sync) is the implementation; the base lives here because the task control block,
    /// which embeds the waiter, is in this assembly.
    /// <para>Locking rule: every member is read and changed with interrupts masked.</para>
    /// </summary>
    public abstract class PiLock : KernelObject
    {
        /// <summary>
        /// The owner word's layout starts here: the owner's task id sits above <see cref="OwnerIdShift"/>
        /// flag bits (the full table: Kernel.Sync/RtMutex.cs, docs/spec/rtmutex.md §4). It lives in this
        /// assembly because every task precomputes its own word (<c>TaskControlBlock.lockWord</c>) for
        /// the one-CAS fast paths; <c>RtMutex.OwnerShift</c> is this constant.
        /// </summary>
        internal const int OwnerIdShift = 2;

        /// <summary>The owner word of task <paramref name="taskId"/> owning a lock outright with no flag bit set.</summary>
        internal static int OwnerWordOf(int taskId) { return taskId << OwnerIdShift; }

        /// <summary>The waiters, most urgent first, FIFO among equals (plist keyed by <see cref="Waiter.Prio"/>).</summary>
        internal readonly PriorityList waiters;

        internal int id;

        internal PiLock(string name) : base(name) { waiters = new PriorityList(this); }

        /// <summary>Id (1-based, creation order within the kernel).</summary>
        public int Id { get { return id; } }

        /// <summary>The owner or pending owner, or null when free.</summary>
        public abstract TaskControlBlock OwnerTask { get; }

        /// <summary>Number of queued waiters.</summary>
        public int WaiterCount { get { return waiters.Count; } }

        /// <summary>The wait list changed outside the lock's own code (a waiter left it): refresh derived state. Masked.</summary>
        internal abstract void OnWaitersChanged();
    }
}
