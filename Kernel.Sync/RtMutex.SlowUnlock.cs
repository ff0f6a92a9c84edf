using NfRt.Kernel;

namespace NfRt.Sync
{
    /// <summary>
    /// The slow unlock and hand-off (docs/spec/rtmutex.md §8), masked: the top waiter leaves the wait list and
    /// the unlocker's piWaiters, becomes pending owner (bit0; bit1 if waiters remain), gets the
    /// new top waiter's pi node, and is woken; only then is the unlocker's boost dropped.
    /// Misuse is rejected before anything changes.
    /// </summary>
    public sealed partial class RtMutex
    {
        private KernelStatus UnlockSlow(TaskControlBlock me)
        {
            int s = _k.Enter();
            int word = ownerWord;
            KernelStatus bad = KernelStatus.Ok;
            if (word == DestroyedWord) bad = KernelStatus.Destroyed;
            else if (OwnerIdOf(word) == 0) bad = KernelStatus.InvalidArgument;          // free
            else if (OwnerIdOf(word) != me.Id || (word & PendingOwnerBit) != 0) bad = KernelStatus.NotOwner;
            if (bad != KernelStatus.Ok)
            {
                _sys.Counters.misuse++;
                _k.Leave(s);
                return bad;
            }

            if (waiters.IsEmpty)
            {
                ownerWord = 0;
                _k.Emit(TraceKind.MutexRelease, me, Id, 0);
                _k.Leave(s);
                return KernelStatus.Ok;
            }

            Waiter top = TopWaiterObject;
            TaskControlBlock heir = top.Task;
            waiters.Remove(top.ListNode);
            me.PiWaiters.Remove(top.PiNode);
            heir.blockedOn = null;
            top.mutex = null;
            ownerWord = WordOf(heir.Id, true, !waiters.IsEmpty);
            if (!waiters.IsEmpty) heir.PiWaiters.Add(TopWaiterObject.PiNode, TopWaiterObject.prio);
            _sys.AdjustPrio(heir);
            _sys.Counters.handoffs++;
            _k.Emit(TraceKind.MutexRelease, me, Id, heir.Id);
            _k.Wake(heir, KernelStatus.Ok);
            // A task woken from an rt-mutex wait by a signal or timeout keeps its waiter queued until
            // it retries; if it unlocks in that window (the test hook may), the lost boost must still
            // reach the waiter and the chain behind it.
            if (_sys.AdjustPrio(me) && me.blockedOn != null) _sys.WalkChain(me, false, null, me);
            _k.Leave(s);
            return KernelStatus.Ok;
        }
    }
}
