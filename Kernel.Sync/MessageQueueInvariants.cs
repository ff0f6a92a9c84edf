using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// The message-queue invariants (docs/spec/primitives.md §6, §9) over every queue of one kernel:
    /// count within 0 .. capacity and the head in the ring; both wait lists sound plists of tasks at
    /// their effective priorities, interruptible, waiting on it; no receiver waiting while a message
    /// is queued, no sender waiting while there is room, none after destroy; every waiting task has
    /// its array; every task blocked on the queue is in one of its lists. Run masked after every
    /// kernel operation when checking is on. Allocation-free unless it finds a defect.
    /// </summary>
    internal sealed class MessageQueueInvariants : IInvariantChecker
    {
        private MessageQueue[] _items = new MessageQueue[4];
        private int _count;

        /// <summary>Adds an object (set-up: may grow the array); returns its 1-based id.</summary>
        internal int Add(MessageQueue item)
        {
            if (_count == _items.Length)
            {
                MessageQueue[] bigger = new MessageQueue[_count * 2];
                for (int i = 0; i < _count; i++) bigger[i] = _items[i];
                _items = bigger;
            }
            _items[_count++] = item;
            return _count;
        }

        public string Check()
        {
            for (int i = 0; i < _count; i++)
            {
                string e = _items[i].CheckMasked();
                if (e != null) return e;
            }
            return null;
        }
    }
}
