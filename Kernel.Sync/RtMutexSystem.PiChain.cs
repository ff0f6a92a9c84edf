using NfRt.Kernel;

namespace NfRt.Sync
{
    /// <summary>
    /// Priority inheritance (docs/spec/rtmutex.md §7, §9, §10): recomputing a task's effective priority from
    /// its piWaiters, walking the chain task → waiter → mutex → owner → ..., and removing a
    /// waiter. Everything here runs with interrupts masked (the wait lock of a uniprocessor):
    /// the walk is atomic, so unlike Linux it never has to revalidate a chain after dropping
    /// locks; the price is that a walk's length (bounded by MaxDepth) is interrupt latency.
    /// </summary>
    public sealed partial class RtMutexSystem
    {
        /// <summary>Sets <paramref name="t"/>'s effective priority to min(normal, top pi waiter). Returns true on change.</summary>
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
        /// The chain walk (docs/spec/rtmutex.md §10), starting at <paramref name="task"/>, whose priority may have
        /// changed. Per step: stop if the task is not blocked; stop (without detection) if its
        /// waiter already carries its priority; detect a cycle (the original mutex again, or an
        /// owner equal to <paramref name="topTask"/>); re-queue the waiter with the task's priority
        /// (only if it changed: an unchanged waiter keeps its FIFO place); at the owner, if the
        /// top waiter changed, swap the pi nodes and recompute the owner's priority; continue with
        /// the owner while the waiter is or was the top waiter (always, with detection).
        /// Returns Deadlock only when <paramref name="detect"/> is set.
        /// </summary>
        internal KernelStatus WalkChain(TaskControlBlock task, bool detect, PiLock origLock, TaskControlBlock topTask)
        {
            Kernel.AssertMasked();
            int depth = 0;
            bool cycleSeen = false;
            while (true)
            {
                Waiter waiter = task.blockedOn;
                if (waiter == null) return KernelStatus.Ok;
                depth++;
                Counters.chainWalkSteps++;
                if (depth > Counters.maxChainDepth) Counters.maxChainDepth = depth;
                if (detect && depth > Kernel.TaskCount)
                {
                    // More steps than tasks: the chain runs into a cycle that does not pass through the
                    // requester (a wait onto an existing deadlock). Report it now, not after MaxDepth masked steps.
                    Counters.deadlocks++;
                    Kernel.Emit(TraceKind.Deadlock, topTask, waiter.mutex.Id, 0);
                    return KernelStatus.Deadlock;
                }
                if (depth > MaxDepth)
                {
                    Counters.depthLimitHits++;
                    if (!detect) return KernelStatus.Ok;
                    Counters.deadlocks++;      // a reported -EDEADLK, like a cycle
                    return KernelStatus.Deadlock;
                }
                bool changed = waiter.prio != task.EffectivePriority;
                if (!changed && !detect) return KernelStatus.Ok;

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

                PlistNode oldTop = lockm.waiters.First;
                if (changed)
                {
                    waiter.prio = task.EffectivePriority;
                    lockm.waiters.Requeue(waiter.ListNode, waiter.prio);
                }
                PlistNode newTop = lockm.waiters.First;
                bool wasTop = oldTop == waiter.ListNode, isTop = newTop == waiter.ListNode;

                if (owner != null && (wasTop || isTop))
                {
                    Waiter oldTopWaiter = oldTop.Waiter, newTopWaiter = newTop.Waiter;
                    owner.PiWaiters.Remove(oldTopWaiter.PiNode);
                    owner.PiWaiters.Add(newTopWaiter.PiNode, newTopWaiter.prio);
                    AdjustPrio(owner);
                }
                else if (!detect) return KernelStatus.Ok;
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
