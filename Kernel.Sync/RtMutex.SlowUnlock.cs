using NfRt.Kernel;

namespace NfRt.Sync
{
    /// <summary>
    /// The slow unlock and hand-off (docs/spec/rtmutex.md §8), masked: the top waiter leaves the wait list and
    /// the unlocker's piWaiters, becomes pending owner (bit0; bit1 if waiters remain), gets the
    /// new top waiter's pi node, and is woken; only then is the unlocker's boost dropped.
    /// Misuse is rejected before anything changes. Options (docs/spec/primitives.md §12-§14): a
    /// nested recursive lock is only counted down; a ceiling leaves the owner's Ceilings list
    /// before the unlocker's priority is recomputed; an owner that died marks the word for the
    /// next acquirer.
    /// </summary>
    public sealed partial class RtMutex
    {
        private KernelStatus UnlockSlow(TaskControlBlock me)
        {
            int s = _k.Enter();
            KernelStatus r = UnlockMasked(me, false);
            _k.Leave(s);
            return r;
        }

        /// <summary>
        /// The slow unlock by <paramref name="me"/>, masked. <paramref name="ownerDied"/> (the exit hook of
        /// a robust mutex): the next acquirer gets OwnerDied.
        /// </summary>
        internal KernelStatus UnlockMasked(TaskControlBlock me, bool ownerDied)
        {
            _k.AssertMasked();
            int word = ownerWord;
            KernelStatus bad = KernelStatus.Ok;
            if (word == DestroyedWord) bad = KernelStatus.Destroyed;
            else if (OwnerIdOf(word) == 0) bad = KernelStatus.InvalidArgument;          // free
            else if (OwnerIdOf(word) != me.Id || (word & PendingOwnerBit) != 0) bad = KernelStatus.NotOwner;
            if (bad != KernelStatus.Ok)
            {
                _sys.Counters.misuse++;
                return bad;
            }
            if (depth > 0)
            {
                if (--depth == 0) ownerWord &= ~NestedBit;
                return KernelStatus.Ok;
            }
            int died = ownerDied ? OwnerDiedBit : 0;
            bool ceilingDropped = ceilingNode != null;
            if (ceilingDropped) me.Ceilings.Remove(ceilingNode);

            if (waiters.IsEmpty)
            {
                ownerWord = _freeWord | died;
                _k.Emit(TraceKind.MutexRelease, me, Id, 0);
                if (ceilingDropped && _sys.AdjustPrio(me) && me.blockedOn != null) _sys.WalkChain(me, false, null, me);
                return KernelStatus.Ok;
            }

            Waiter top = TopWaiterObject;
            TaskControlBlock heir = top.Task;
            waiters.Remove(top.ListNode);
            me.PiWaiters.Remove(top.PiNode);
            heir.blockedOn = null;
            top.mutex = null;
            ownerWord = WordOf(heir.Id, true, !waiters.IsEmpty) | _freeWord | died;
            if (!waiters.IsEmpty) heir.PiWaiters.Add(TopWaiterObject.PiNode, TopWaiterObject.prio);
            _sys.AdjustPrio(heir);
            _sys.Counters.handoffs++;
            _k.OnLockOwnerChanged(this, heir);   // statistics: the waiters left follow the new owner (Scheduler.Statistics.cs)
            _k.Emit(TraceKind.MutexRelease, me, Id, heir.Id);
            _k.Wake(heir, this, KernelStatus.Ok);   // ends its wait on this mutex only (a heir paused elsewhere by the test hook retries later)
            // A task woken from an rt-mutex wait by a signal or timeout keeps its waiter queued until
            // it retries; if it unlocks in that window (the test hook may), the lost boost must still
            // reach the waiter and the chain behind it.
            if (_sys.AdjustPrio(me) && me.blockedOn != null) _sys.WalkChain(me, false, null, me);
            return KernelStatus.Ok;
        }
    }
}
