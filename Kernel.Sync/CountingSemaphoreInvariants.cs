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
        private readonly SyncRegistry _reg;

        internal CountingSemaphoreInvariants(SyncRegistry reg) { _reg = reg; }

        public string Check()
        {
            for (int i = 0; i < _reg.Count; i++)
            {
                CountingSemaphore s = _reg.At(i) as CountingSemaphore;
                if (s == null) continue;
                string e = s.CheckMasked();
                if (e != null) return e;
            }
            return null;
        }
    }
}
