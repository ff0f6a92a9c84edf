using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Periodic tasks and deadline monitoring (docs/spec/scheduler.md §33): <c>CreatePeriodicTask</c>
    /// and <see cref="WaitForNextPeriod"/>, the drift-free "delay until" that also reports whether the job
    /// that just ended met its deadline.
    /// <code>
    /// A periodic task's body:            while (true) { KernelStatus st = k.WaitForNextPeriod(); ...one job...; }
    /// Releases (first = creation + Offset):  first, first + T, first + 2T, ...     (never shifted by a late job)
    /// One call, at tick now, from a task whose job released at r is in progress:
    ///   1. the job completes at c (simulated board: the end of its last tick of CPU, or its last return
    ///      from a wait, or its start, whichever is latest — a task preempted right at the end of its work
    ///      completed before it was preempted; real-time board: now); response c - r; a miss when c > r + D (counted, JobEnd and DeadlineMiss
    ///      events, result DeadlineMissed);
    ///   2. next release: r + T; under Skip, releases before c are skipped (counted) and the next job is the
    ///      first release >= c; under CatchUp, every release runs, back to back while late;
    ///   3. the task sleeps until that release (at once when it already passed), then the new job starts
    ///      (Release event, A = its release tick). The first call of a task only does step 3 for release 0.
    /// </code>
    /// Per period: one timeout armed (the sleep), O(1) arithmetic, no allocation.
    /// </summary>
    public sealed partial class Scheduler
    {
        /// <summary>
        /// Creates a periodic task: a task like <see cref="CreateTask(string, int, TaskBody, TaskOptions, int, out KernelStatus)"/>
        /// (ready at once, it may run its set-up code before its first <see cref="WaitForNextPeriod"/>), whose
        /// job k is released at <c>Now + Offset + k·Period</c>. InvalidArgument (nothing created) when
        /// <paramref name="periodic"/> is null or its <see cref="PeriodicOptions.Validate"/> names a bad field,
        /// or for any argument <c>CreateTask</c> refuses.
        /// </summary>
        /// <param name="name">Task name.</param>
        /// <param name="priority">Normal priority, 0 .. PriorityLevels-1 (lower = more urgent).</param>
        /// <param name="body">The task body: a loop around <see cref="WaitForNextPeriod"/>.</param>
        /// <param name="periodic">Period, deadline, offset and overrun policy; read once.</param>
        /// <param name="options">Preemptible or cooperative.</param>
        /// <param name="timeSlice">Round-robin slice in ticks (0 = none).</param>
        /// <param name="error">Ok, or why nothing was created.</param>
        /// <returns>The task, or null.</returns>
        public TaskControlBlock CreatePeriodicTask(string name, int priority, TaskBody body, PeriodicOptions periodic,
                                                   TaskOptions options, int timeSlice, out KernelStatus error)
        {
            error = CheckCaller();
            if (error != KernelStatus.Ok) return null;
            if (periodic == null || periodic.Validate() != null) { error = KernelStatus.InvalidArgument; return null; }
            // The periodic record is made before the task, outside the section (a set-up call may allocate;
            // only a periodic task has one). CreateTask runs nested inside this section: its Leave cannot
            // switch, so the new task cannot reach WaitForNextPeriod before its timing is set.
            TaskTiming tm;
            try { tm = new TaskTiming(); }
            catch (System.OutOfMemoryException) { error = KernelStatus.OutOfMemory; return null; }
            int s = EnterChecked();
            TaskControlBlock t = CreateTask(name, priority, body, options, timeSlice, out error);
            if (t != null)
            {
                t.timing = tm;
                tm.period = periodic.Period;
                tm.deadline = periodic.EffectiveDeadline;
                tm.overrun = periodic.Overrun;
                tm.firstRelease = _ticks + periodic.Offset;
                tm.nextRelease = tm.firstRelease;
            }
            Leave(s);
            return t;
        }

        /// <summary>A preemptible periodic task with the configured default time slice; null on bad arguments.</summary>
        /// <param name="name">Task name.</param>
        /// <param name="priority">Normal priority, 0 .. PriorityLevels-1 (lower = more urgent).</param>
        /// <param name="body">The task body: a loop around <see cref="WaitForNextPeriod"/>.</param>
        /// <param name="periodic">Period, deadline, offset and overrun policy; read once.</param>
        /// <returns>The task, or null.</returns>
        public TaskControlBlock CreatePeriodicTask(string name, int priority, TaskBody body, PeriodicOptions periodic)
        {
            KernelStatus e;
            return CreatePeriodicTask(name, priority, body, periodic, TaskOptions.None, Config.DefaultTimeSlice, out e);
        }

        /// <summary>
        /// Ends the calling periodic task's job in progress, waits for its next release, and starts the job of
        /// that release (see the class remarks). Returns Ok when the job that ended met its absolute deadline
        /// (and on the first call, which ends no job), DeadlineMissed when it completed late. WrongState for a
        /// task that is not periodic; WrongContext from the idle task or inside a critical section (nothing
        /// changes). A wait ended early by the kernel for another reason returns that reason; the job it ended
        /// stays counted and the next call waits for the same release.
        /// </summary>
        /// <returns>Ok, DeadlineMissed, or why nothing happened.</returns>
        public KernelStatus WaitForNextPeriod()
        {
            KernelStatus st = CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = EnterChecked();
            TaskControlBlock me = current;
            if (me == Idle || s != 0) { Leave(s); return KernelStatus.WrongContext; }
            TaskTiming tm = me.timing;
            if (tm == null) { Leave(s); return KernelStatus.WrongState; }   // not periodic
            KernelStatus result = tm.inJob ? EndJob(me, tm) : KernelStatus.Ok;
            while (_ticks < tm.nextRelease)
            {
                // Every kernel wait is interruptible (§19); BlockCurrent returns masked, with s unchanged.
                KernelStatus woke = BlockCurrent(s, TaskState.Delayed, null, null, tm.nextRelease - _ticks, true);
                if (woke != KernelStatus.Ok && woke != KernelStatus.TimedOut) { Leave(s); return woke; }
            }
            if (tm.jobBlocking > me.worstBlocking) me.worstBlocking = tm.jobBlocking;   // blocking in set-up code, before the first job
            tm.jobBlocking = 0;
            tm.jobRelease = tm.nextRelease;
            tm.jobStart = _ticks;
            tm.inJob = true;
            tm.released++;
            Emit(TraceKind.Release, me, (int)tm.jobRelease, tm.lastSkips);
            Leave(s);
            return result;
        }

        /// <summary>Step 1 and 2 of the class remarks: accounts the job in progress and picks the next release. Masked.</summary>
        private KernelStatus EndJob(TaskControlBlock me, TaskTiming tm)
        {
            long c = CompletionTick(tm);
            long response = c - tm.jobRelease;
            tm.completed++;
            tm.lastResponse = response;
            if (response > tm.worstResponse) tm.worstResponse = response;
            if (tm.jobBlocking > me.worstBlocking) me.worstBlocking = tm.jobBlocking;
            tm.jobBlocking = 0;
            tm.inJob = false;
            Emit(TraceKind.JobEnd, me, (int)response, (int)c);
            KernelStatus result = KernelStatus.Ok;
            if (c > tm.jobRelease + tm.deadline)
            {
                tm.missed++;
                Emit(TraceKind.DeadlineMiss, me, (int)response, tm.deadline);
                result = KernelStatus.DeadlineMissed;
            }
            long next = tm.jobRelease + tm.period;
            tm.lastSkips = 0;
            if (tm.overrun == OverrunPolicy.Skip && next < c)
            {
                long n = (c - next + tm.period - 1) / tm.period;   // releases in [next, c)
                next += n * tm.period;
                tm.skipped += (int)n;
                tm.lastSkips = (int)n;
            }
            tm.nextRelease = next;
            return result;
        }

        /// <summary>
        /// When the job in progress completed (docs/spec/scheduler.md §33). On the simulated board work exists
        /// only as ticks of CPU, so a job completes at the end of its last tick — even if a task released at that
        /// very tick preempted it before it reached this call — or when it last came back from a wait, or when
        /// it started, whichever is latest. On a real-time board: now, counting ticks raised but not yet
        /// delivered to the kernel.
        /// </summary>
        private long CompletionTick(TaskTiming tm)
        {
            if (Board.IsSimulated)
            {
                long c = tm.lastTickEnd > tm.jobStart ? tm.lastTickEnd : tm.jobStart;
                return tm.resumedAt > c ? tm.resumedAt : c;
            }
            int pending = (int)Board.Now - (int)_ticks;   // wrap-safe, as the tick ISR counts
            return pending > 0 ? _ticks + pending : _ticks;
        }
    }
}
