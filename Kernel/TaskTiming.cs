namespace NfRt.Kernel
{
    /// <summary>
    /// The kernel's periodic record of one periodic task (docs/spec/scheduler.md §33-§34): its parameters,
    /// release state, job figures and the per-job blocking and completion-time inputs. Made once by
    /// <c>CreatePeriodicTask</c> and hung on the task control block (<see cref="TaskControlBlock"/>.timing);
    /// a task that is not periodic has none (null), so it pays no heap for it. The statistics every task
    /// keeps (CPU time, blocking) live in the task control block itself. Only the kernel writes it, masked,
    /// at O(1) per tick, wake and job end; <c>Scheduler.ReadStatistics</c> copies it into a caller's
    /// <see cref="TaskStatistics"/>. Never allocated per call. Times are kernel ticks; tick n is the interval [n-1, n).
    /// </summary>
    internal sealed class TaskTiming
    {
        // ---- periodic parameters and release state (period is never 0) ----
        internal int period, deadline;      // deadline: the relative deadline in effect (never 0)
        internal OverrunPolicy overrun;
        internal long firstRelease;         // creation tick + offset: release k is firstRelease + k·period
        internal long nextRelease;          // the release the task waits for (valid while !inJob)
        internal long jobRelease;           // release of the job in progress (valid while inJob)
        internal long jobStart;             // tick at which the job in progress was handed to the task
        internal bool inJob;                // from the WaitForNextPeriod that started a job to the one that ends it
        internal int lastSkips;             // releases skipped when the last job ended (the next Release event's B)
        internal int released, completed, missed, skipped;
        internal long lastResponse = -1, worstResponse = -1;

        // ---- completion time of a job on the simulated board (Scheduler.CompletionTick) ----
        internal long lastTickEnd;          // end of the last tick counted to the task (simulated completion time)
        internal long resumedAt;            // tick at which the task last came back from a wait (BlockCurrent)

        // ---- blocking of the job in progress (its worst over jobs: TaskControlBlock.worstBlocking) ----
        internal long jobBlocking;          // inversion time of the job in progress
    }
}
