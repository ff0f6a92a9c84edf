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
        private readonly SyncRegistry _reg;

        internal EventFlagsInvariants(SyncRegistry reg) { _reg = reg; }

        public string Check()
        {
            for (int i = 0; i < _reg.Count; i++)
            {
                EventFlags f = _reg.At(i) as EventFlags;
                if (f == null) continue;
                string e = f.CheckMasked();
                if (e != null) return e;
            }
            return null;
        }
    }
}
