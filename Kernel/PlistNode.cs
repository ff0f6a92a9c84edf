namespace NfRt.Kernel
{
    /// <summary>
    /// An entry of a <see cref="PriorityList"/>, embedded in the object it orders (a task, a
    /// waiter): lists never allocate. A node is in at most one list at a time.
    /// </summary>
    public sealed class PlistNode
    {
        internal PlistNode next, prev;          // the node list: every entry, sorted
        internal PlistNode prioNext, prioPrev;  // the priority list: first entry of each distinct priority only
        internal bool isLeader;                 // first entry of its priority group
        internal PriorityList list;
        internal int prio;

        /// <summary>The object this node is embedded in (a task, a waiter).</summary>
        public readonly object Owner;

        /// <summary>Creates a detached node for <paramref name="owner"/>.</summary>
        public PlistNode(object owner) { Owner = owner; }

        /// <summary>The sort key; change it only while the node is detached (or use <see cref="PriorityList.Requeue"/>).</summary>
        public int Prio { get { return prio; } }

        /// <summary>The list this node is in, or null.</summary>
        public PriorityList List { get { return list; } }

        /// <summary>True while the node is in a list.</summary>
        public bool IsQueued { get { return list != null; } }

        /// <summary>The following entry in list order, or null at the tail.</summary>
        public PlistNode Next { get { return next; } }
    }
}
