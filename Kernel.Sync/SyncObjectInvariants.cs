using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// The invariant checker of one kernel's counting semaphores, message queues and event flags
    /// (docs/spec/primitives.md §6): each object checks its own invariants
    /// (<see cref="SyncObject.CheckMasked"/>: counts within bounds, wait lists sound plists of waiting
    /// tasks at their effective priorities, no waiter while the resource is available or after
    /// destroy, every task blocked on the object queued in its list). Run masked after every kernel
    /// operation when checking is on. Allocation-free unless it finds a defect.
    /// </summary>
    internal sealed class SyncObjectInvariants : IInvariantChecker
    {
        private SyncObject[] _items = new SyncObject[8];
        private int _count;

        /// <summary>Adds an object (set-up: may grow the array).</summary>
        internal void Add(SyncObject item)
        {
            if (_count == _items.Length)
            {
                SyncObject[] bigger = new SyncObject[_count * 2];
                for (int i = 0; i < _count; i++) bigger[i] = _items[i];
                _items = bigger;
            }
            _items[_count++] = item;
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
