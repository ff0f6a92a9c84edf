using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// The counting-semaphore invariants (docs/spec/primitives.md §6, §8) over every semaphore of one
    /// kernel: the count within 0 .. max; the wait list a sound plist of Blocked (or just woken)
    /// tasks at their effective priorities, interruptible, waiting on it; no task waiting while a
    /// unit is available or after destroy; every task blocked on it queued in its list. Run masked
    /// after every kernel operation when checking is on. Allocation-free unless it finds a defect.
    /// </summary>
    internal sealed class CountingSemaphoreInvariants : IInvariantChecker
    {
        private CountingSemaphore[] _items = new CountingSemaphore[4];
        private int _count;

        /// <summary>Adds an object (set-up: may grow the array); returns its 1-based id.</summary>
        internal int Add(CountingSemaphore item)
        {
            if (_count == _items.Length)
            {
                CountingSemaphore[] bigger = new CountingSemaphore[_count * 2];
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
