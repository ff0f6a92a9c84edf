namespace NfRt.Kernel
{
    /// <summary>
    /// A snapshot of one task's run-time statistics (docs/spec/scheduler.md §34), filled by
    /// <c>Scheduler.ReadStatistics(task, into)</c> into an object the caller made once: reading allocates
    /// nothing, so a task may read its own or another task's figures every period. All times are kernel
    /// ticks unless the name says otherwise; -1 means "none yet" (no job completed, no finer clock).
    /// <para>The figures are consistent with each other (copied with interrupts masked) and describe the
    /// task at tick <see cref="ReadAt"/>. The kernel keeps them from the task's creation on; nothing resets them.</para>
    /// </summary>
    public sealed class TaskStatistics
    {
        /// <summary>An empty snapshot, to be filled by <c>Scheduler.ReadStatistics</c>.</summary>
        public TaskStatistics() { }

        internal TaskControlBlock task;
        internal long readAt;
        internal bool periodic;
        internal int period, deadline;
        internal OverrunPolicy overrun;
        internal int released, completed, missed, skipped;
        internal long lastResponse = -1, worstResponse = -1;
        internal bool inJob, overdue;
        internal long jobRelease = -1, nextRelease = -1;
        internal long cpuTicks, cpuMicros = -1;
        internal int switchesIn, preemptions, boosts;
        internal long worstBlocking, totalBlocking;
        internal int inversions;

        /// <summary>The task these figures belong to (null before the first read).</summary>
        public TaskControlBlock Task { get { return task; } }

        /// <summary>Kernel tick of the read.</summary>
        public long ReadAt { get { return readAt; } }

        /// <summary>True for a periodic task (created with <c>CreatePeriodicTask</c>); the job figures stay 0 / -1 otherwise.</summary>
        public bool IsPeriodic { get { return periodic; } }

        /// <summary>Period in ticks (0: not periodic).</summary>
        public int Period { get { return period; } }

        /// <summary>Relative deadline in effect, in ticks (0: not periodic).</summary>
        public int Deadline { get { return deadline; } }

        /// <summary>The overrun policy of a periodic task.</summary>
        public OverrunPolicy Overrun { get { return overrun; } }

        /// <summary>Jobs released to the task: every job it has started (the one in progress included).</summary>
        public int JobsReleased { get { return released; } }

        /// <summary>Jobs completed (ended by the task's next <c>WaitForNextPeriod</c>).</summary>
        public int JobsCompleted { get { return completed; } }

        /// <summary>Completed jobs that missed their absolute deadline.</summary>
        public int DeadlinesMissed { get { return missed; } }

        /// <summary>Releases skipped under <see cref="OverrunPolicy.Skip"/> (they passed while a job overran).</summary>
        public int ReleasesSkipped { get { return skipped; } }

        /// <summary>Response time (release to completion) of the last completed job; -1 before the first.</summary>
        public long LastResponse { get { return lastResponse; } }

        /// <summary>Worst response time of a completed job; -1 before the first.</summary>
        public long WorstResponse { get { return worstResponse; } }

        /// <summary>True while a job is in progress (between the call that started it and the one that ends it).</summary>
        public bool JobInProgress { get { return inJob; } }

        /// <summary>Release tick of the job in progress (-1 when none).</summary>
        public long JobRelease { get { return jobRelease; } }

        /// <summary>True when the job in progress is already past its absolute deadline at <see cref="ReadAt"/> (it will count as a miss).</summary>
        public bool Overdue { get { return overdue; } }

        /// <summary>The release the task waits for when no job is in progress (-1 otherwise, and for a task that is not periodic).</summary>
        public long NextRelease { get { return nextRelease; } }

        /// <summary>CPU time in ticks: ticks that arrived while the task was running (tick-sampled on a real-time board).</summary>
        public long CpuTicks { get { return cpuTicks; } }

        /// <summary>CPU time in microseconds measured at every context switch with the board's finer clock; -1 on a board without one (the simulated board).</summary>
        public long CpuMicros { get { return cpuMicros; } }

        /// <summary>Times the task was switched in.</summary>
        public int SwitchesIn { get { return switchesIn; } }

        /// <summary>Times the task was preempted while runnable.</summary>
        public int Preemptions { get { return preemptions; } }

        /// <summary>Times its effective priority rose by priority inheritance or a priority ceiling.</summary>
        public int Boosts { get { return boosts; } }

        /// <summary>
        /// Worst blocking: the most priority-inversion time (waiting for an rt-mutex held by a task of less
        /// urgent normal priority) of one job; for a task that is not periodic, of one wait.
        /// </summary>
        public long WorstBlocking { get { return worstBlocking; } }

        /// <summary>All priority-inversion time of the task.</summary>
        public long TotalBlocking { get { return totalBlocking; } }

        /// <summary>Inversion intervals ended (waits that found, or came to find, a less urgent holder).</summary>
        public int Inversions { get { return inversions; } }
    }
}
