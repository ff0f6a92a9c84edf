using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Blocking and waking: the two primitives every wait in the kernel is built from
    /// (<see cref="BlockCurrent"/> and <see cref="Wake"/>), and the ready transition. Kernel
    /// plumbing: internal to the kernel assemblies, called masked.
    /// </summary>
    public sealed partial class Scheduler
    {
        /// <summary>Puts a task in the ready queue (tail) and records it. Masked.</summary>
        internal void MakeReady(TaskControlBlock t)
        {
            AssertMasked();
            t.state = TaskState.Ready;
            _ready.EnqueueTail(t);
            Emit(TraceKind.Ready, t, t.effectivePriority, 0);
        }

        /// <summary>
        /// Wakes a blocked or sleeping task with <paramref name="result"/>, disarming its timeout.
        /// ISR-safe; masked. Returns false (nothing changes) if the task was not waiting.
        /// The waker removes the task from the object's wait list; a task woken by a timeout or
        /// an interrupt request removes itself when it runs.
        /// </summary>
        internal bool Wake(TaskControlBlock t, KernelStatus result)
        {
            AssertMasked();
            if (t.state != TaskState.Blocked && t.state != TaskState.Delayed) return false;
            _timeouts.Remove(t.Timeout);
            t.waitResult = result;
            Emit(TraceKind.Wake, t, (int)result, 0);
            if (t.timing.inversionSince >= 0) CloseInversion(t);   // statistics: blocking (Scheduler.Statistics.cs)
            MakeReady(t);
            return true;
        }

        /// <summary>The timeout of a sleeping or blocked task expired (tick, masked).</summary>
        internal void TimeOut(TaskControlBlock t)
        {
            if (t.state == TaskState.Blocked) Emit(TraceKind.Timeout, t, 0, 0);
            Wake(t, KernelStatus.TimedOut);
        }

        /// <summary>
        /// Blocks the current task on <paramref name="waitingOn"/> and switches away. Masked at the
        /// outermost level (<paramref name="s"/> from <see cref="Enter"/> must be 0). Returns, with
        /// IRQs ENABLED, when woken: Ok, TimedOut (after <paramref name="timeoutTicks"/> when >= 0),
        /// Interrupted (when the caller made the wait interruptible) or whatever the waker passed.
        /// WrongContext (nothing changes) if called by idle or inside a nested critical section.
        /// </summary>
        internal KernelStatus BlockCurrent(int s, TaskState state, KernelObject waitingOn, long timeoutTicks)
        {
            AssertMasked();
            TaskControlBlock t = current;
            if (t == Idle || s != 0) { _irq.RestoreQuiet(s); return KernelStatus.WrongContext; }
            t.state = state;
            t.waitingOn = waitingOn;
            t.waitResult = KernelStatus.Ok;
            if (timeoutTicks >= 0) _timeouts.Insert(t.Timeout, DeadlineAfter(timeoutTicks));
            Emit(TraceKind.Block, t, (int)state, 0);
            if (t.blockedOn != null && t.blockedOn.mutex == waitingOn) OpenInversion(t);   // statistics: blocking (Scheduler.Statistics.cs)
            FaultIfBroken("invariant (on block): ");
            SwitchTo(PickNext(), s);
            t.timing.resumedAt = _ticks;   // statistics: back from a wait (Scheduler.Periodic.cs)
            t.waitingOn = null;
            return t.waitResult;
        }
    }
}
