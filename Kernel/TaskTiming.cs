namespace NfRt.Kernel
{
    /// <summary>
    /// The kernel's live timing record of one task (docs/spec/scheduler.md §33-§34), embedded in its task
    /// control block when the block is made: the periodic parameters and release state, and the run-time
    /// statistics. Only the kernel writes it, masked, at O(1) per tick, switch, wake and job end;
    /// <c>Scheduler.ReadStatistics</c> copies it into a caller's <see cref="TaskStatistics"/>. Never allocated
    /// per call. Times are kernel ticks; tick n is the interval [n-1, n).
    /// </summary>
    internal sealed class TaskTiming
    {
        // ---- periodic task (period == 0: the task is not periodic) ----
        internal int period, deadline;      // deadline: the relative deadline in effect (never 0 once periodic)
        internal OverrunPolicy overrun;
        internal long firstRelease;         // creation tick + offset: release k is firstRelease + k·period
        internal long nextRelease;          // the release the task waits for (valid while !inJob)
        internal long jobRelease;           // release of the job in progress (valid while inJob)
        internal long jobStart;             // tick at which the job in progress was handed to the task
        internal bool inJob;                // from the WaitForNextPeriod that started a job to the one that ends it
        internal int lastSkips;             // releases skipped when the last job ended (the next Release event's B)
        internal int released, completed, missed, skipped;
        internal long lastResponse = -1, worstResponse = -1;

        // ---- CPU time ----
        internal long lastTickEnd;          // end of the last tick counted to the task (simulated completion time)
        internal long resumedAt;            // tick at which the task last came back from a wait (BlockCurrent)
        internal long cpuFine;              // 100 ns units of CPU, on a board with a finer clock than the tick
        internal long fineSince;            // that clock when the task was last switched in

        // ---- blocking: priority inversion (waiting for an rt-mutex held by a less urgent task) ----
        internal long inversionSince = -1;  // start of the inversion interval running now, or -1
        internal long jobBlocking;          // inversion time of the job in progress (periodic tasks)
        internal long worstBlocking, totalBlocking;
        internal int inversions;            // inversion intervals ended
    }
}
