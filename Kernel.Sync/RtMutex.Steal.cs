using NfRt.Kernel;

namespace NfRt.Sync
{
    /// <summary>
    /// Lock stealing (docs/spec/rtmutex.md §6): a strictly more urgent task takes a mutex from its
    /// pending owner (handed the mutex, not yet run). Masked, called by the take.
    /// </summary>
    public sealed partial class RtMutex
    {
        /// <summary>
        /// Takes the mutex from pending owner <paramref name="robbed"/>. If the stealer is itself
        /// queued here, its waiter leaves first. The top waiter's pi node moves to the stealer, both
        /// priorities are recomputed; the robbed task re-queues when it retries.
        /// </summary>
        private void Steal(TaskControlBlock me, TaskControlBlock robbed)
        {
            _k.AssertMasked();
            if (me.blockedOn != null && me.blockedOn.mutex == this)
            {
                bool wasTop = waiters.First == me.Waiter.ListNode;
                waiters.Remove(me.Waiter.ListNode);
                if (wasTop) robbed.PiWaiters.Remove(me.Waiter.PiNode);
                me.blockedOn = null;
                me.Waiter.mutex = null;
                if (wasTop && !waiters.IsEmpty) robbed.PiWaiters.Add(TopWaiterObject.PiNode, TopWaiterObject.prio);
            }
            if (!waiters.IsEmpty)
            {
                Waiter top = TopWaiterObject;
                robbed.PiWaiters.Remove(top.PiNode);
                me.PiWaiters.Add(top.PiNode, top.prio);
            }
            ownerWord = WordOf(me.Id, false, !waiters.IsEmpty) | (ownerWord & KeptBits);
            if (ceilingNode != null) me.Ceilings.Add(ceilingNode, _ceiling);   // a pending owner holds no ceiling: nothing to take from the robbed task
            _sys.Counters.steals++;
            _k.OnLockOwnerChanged(this, me);   // statistics: the waiters follow the new owner (Scheduler.Statistics.cs)
            _k.Emit(TraceKind.Steal, me, robbed.Id, Id);
            _k.Emit(TraceKind.MutexAcquire, me, Id, 0);
            _sys.AdjustPrio(robbed);
            _sys.AdjustPrio(me);
        }
    }
}
