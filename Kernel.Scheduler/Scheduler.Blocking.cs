using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Blocking and waking (docs/spec/scheduler.md §17): the two primitives every wait in the kernel
    /// is built from — <see cref="BlockCurrent"/>, the one blocking step (the one blocking prologue: no
    /// wait repeats its context check), and <see cref="Wake"/>, which ends a wait it names and takes the task out of
    /// its wait queue at once — plus the ready transition. Wait queues (<see cref="WaitQueue"/>) and the
    /// rt-mutex are built on them. Kernel plumbing: internal to the kernel assemblies, called masked.
    /// <code>
    /// One wait, from start to end (all of it masked but the time blocked):
    ///   block   BlockCurrent: the task's WaitNode into the object's wait queue (at its effective
    ///           priority), state Blocked (Delayed for a sleep), waitingOn = the object, interruptible
    ///           = the wait's own property, timeout armed; switch away.
    ///   end     Wake(task, object, result), by exactly one of: the object (Ok, or Destroyed), the tick
    ///           (TimedOut), Scheduler.Interrupt (Interrupted). It names the wait it ends: a task that
    ///           waits on something else is left alone. It takes the WaitNode out of its queue, disarms
    ///           the timeout, clears the wait and makes the task ready, all at once: no wait queue ever
    ///           holds a task that does not wait there.
    ///   resume  BlockCurrent returns the result, masked, in the woken task.
    /// The rt-mutex queues its own Waiter instead of the WaitNode (its removal walks the PI chain):
    /// a wake by a timeout or an interrupt leaves that waiter queued until the task retries
    /// (docs/spec/rtmutex.md §5), as in Linux.
    /// </code>
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
        /// Ends the wait of <paramref name="t"/> on <paramref name="from"/> (null: a sleep) with
        /// <paramref name="result"/>: takes its wait node out of its wait queue, disarms its timeout,
        /// clears the wait and makes it ready. ISR-safe; masked. Returns false, and changes nothing,
        /// unless the task is blocked (or asleep) on exactly <paramref name="from"/>: a wake-up can
        /// only end the wait it was meant for.
        /// </summary>
        internal bool Wake(TaskControlBlock t, KernelObject from, KernelStatus result)
        {
            AssertMasked();
            if ((t.state != TaskState.Blocked && t.state != TaskState.Delayed) || t.waitingOn != from) return false;
            PlistNode n = t.WaitNode;
            if (n.list != null) n.list.Remove(n);
            _timeouts.Remove(t.Timeout);
            t.waitingOn = null;
            t.interruptible = false;
            t.waitBuffer = null;
            t.waitResult = result;
            Emit(TraceKind.Wake, t, (int)result, 0);
            if (t.inversionSince >= 0) CloseInversion(t);   // statistics: blocking (Scheduler.Statistics.cs)
            MakeReady(t);
            return true;
        }

        /// <summary>The timeout of a sleeping or blocked task expired (tick, masked): its wait ends with TimedOut.</summary>
        internal void TimeOut(TaskControlBlock t)
        {
            if (t.state == TaskState.Blocked) Emit(TraceKind.Timeout, t, 0, 0);
            Wake(t, t.waitingOn, KernelStatus.TimedOut);
        }

        /// <summary>
        /// The one blocking step: the current task waits on <paramref name="waitingOn"/> (null for a
        /// sleep) in <paramref name="queue"/> (its WaitNode goes in at its effective priority; null when
        /// the caller queued its own node: the rt-mutex's waiter), as <paramref name="state"/> (Blocked,
        /// or Delayed for a sleep), for at most <paramref name="timeoutTicks"/> ticks (negative: no
        /// limit), ended by <see cref="Interrupt"/> when <paramref name="interruptible"/>. Called masked
        /// with <paramref name="s"/> from <see cref="Enter"/>; returns MASKED (the caller leaves with
        /// <paramref name="s"/>) with the wait's result: what the waker passed (Ok, Destroyed), TimedOut
        /// or Interrupted. Refusals change nothing: TimedOut at once for 0 ticks (a 0-tick wait never
        /// blocks, so it is allowed anywhere), WrongContext from the idle task, an IRQ handler or a nested
        /// critical section (<paramref name="s"/> != 0).
        /// </summary>
        internal KernelStatus BlockCurrent(int s, TaskState state, KernelObject waitingOn, PriorityList queue, long timeoutTicks, bool interruptible)
        {
            AssertMasked();
            TaskControlBlock t = current;
            KernelStatus refused = timeoutTicks == 0 ? KernelStatus.TimedOut : t == Idle || s != 0 ? KernelStatus.WrongContext : KernelStatus.Ok;
            if (refused != KernelStatus.Ok)
            {
                t.waitBuffer = null;          // per-wait data the caller may have set for a wait that never started
                return refused;
            }
            if (queue != null) queue.Add(t.WaitNode, t.effectivePriority);
            t.state = state;
            t.waitingOn = waitingOn;
            t.interruptible = interruptible;
            t.waitResult = KernelStatus.Ok;
            if (timeoutTicks > 0) _timeouts.Insert(t.Timeout, DeadlineAfter(timeoutTicks));
            Emit(TraceKind.Block, t, (int)state, 0);
            if (t.blockedOn != null && t.blockedOn.mutex == waitingOn) OpenInversion(t);   // statistics: blocking (Scheduler.Statistics.cs)
            FaultIfBroken("invariant (on block): ");
            SwitchTo(PickNext(), s);
            _irq.Mask();                      // woken: we own the CPU again (SwitchTo left IRQs enabled)
            TaskTiming tm = t.timing;
            if (tm != null) tm.resumedAt = _ticks;   // a periodic task: back from a wait (Scheduler.Periodic.cs)
            return t.waitResult;
        }
    }
}
