using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>Priority changes: the normal priority (setscheduler) and the effective priority (PI).</summary>
    public sealed partial class Scheduler
    {
        /// <summary>
        /// Sets the normal priority of <paramref name="t"/> (docs/spec/rtmutex.md §11): effective becomes
        /// min(normal, top pi waiter) so an existing boost is kept; a ready task is re-queued at the
        /// tail of its new level; a task blocked on an rt-mutex propagates the change through the
        /// chain (via <see cref="PriorityHook"/>). Applies at once, even while blocked.
        /// InvalidArgument (nothing changes) for a priority outside 0 .. levels-1, the idle task, or a task of
        /// another kernel.
        /// </summary>
        public KernelStatus SetPriority(TaskControlBlock t, int priority)
        {
            KernelStatus st = CheckCaller();
            if (st != KernelStatus.Ok) return st;
            if (!Owns(t) || t == Idle || priority < 0 || priority >= Config.PriorityLevels) return KernelStatus.InvalidArgument;
            int s = EnterChecked();
            if (t.state == TaskState.Dead) { Leave(s); return KernelStatus.WrongState; }
            Emit(TraceKind.NormalPriority, t, t.normalPriority, priority);
            t.normalPriority = priority;
            SetEffectivePriority(t, t.ComputedPriority());
            if (t.blockedOn != null && PriorityHook != null) PriorityHook.OnBlockedTaskPriorityChanged(t);
            Leave(s);
            return KernelStatus.Ok;
        }

        /// <summary>
        /// Changes the effective priority (PI boost/deboost or a priority change). Call masked.
        /// Re-queues a ready task at the tail of its new level and an event/join waiter in its wait
        /// list; the rt-mutex re-queues its own waiter. Returns true when it changed.
        /// </summary>
        internal bool SetEffectivePriority(TaskControlBlock t, int priority)
        {
            AssertMasked();
            int old = t.effectivePriority;
            if (old == priority) return false;
            bool queued = t.inReadyQueue;
            if (queued) _ready.Remove(t);
            t.effectivePriority = priority;
            if (queued) _ready.EnqueueTail(t);
            if (t.WaitNode.IsQueued) t.WaitNode.List.Requeue(t.WaitNode, priority);
            Emit(TraceKind.PriorityChange, t, old, priority);
            return true;
        }
    }
}
