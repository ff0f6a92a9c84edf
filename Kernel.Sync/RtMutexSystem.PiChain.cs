using NfRt.Kernel;

namespace NfRt.Sync
{
    /// <summary>
    /// Priority inheritance (docs/spec/rtmutex.md §7, §9, §10): recomputing a task's effective priority from
    /// its piWaiters (and ceilings), walking the chain task → waiter → mutex → owner → ..., and removing a
    /// waiter. Everything here runs with interrupts masked (the wait lock of a uniprocessor):
    /// the walk is atomic, so unlike Linux it never has to revalidate a chain after dropping
    /// locks; the price is that a walk's length (bounded by MaxDepth) is interrupt latency.
    /// </summary>
    public sealed partial class RtMutexSystem
    {
        /// <summary>
        /// Sets <paramref name="t"/>'s effective priority to the most urgent of its normal priority, its top pi
        /// waiter and the ceilings it holds (<see cref="TaskControlBlock.ComputedPriority"/>). Returns true on change.
        /// </summary>
        internal bool AdjustPrio(TaskControlBlock t)
        {
            Kernel.AssertMasked();
            int old = t.EffectivePriority;
            int now = t.ComputedPriority();
            if (now == old) return false;
            if (Priority.MoreUrgent(now, old))
            {
                Counters.boosts++;
                t.boosts++;
                Kernel.Emit(TraceKind.Boost, t, old, now);
            }
            else
            {
                Counters.deboosts++;
                Kernel.Emit(TraceKind.Deboost, t, old, now);
            }
            Kernel.SetEffectivePriority(t, now);
            return true;
        }

        /// <summary>
        /// The chain walk (docs/spec/rtmutex.md §10), starting at <paramref name="task"/>, whose priority may
        /// have changed. Returns Deadlock only when <paramref name="detect"/> is set. Each step, numbered as in
        /// the code (and as §10's rules 1-9):
        /// <code>
        ///   [1] task not blocked on an rt-mutex: stop (Ok).
        ///   [2] count the step (depth + 1).
        ///   [3] with detection, more steps than tasks: the chain runs into a cycle that does not pass
        ///       through the requester: Deadlock now.
        ///   [4] deeper than MaxDepth: cut (counted); Ok without detection, Deadlock with it.
        ///   [5] "changed" = the waiter's priority is not its task's; unchanged and no detection: stop.
        ///   [6] cycle (the original lock again, or an owner that is the initiating task): with
        ///       detection, Deadlock; without, count it once and walk on round the cycle.
        ///   [7] changed: the waiter takes its task's priority and is re-queued (tail of its group);
        ///       an unchanged waiter keeps its FIFO place.
        ///   [8] at the owner, if the waiter was or is the top waiter: swap the pi nodes in the owner's
        ///       piWaiters and recompute its priority; otherwise, without detection, stop.
        ///   [9] no owner: stop; else go on with the owner as the task.
        /// </code>
        /// </summary>
        internal KernelStatus WalkChain(TaskControlBlock task, bool detect, PiLock origLock, TaskControlBlock topTask)
        {
            Kernel.AssertMasked();
            int depth = 0;
            bool cycleSeen = false;
            while (true)
            {
                // [1]
                Waiter waiter = task.blockedOn;
                if (waiter == null) return KernelStatus.Ok;
                // [2]
                depth++;
                Counters.chainWalkSteps++;
                if (depth > Counters.maxChainDepth) Counters.maxChainDepth = depth;
                // [3] A wait onto an existing deadlock: report it now, not after MaxDepth masked steps.
                if (detect && depth > Kernel.TaskCount)
                {
                    Counters.deadlocks++;
                    Kernel.Emit(TraceKind.Deadlock, topTask, waiter.mutex.Id, 0);
                    return KernelStatus.Deadlock;
                }
                // [4]
                if (depth > MaxDepth)
                {
                    Counters.depthLimitHits++;
                    if (!detect) return KernelStatus.Ok;
                    Counters.deadlocks++;      // a reported -EDEADLK, like a cycle
                    return KernelStatus.Deadlock;
                }
                // [5]
                bool changed = waiter.prio != task.EffectivePriority;
                if (!changed && !detect) return KernelStatus.Ok;

                // [6]
                PiLock lockm = waiter.mutex;
                TaskControlBlock owner = lockm.OwnerTask;
                if (!cycleSeen && (lockm == origLock || owner == topTask))
                {
                    if (detect) { Counters.deadlocks++; Kernel.Emit(TraceKind.Deadlock, topTask, lockm.Id, 0); return KernelStatus.Deadlock; }
                    // Allowed to form: keep walking so every waiter on the cycle carries its task's
                    // priority (§13). Priorities only move one way in a walk, so a step that changes
                    // nothing ends it; the depth limit bounds it anyway.
                    Counters.deadlocksAllowed++;
                    cycleSeen = true;
                }

                // [7]
                PlistNode oldTop = lockm.waiters.First;
                if (changed)
                {
                    waiter.prio = task.EffectivePriority;
                    lockm.waiters.Requeue(waiter.ListNode, waiter.prio);
                }
                PlistNode newTop = lockm.waiters.First;
                bool wasTop = oldTop == waiter.ListNode, isTop = newTop == waiter.ListNode;

                // [8]
                if (owner != null && (wasTop || isTop))
                {
                    Waiter oldTopWaiter = oldTop.Waiter, newTopWaiter = newTop.Waiter;
                    owner.PiWaiters.Remove(oldTopWaiter.PiNode);
                    owner.PiWaiters.Add(newTopWaiter.PiNode, newTopWaiter.prio);
                    AdjustPrio(owner);
                }
                else if (!detect) return KernelStatus.Ok;
                // [9]
                if (owner == null) return KernelStatus.Ok;
                task = owner;
            }
        }

        /// <summary>
        /// docs/spec/rtmutex.md §9: takes <paramref name="task"/>'s waiter off its mutex (interrupt, timeout,
        /// deadlock error). If it was the top waiter, the pi node moves to the new top, the owner
        /// is deboosted to the next waiter, and a blocked owner propagates the deboost.
        /// </summary>
        internal void RemoveWaiter(TaskControlBlock task)
        {
            Kernel.AssertMasked();
            Waiter w = task.blockedOn;
            if (w == null) return;
            PiLock m = w.mutex;
            bool wasTop = m.waiters.First == w.ListNode;
            m.waiters.Remove(w.ListNode);
            task.blockedOn = null;
            w.mutex = null;
            TaskControlBlock owner = m.OwnerTask;
            if (wasTop && owner != null)
            {
                owner.PiWaiters.Remove(w.PiNode);
                PlistNode next = m.waiters.First;
                if (next != null)
                {
                    Waiter nw = next.Waiter;
                    owner.PiWaiters.Add(nw.PiNode, nw.prio);
                }
                if (AdjustPrio(owner) && owner.blockedOn != null) WalkChain(owner, false, m, task);
            }
            m.OnWaitersChanged();
        }
    }
}
