using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// The slow lock ladder (spec §5-§7): <see cref="TryTakeMasked"/> → <see cref="LockSlow"/>
    /// (enqueue via <see cref="BlockOn"/>, sleep, retry) → cleanup. All of it masked, except the
    /// sleep itself and the test hook's after-wake pause.
    /// <code>
    /// Why bit1 is set before deciding (the race it prevents, one CPU, owner O, locker L):
    ///   L: CAS fails (owner O)          L: sets bit1 in the owner word
    ///   L: enqueues, sleeps             O: fast unlock CAS(O -> 0) fails because bit1 is set,
    ///                                      so O takes the slow path and hands the lock to L.
    /// Without bit1, O could release by CAS between L's failed CAS and L's enqueue, and L would
    /// sleep on a free mutex forever.
    /// </code>
    /// </summary>
    public sealed partial class RtMutex
    {
        private void SetWaitersBit()
        {
            while (true)
            {
                int old = ownerWord;
                if ((old & HasWaitersBit) != 0) return;
                if (_sys.Atomics.CompareExchange(ref ownerWord, old | HasWaitersBit, old) == old) return;
            }
        }

        /// <summary>After a slow-path attempt, bit1 is recomputed from the wait list (masked).</summary>
        internal void FixupWaitersBit()
        {
            if (ownerWord == DestroyedWord) return;
            int bits = ownerWord & ~HasWaitersBit;
            if (!Waiters.IsEmpty) bits |= HasWaitersBit;
            ownerWord = bits;
        }

        /// <summary>
        /// Spec §6, masked. Free: take it. Pending-owned by <paramref name="me"/>: complete the take.
        /// Pending-owned by a less urgent task: steal it. Otherwise fail (bit1 stays set for the caller).
        /// </summary>
        private bool TryTakeMasked(TaskControlBlock me)
        {
            SetWaitersBit();
            int word = ownerWord;
            int ownerId = word >> OwnerShift;
            if (ownerId == 0)
            {
                ownerWord = (me.Id << OwnerShift) | (Waiters.IsEmpty ? 0 : HasWaitersBit);
                if (!Waiters.IsEmpty) me.PiWaiters.Add(TopWaiterObject.PiNode, TopWaiterObject.Prio);
                _sys.AdjustPrio(me);
                _k.EmitEvent(TraceKind.MutexAcquire, me, Id, 0);
                return true;
            }
            if ((word & PendingOwnerBit) == 0) return false;          // a real owner is never robbed
            if (ownerId == me.Id)
            {
                ownerWord = word & ~PendingOwnerBit;                     // the pending owner completes its take
                _k.EmitEvent(TraceKind.MutexAcquire, me, Id, 0);
                return true;
            }
            TaskControlBlock pending = _k.TaskById(ownerId);
            if (!Priority.MoreUrgent(me.EffectivePriority, pending.EffectivePriority)) return false;
            Steal(me, pending);
            return true;
        }

        private Waiter TopWaiterObject { get { return (Waiter)Waiters.First.Owner; } }

        /// <summary>
        /// Takes the mutex from pending owner <paramref name="robbed"/>. If the stealer is itself
        /// queued here, its waiter leaves first. The top waiter's pi node moves to the stealer, both
        /// priorities are recomputed; the robbed task re-queues when it retries.
        /// </summary>
        private void Steal(TaskControlBlock me, TaskControlBlock robbed)
        {
            if (me.BlockedOn != null && me.BlockedOn.Mutex == this)
            {
                bool wasTop = Waiters.First == me.Waiter.ListNode;
                Waiters.Remove(me.Waiter.ListNode);
                if (wasTop) robbed.PiWaiters.Remove(me.Waiter.PiNode);
                me.BlockedOn = null;
                me.Waiter.Mutex = null;
                if (wasTop && !Waiters.IsEmpty) robbed.PiWaiters.Add(TopWaiterObject.PiNode, TopWaiterObject.Prio);
            }
            if (!Waiters.IsEmpty)
            {
                Waiter top = TopWaiterObject;
                robbed.PiWaiters.Remove(top.PiNode);
                me.PiWaiters.Add(top.PiNode, top.Prio);
            }
            ownerWord = (me.Id << OwnerShift) | (Waiters.IsEmpty ? 0 : HasWaitersBit);
            _sys.Counters.Steals++;
            _k.EmitEvent(TraceKind.Steal, me, robbed.Id, Id);
            _k.EmitEvent(TraceKind.MutexAcquire, me, Id, 0);
            _sys.AdjustPrio(robbed);
            _sys.AdjustPrio(me);
        }

        /// <summary>
        /// Spec §7, masked: enqueue <paramref name="me"/>'s waiter with its effective priority. If it
        /// became the top waiter, it replaces the old top in the owner's piWaiters and the owner is
        /// boosted; a blocked owner (or detection) starts the chain walk. Deadlock on self-lock or a cycle.
        /// </summary>
        private KernelStatus BlockOn(TaskControlBlock me, bool detect)
        {
            TaskControlBlock owner = OwnerTask;
            if (owner == me)
            {
                _sys.Counters.Deadlocks++;
                _k.EmitEvent(TraceKind.Deadlock, me, Id, 0);
                return KernelStatus.Deadlock;
            }
            Waiter w = me.Waiter;
            PlistNode oldTop = Waiters.First;
            w.Mutex = this;
            w.DetectDeadlock = detect;
            w.Prio = me.EffectivePriority;
            Waiters.Add(w.ListNode, w.Prio);
            me.BlockedOn = w;
            _sys.Counters.Blocks++;
            if (Priority.MoreUrgent(me.EffectivePriority, owner.EffectivePriority)) _sys.Counters.Inversions++;

            bool walk = detect;
            if (Waiters.First == w.ListNode)
            {
                if (oldTop != null) owner.PiWaiters.Remove(((Waiter)oldTop.Owner).PiNode);
                owner.PiWaiters.Add(w.PiNode, w.Prio);
                _sys.AdjustPrio(owner);
                if (owner.BlockedOn != null) walk = true;
            }
            if (!walk) return KernelStatus.Ok;
            return _sys.WalkChain(owner, detect, this, me);
        }

        /// <summary>
        /// Spec §5: the blocking lock. <paramref name="timeout"/> &lt; 0 = none. Interruptible locks
        /// stay interruptible while pending owner, so an interrupt that arrives then is seen if the
        /// lock was stolen meanwhile (a pending owner that is not robbed still takes the mutex).
        /// </summary>
        private KernelStatus LockSlow(TaskControlBlock me, bool interruptible, long timeout, bool detect)
        {
            int s = _k.Enter();
            if (ownerWord == DestroyedWord) { _sys.Counters.Misuse++; _k.Leave(s); return KernelStatus.Destroyed; }
            _sys.Counters.SlowLocks++;
            if (ownerWord >> OwnerShift == me.Id && (ownerWord & PendingOwnerBit) == 0)
            {
                // Self-lock: Deadlock for every variant (LockTimed(0) included), before any wait or timeout.
                _sys.Counters.Deadlocks++;
                _k.EmitEvent(TraceKind.Deadlock, me, Id, 0);
                _k.Leave(s);
                return KernelStatus.Deadlock;
            }
            if (TryTakeMasked(me)) { FixupWaitersBit(); _k.Leave(s); return KernelStatus.Ok; }

            me.Interruptible = interruptible;
            me.InterruptRequested = false;
            long deadline = timeout >= 0 ? _k.Now + timeout : -1;
            KernelStatus result;
            while (true)
            {
                // A robbed pending owner is in no wait list, so Destroy may succeed while it sleeps:
                // its retry must not take (and so resurrect) the destroyed mutex.
                if (ownerWord == DestroyedWord) { result = KernelStatus.Destroyed; _sys.Counters.Misuse++; break; }
                if (TryTakeMasked(me)) { result = KernelStatus.Ok; break; }
                if (interruptible && me.InterruptRequested) { result = KernelStatus.Interrupted; _sys.Counters.Interrupted++; break; }
                if (deadline >= 0 && _k.Now >= deadline) { result = KernelStatus.TimedOut; _sys.Counters.Timeouts++; break; }
                if (me.BlockedOn == null)
                {
                    result = BlockOn(me, detect);
                    if (result != KernelStatus.Ok) break;
                }
                IRtMutexTestHook hook = _sys.TestHook;
                if (hook != null) hook.OnBlocked(me, this);
                _k.BlockCurrent(s, TaskState.Blocked, this, deadline >= 0 ? deadline - _k.Now : -1);
                if (hook != null) hook.OnWoken(me, this);
                s = _k.Enter();
            }
            if (result != KernelStatus.Ok)
            {
                if (me.BlockedOn != null) _sys.RemoveWaiter(me);
                _sys.AdjustPrio(me);   // it may have been boosted while it was pending owner
            }
            else if (me.BlockedOn != null)
            {
                _sys.RemoveWaiter(me);  // cannot normally happen: a successful take dequeues the stealer
            }
            FixupWaitersBit();
            me.Interruptible = false;
            me.InterruptRequested = false;
            _k.Leave(s);
            return result;
        }

        private bool TryLockSlow(TaskControlBlock me)
        {
            int s = _k.Enter();
            bool ok = false;
            if (ownerWord != DestroyedWord)
            {
                ok = TryTakeMasked(me);
                FixupWaitersBit();
            }
            _k.Leave(s);
            return ok;
        }
    }
}
