namespace NfRt.Kernel
{
    /// <summary>
    /// What a periodic task does with the releases that pass while one of its jobs overruns
    /// (docs/spec/scheduler.md §33). Chosen per task in <see cref="PeriodicOptions.Overrun"/>.
    /// </summary>
    public enum OverrunPolicy
    {
        /// <summary>
        /// The default. Releases earlier than the late job's completion are counted as skipped and never
        /// run; the next job is the first release at or after the completion.
        /// </summary>
        Skip = 0,

        /// <summary>
        /// Every release runs: the jobs of releases that passed start back to back, each as soon as the one
        /// before it completes, until the task is on time again.
        /// </summary>
        CatchUp = 1,
    }
}
