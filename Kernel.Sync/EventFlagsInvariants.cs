using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// The event-flags invariants (docs/spec/primitives.md §6, §10) over every event-flags object of
    /// one kernel: the wait list a sound plist of Blocked (or just woken) tasks at their effective
    /// priorities, interruptible, waiting on it, each for at least one flag; no Blocked waiter whose
    /// condition holds on the current value; none after destroy; every task blocked on it queued in
    /// its list. Run masked after every kernel operation when checking is on. Allocation-free unless
    /// it finds a defect.
    /// </summary>
    internal sealed class EventFlagsInvariants : IInvariantChecker
    {
        private EventFlags[] _items = new EventFlags[4];
        private int _count;

        /// <summary>Adds an object (set-up: may grow the array); returns its 1-based id.</summary>
        internal int Add(EventFlags item)
        {
            if (_count == _items.Length)
            {
                EventFlags[] bigger = new EventFlags[_count * 2];
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
