using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>Priority changes: the normal priority (setscheduler) and the effective priority (PI).</summary>
    public sealed partial class Scheduler
    {
        /// <summary>
        /// Sets the normal priority of <paramref name="t"/> (docs/spec/rtmutex.md §11): effective becomes
        /// the most urgent of normal, top pi waiter and held ceilings (<see cref="TaskControlBlock.ComputedPriority"/>),
        /// so an existing boost is kept; a ready task is re-queued at the tail of its new level, a task
        /// in a wait queue at the tail of its new group; a task blocked on an rt-mutex propagates the
        /// change through the chain (via the <see cref="SyncLayer"/>). Applies at once, even while blocked.
        /// InvalidArgument (nothing changes) for a priority outside 0 .. levels-1, the idle task, or a task of
        /// another kernel.
        /// </summary>
        /// <param name="t">The task.</param>
        /// <param name="priority">New normal priority, 0 .. PriorityLevels-1 (lower = more urgent).</param>
        /// <returns>Ok, InvalidArgument, WrongState (a dead task), or a caller refusal of <see cref="CheckCaller"/>.</returns>
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
            if (t.blockedOn != null && SyncLayer != null) SyncLayer.OnBlockedTaskPriorityChanged(t);
            Leave(s);
            return KernelStatus.Ok;
        }

        /// <summary>
        /// Changes the effective priority (PI boost/deboost, a ceiling, or a priority change). Call masked.
        /// The one re-queue rule: whatever a task is queued in by priority moves it to the tail of its
        /// new group — a ready task in the ready queue and a waiter in its wait queue here; an rt-mutex
        /// waiter in the chain walk, which must move PI along with it (docs/spec/rtmutex.md §10).
        /// Returns true when it changed.
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
