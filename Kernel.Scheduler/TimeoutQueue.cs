using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Timeouts ordered by deadline tick (FIFO among equal deadlines). Insert is O(n) in
    /// armed timeouts, remove and pop are O(1). Nodes are embedded in tasks and timers.
    /// </summary>
    internal sealed class TimeoutQueue
    {
        private TimeoutNode _head, _tail;
        private int _count;

        /// <summary>Armed timeouts.</summary>
        public int Count { get { return _count; } }

        /// <summary>The earliest timeout, or null.</summary>
        public TimeoutNode First { get { return _head; } }

        /// <summary>Arms a detached node to expire at tick <paramref name="due"/>.</summary>
        public void Insert(TimeoutNode node, long due)
        {
            if (node.queued) throw new KernelFaultException("timeout queue: node already armed");
            TimeoutNode after = _tail;
            while (after != null && after.deadline > due) after = after.prev;
            node.deadline = due;
            node.queued = true;
            node.prev = after;
            node.next = after != null ? after.next : _head;
            if (node.next != null) node.next.prev = node; else _tail = node;
            if (after != null) after.next = node; else _head = node;
            _count++;
        }

        /// <summary>Disarms a node if armed.</summary>
        public void Remove(TimeoutNode node)
        {
            if (!node.queued) return;
            if (node.next != null) node.next.prev = node.prev; else _tail = node.prev;
            if (node.prev != null) node.prev.next = node.next; else _head = node.next;
            node.next = node.prev = null;
            node.queued = false;
            _count--;
        }

        /// <summary>Self-check: sorted, links consistent. Null when sound.</summary>
        public string Check()
        {
            int n = 0;
            TimeoutNode prev = null;
            for (TimeoutNode x = _head; x != null; x = x.next)
            {
                if (x.prev != prev) return "timeouts: broken link";
                if (prev != null && prev.deadline > x.deadline) return "timeouts: not sorted";
                if (!x.queued) return "timeouts: unarmed node in queue";
                prev = x;
                if (++n > _count) return "timeouts: cycle";
            }
            if (prev != _tail || n != _count) return "timeouts: wrong tail or count";
            return null;
        }
    }
}
