namespace NfRt.Kernel
{
    /// <summary>
    /// An entry of a <see cref="PriorityList"/>, embedded in the object it orders: lists never
    /// allocate, and a node is in at most one list at a time. Its back-pointers are typed: a node
    /// belongs to a task (its wait node: event, join, semaphore... wait lists; the ready queue
    /// does not use plists) or to a <see cref="Waiter"/> (the rt-mutex wait list and the owner's
    /// piWaiters), and <see cref="Task"/> is always the task concerned; or to a ceiling mutex (its
    /// ceiling in the owner's <see cref="TaskControlBlock.Ceilings"/>, <see cref="Lock"/>).
    /// </summary>
    public sealed class PlistNode
    {
        internal PlistNode next, prev;          // the node list: every entry, sorted
        internal PlistNode prioNext, prioPrev;  // the priority list: first entry of each distinct priority only
        internal bool isLeader;                 // first entry of its priority group
        internal PriorityList list;
        internal int prio;

        /// <summary>The task this node orders (for a waiter's node: the waiting task); null only for a bare test node.</summary>
        public readonly TaskControlBlock Task;

        /// <summary>The rt-mutex waiter this node is part of, or null for a task's wait node.</summary>
        public readonly Waiter Waiter;

        /// <summary>The ceiling mutex whose ceiling this node carries (in its owner's ceilings list), or null.</summary>
        public readonly PiLock Lock;

        /// <summary>A task's own wait node.</summary>
        internal PlistNode(TaskControlBlock task) { Task = task; }

        /// <summary>One of a waiter's two nodes.</summary>
        internal PlistNode(Waiter waiter) { Waiter = waiter; Task = waiter.Task; }

        /// <summary>The ceiling node of a priority-ceiling mutex.</summary>
        internal PlistNode(PiLock ceilingOf) { Lock = ceilingOf; }

        /// <summary>A node with no owner (structural tests of the list).</summary>
        internal PlistNode() { }

        /// <summary>The sort key; changed only by the list (add, requeue).</summary>
        public int Prio { get { return prio; } }

        /// <summary>The list this node is in, or null.</summary>
        public PriorityList List { get { return list; } }

        /// <summary>True while the node is in a list.</summary>
        public bool IsQueued { get { return list != null; } }

        /// <summary>The following entry in list order, or null at the tail.</summary>
        public PlistNode Next { get { return next; } }
    }
}
