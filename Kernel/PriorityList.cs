namespace NfRt.Kernel
{
    /// <summary>
    /// Priority list ("plist", docs/spec/rtmutex.md §2): entries sorted ascending by priority (lower number =
    /// more urgent), FIFO among equal priorities. Two intrusive lists share the nodes:
    /// <code>
    ///   prio list:  [3] ----------------> [7] -----------> [9]          one leader per distinct priority
    ///                |                     |                |
    ///   node list:  [3a] -> [3b] -> [3c] -> [7a] -> [7b] -> [9a]       every entry, in order
    /// </code>
    /// Costs: <see cref="Add"/> is O(K) for K distinct priorities, independent of how many
    /// entries share one priority (it walks leaders only, then links before the next leader);
    /// <see cref="Remove"/> and <see cref="First"/> are O(1). No allocation: nodes are embedded.
    /// Re-queueing (remove + add) puts an entry at the tail of its group even if its priority
    /// did not change. <see cref="Check"/> is the structural self-check.
    /// <para>Locking: none inside; callers hold the kernel critical section (interrupts masked).
    /// Only the kernel assemblies change a list; users read it.</para>
    /// <para>A list that is a wait list (a wait queue's, docs/spec/scheduler.md §17, or an rt-mutex's)
    /// knows the object waited on (<see cref="Owner"/>), so a checker can hold a blocked task to the
    /// wait list of exactly the object it waits on.</para>
    /// </summary>
    public sealed class PriorityList
    {
        private PlistNode _head, _tail, _prioHead;
        private int _count;
        internal readonly KernelObject owner;   // read by the wait queues (Kernel.Scheduler)

        /// <summary>A list that is no object's wait list (piWaiters, ceilings, tests).</summary>
        internal PriorityList() { }

        /// <summary>The wait list of <paramref name="owner"/>.</summary>
        internal PriorityList(KernelObject owner) { this.owner = owner; }

        /// <summary>The object whose wait list this is (tasks in it wait on that object), or null for any other list.</summary>
        public KernelObject Owner { get { return owner; } }

        /// <summary>Number of entries.</summary>
        public int Count { get { return _count; } }

        /// <summary>True when the list has no entry.</summary>
        public bool IsEmpty { get { return _head == null; } }

        /// <summary>The most urgent entry (the oldest among equals), or null.</summary>
        public PlistNode First { get { return _head; } }

        /// <summary>The least urgent, newest entry, or null.</summary>
        public PlistNode Last { get { return _tail; } }

        /// <summary>Adds a detached node with priority <paramref name="priority"/> at the tail of its priority group.</summary>
        /// <exception cref="KernelFaultException">The node is already in a list.</exception>
        internal void Add(PlistNode node, int priority)
        {
            if (node.list != null) throw new KernelFaultException("plist: node already queued");
            node.prio = priority;
            node.list = this;
            _count++;

            // Walk the leaders to the first group with a greater priority; 'before' is the last one not after us.
            PlistNode leader = _prioHead, before = null;
            while (leader != null && !Priority.MoreUrgent(priority, leader.prio))
            {
                before = leader;
                leader = leader.prioNext;
            }
            if (before != null && before.prio == priority)
            {
                node.isLeader = false;              // joins an existing group, at its tail
                node.prioNext = node.prioPrev = null;
            }
            else
            {
                node.isLeader = true;               // opens a new group between 'before' and 'leader'
                node.prioPrev = before;
                node.prioNext = leader;
                if (leader != null) leader.prioPrev = node;
                if (before != null) before.prioNext = node; else _prioHead = node;
            }
            LinkBefore(node, leader);
        }

        /// <summary>Removes a node of this list in O(1).</summary>
        /// <exception cref="KernelFaultException">The node is not in this list.</exception>
        internal void Remove(PlistNode node)
        {
            if (node.list != this) throw new KernelFaultException("plist: node not in this list");
            if (node.isLeader)
            {
                PlistNode heir = node.next;
                if (heir != null && heir.prio == node.prio)
                {
                    heir.isLeader = true;
                    heir.prioNext = node.prioNext;
                    heir.prioPrev = node.prioPrev;
                    if (heir.prioNext != null) heir.prioNext.prioPrev = heir;
                    if (heir.prioPrev != null) heir.prioPrev.prioNext = heir; else _prioHead = heir;
                }
                else
                {
                    if (node.prioNext != null) node.prioNext.prioPrev = node.prioPrev;
                    if (node.prioPrev != null) node.prioPrev.prioNext = node.prioNext; else _prioHead = node.prioNext;
                }
            }
            if (node.next != null) node.next.prev = node.prev; else _tail = node.prev;
            if (node.prev != null) node.prev.next = node.next; else _head = node.next;
            node.next = node.prev = node.prioNext = node.prioPrev = null;
            node.isLeader = false;
            node.list = null;
            _count--;
        }

        /// <summary>Remove + add: the node goes to the tail of the group of <paramref name="priority"/>.</summary>
        internal void Requeue(PlistNode node, int priority)
        {
            Remove(node);
            Add(node, priority);
        }

        private void LinkBefore(PlistNode node, PlistNode before)
        {
            if (before == null)
            {
                node.prev = _tail;
                node.next = null;
                if (_tail != null) _tail.next = node; else _head = node;
                _tail = node;
            }
            else
            {
                node.next = before;
                node.prev = before.prev;
                if (before.prev != null) before.prev.next = node; else _head = node;
                before.prev = node;
            }
        }

        /// <summary>
        /// Structural self-check: links consistent both ways, sorted, exactly one leader per
        /// distinct priority (the first of its group), leaders linked in order, count right.
        /// Returns null when sound, otherwise a description of the first defect.
        /// </summary>
        /// <returns>Null when the list is sound; otherwise a description of the first defect.</returns>
        public string Check()
        {
            int n = 0;
            PlistNode prev = null, leader = _prioHead, lastLeader = null;
            for (PlistNode x = _head; x != null; x = x.next)
            {
                n++;
                if (n > _count) return "plist: more nodes than Count (cycle?)";
                if (x.list != this) return "plist: node of another list";
                if (x.prev != prev) return "plist: broken prev link";
                bool shouldLead = prev == null || prev.prio != x.prio;
                if (prev != null && Priority.MoreUrgent(x.prio, prev.prio)) return "plist: not sorted";
                if (x.isLeader != shouldLead) return "plist: wrong leader flag";
                if (shouldLead)
                {
                    if (leader != x) return "plist: priority list out of step with node list";
                    if (x.prioPrev != lastLeader) return "plist: broken leader prev link";
                    lastLeader = x;
                    leader = x.prioNext;
                }
                else if (x.prioNext != null || x.prioPrev != null) return "plist: follower has leader links";
                prev = x;
            }
            if (prev != _tail) return "plist: wrong tail";
            if (leader != null) return "plist: extra leaders";
            if (n != _count) return "plist: Count mismatch";
            return null;
        }
    }
}
