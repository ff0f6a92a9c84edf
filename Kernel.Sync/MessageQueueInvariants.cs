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
        private readonly SyncRegistry _reg;

        internal MessageQueueInvariants(SyncRegistry reg) { _reg = reg; }

        public string Check()
        {
            for (int i = 0; i < _reg.Count; i++)
            {
                MessageQueue q = _reg.At(i) as MessageQueue;
                if (q == null) continue;
                string e = q.CheckMasked();
                if (e != null) return e;
            }
            return null;
        }
    }
}
