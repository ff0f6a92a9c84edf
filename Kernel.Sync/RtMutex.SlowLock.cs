using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// The slow lock ladder (docs/spec/rtmutex.md §5-§7): <see cref="TryTakeMasked"/> → <see cref="LockSlow"/>
    /// (enqueue via <see cref="BlockOn"/>, sleep, retry) → cleanup. All of it masked, except the
    /// sleep itself and the test hook's after-wake pause.
    /// <code>
    /// Why bit1 is set before deciding (the race it prevents, one CPU, owner O, locker L):
    ///   L: CAS fails (owner O)          L: sets bit1 in the owner word
    ///   L: enqueues, sleeps             O: fast unlock CAS(O -> 0) fails because bit1 is set,
    ///                                      so O takes the slow path and hands the lock to L.
    /// Without bit1, O could release by CAS between L's failed CAS and L's enqueue, and L would
    /// sleep on a free mutex forever. Which preemption point opens that window: on a board with a
    /// hardware CAS, none (L's failed CAS and its Enter are back to back, and O cannot run in
    /// between); on the masked-CAS board (no CAS instruction) the fast path's own CAS restores the
    /// IRQ mask, which delivers pending lines — the tick — and may switch to O right there.
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

        /// <summary>A waiter left the wait list (chain code): bit1 follows the list. Masked.</summary>
        internal override void OnWaitersChanged() { FixupWaitersBit(); }

        /// <summary>After a slow-path attempt, bit1 is recomputed from the wait list (masked).</summary>
        internal void FixupWaitersBit()
        {
            _k.AssertMasked();
            if (ownerWord == DestroyedWord) return;
            int bits = ownerWord & ~HasWaitersBit;
            if (!waiters.IsEmpty) bits |= HasWaitersBit;
            ownerWord = bits;
        }

        /// <summary>
        /// docs/spec/rtmutex.md §6, masked. Free: take it. Pending-owned by <paramref name="me"/>: complete the take.
        /// Pending-owned by a less urgent task: steal it. Otherwise fail (bit1 stays set for the caller).
        /// </summary>
        private bool TryTakeMasked(TaskControlBlock me)
        {
            _k.AssertMasked();
            SetWaitersBit();
            int word = ownerWord;
            int ownerId = OwnerIdOf(word);
            if (ownerId == 0)
            {
                ownerWord = WordOf(me.Id, false, !waiters.IsEmpty) | (word & KeptBits);
                if (!waiters.IsEmpty) me.PiWaiters.Add(TopWaiterObject.PiNode, TopWaiterObject.prio);
                if (ceilingNode != null) me.Ceilings.Add(ceilingNode, _ceiling);
                _sys.AdjustPrio(me);
                _k.Emit(TraceKind.MutexAcquire, me, Id, 0);
                return true;
            }
            if ((word & PendingOwnerBit) == 0) return false;          // a real owner is never robbed
            if (ownerId == me.Id)
            {
                ownerWord = word & ~PendingOwnerBit;                     // the pending owner completes its take
                if (ceilingNode != null)
                {
                    me.Ceilings.Add(ceilingNode, _ceiling);
                    _sys.AdjustPrio(me);
                }
                _k.Emit(TraceKind.MutexAcquire, me, Id, 0);
                return true;
            }
            TaskControlBlock pending = _k.TaskById(ownerId);
            if (!Priority.MoreUrgent(me.EffectivePriority, pending.EffectivePriority)) return false;
            Steal(me, pending);
            return true;
        }

        private Waiter TopWaiterObject { get { return waiters.First.Waiter; } }

        /// <summary>
        /// docs/spec/rtmutex.md §7, masked: enqueue <paramref name="me"/>'s waiter with its effective priority. If it
        /// became the top waiter, it replaces the old top in the owner's piWaiters and the owner is
        /// boosted; a blocked owner (or detection) starts the chain walk. Deadlock on self-lock or a cycle.
        /// </summary>
        private KernelStatus BlockOn(TaskControlBlock me, bool detect)
        {
            _k.AssertMasked();
            TaskControlBlock owner = OwnerTask;
            if (owner == me)
            {
                _sys.Counters.deadlocks++;
                _k.Emit(TraceKind.Deadlock, me, Id, 0);
                return KernelStatus.Deadlock;
            }
            Waiter w = me.Waiter;
            PlistNode oldTop = waiters.First;
            w.mutex = this;
            w.detectDeadlock = detect;
            w.prio = me.EffectivePriority;
            waiters.Add(w.ListNode, w.prio);
            me.blockedOn = w;
            _sys.Counters.blocks++;
            if (Priority.MoreUrgent(me.EffectivePriority, owner.EffectivePriority)) _sys.Counters.inversions++;

            bool walk = detect;
            if (waiters.First == w.ListNode)
            {
                if (oldTop != null) owner.PiWaiters.Remove((oldTop.Waiter).PiNode);
                owner.PiWaiters.Add(w.PiNode, w.prio);
                _sys.AdjustPrio(owner);
                if (owner.blockedOn != null) walk = true;
            }
            if (!walk) return KernelStatus.Ok;
            return _sys.WalkChain(owner, detect, this, me);
        }

        /// <summary>
        /// docs/spec/rtmutex.md §5: the blocking lock. <paramref name="timeout"/> &lt; 0 = none. Interruptible locks
        /// stay interruptible while pending owner, so an interrupt that arrives then is seen if the
        /// lock was stolen meanwhile (a pending owner that is not robbed still takes the mutex).
        /// </summary>
        private KernelStatus LockSlow(TaskControlBlock me, bool interruptible, long timeout, bool detect)
        {
            int s = _k.Enter();
            if (ownerWord == DestroyedWord) { _sys.Counters.misuse++; _k.Leave(s); return KernelStatus.Destroyed; }
            _sys.Counters.slowLocks++;
            if (_ceiling >= 0 && Priority.MoreUrgent(me.NormalPriority, _ceiling))
            {
                _sys.Counters.ceilingViolations++;
                _k.Leave(s);
                return KernelStatus.CeilingViolated;
            }
            if (OwnerIdOf(ownerWord) == me.Id && (ownerWord & PendingOwnerBit) == 0)
            {
                if (_recursive)
                {
                    Nest();
                    _k.Leave(s);
                    return KernelStatus.Ok;
                }
                // Self-lock: Deadlock for every variant (LockTimed(0) included), before any wait or timeout.
                _sys.Counters.deadlocks++;
                _k.Emit(TraceKind.Deadlock, me, Id, 0);
                _k.Leave(s);
                return KernelStatus.Deadlock;
            }
            if (TryTakeMasked(me))
            {
                FixupWaitersBit();
                KernelStatus got = Acquired();
                _k.Leave(s);
                return got;
            }

            me.Waiter.interruptible = interruptible;   // for the whole call (docs/spec/rtmutex.md §5)
            me.interruptRequested = false;
            long deadline = timeout >= 0 ? _k.DeadlineAfter(timeout) : -1;
            KernelStatus result;
            while (true)
            {
                // A robbed pending owner is in no wait list, and a waiter woken by a timeout or an interrupt
                // may have been taken off by a destroy since: the retry must not take (and so resurrect) a
                // destroyed mutex.
                if (ownerWord == DestroyedWord) { result = KernelStatus.Destroyed; break; }
                if (TryTakeMasked(me)) { result = KernelStatus.Ok; break; }
                if (interruptible && me.interruptRequested) { result = KernelStatus.Interrupted; _sys.Counters.interrupted++; break; }
                if (deadline >= 0 && _k.Now >= deadline) { result = KernelStatus.TimedOut; _sys.Counters.timeouts++; break; }
                if (me.blockedOn == null)
                {
                    result = BlockOn(me, detect);
                    if (result != KernelStatus.Ok) break;
                }
                IRtMutexTestHook hook = _sys.TestHook;
                if (hook != null) hook.OnBlocked(me, this);
                // The lock's own wait: its waiter is queued already (no wait queue), interruptible as the call is.
                // Whatever ends it, the loop decides from the mutex's state; the woken task's waiter stays
                // queued until this retry removes it or takes the mutex (docs/spec/rtmutex.md §5).
                _k.BlockCurrent(s, TaskState.Blocked, this, null, deadline >= 0 ? deadline - _k.Now : -1, interruptible);
                if (hook != null)
                {
                    _k.Leave(s);                 // the hook runs unmasked, in this task's context, and may block
                    hook.OnWoken(me, this);
                    s = _k.Enter();
                }
            }
            if (result != KernelStatus.Ok)
            {
                if (me.blockedOn != null) _sys.RemoveWaiter(me);
                _sys.AdjustPrio(me);   // it may have been boosted while it was pending owner
            }
            else
            {
                KernelAssert.That(me.blockedOn == null, "a successful take left the taker queued on the mutex");
                result = Acquired();
            }
            FixupWaitersBit();
            me.Waiter.interruptible = false;
            me.interruptRequested = false;
            _k.Leave(s);
            return result;
        }

        /// <summary>
        /// The try lock's slow path (masked): never blocks. Ok, or OwnerDied (taken: a robust mutex whose
        /// owner died), Busy (not taken: owned, or pending-owned by a task at least as urgent, or owned by
        /// the caller without recursion), Destroyed, CeilingViolated. With <paramref name="mayReportOwnerDied"/>
        /// false (the bool <see cref="TryLock()"/>), a take that would be OwnerDied is not made: Busy, and
        /// the mark stays for a caller that can see it (docs/spec/primitives.md §14).
        /// </summary>
        private KernelStatus TryLockSlow(TaskControlBlock me, bool mayReportOwnerDied)
        {
            int s = _k.Enter();
            KernelStatus r = KernelStatus.Busy;
            if (ownerWord == DestroyedWord) r = KernelStatus.Destroyed;
            else if (_ceiling >= 0 && Priority.MoreUrgent(me.NormalPriority, _ceiling))
            {
                _sys.Counters.ceilingViolations++;
                r = KernelStatus.CeilingViolated;
            }
            else if (_recursive && OwnerIdOf(ownerWord) == me.Id && (ownerWord & PendingOwnerBit) == 0)
            {
                Nest();
                r = KernelStatus.Ok;
            }
            else if (mayReportOwnerDied || (ownerWord & OwnerDiedBit) == 0)
            {
                if (TryTakeMasked(me)) r = Acquired();
                FixupWaitersBit();
            }
            _k.Leave(s);
            return r;
        }
    }
}
