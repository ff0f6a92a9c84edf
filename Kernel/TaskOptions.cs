namespace NfRt.Kernel
{
    /// <summary>Creation options of a task (bit flags).</summary>
    public enum TaskOptions
    {
        /// <summary>A preemptible task: any more urgent ready task preempts it at the next preemption point.</summary>
        None = 0,
        /// <summary>
        /// A cooperative task (Zephyr style): it is never preempted by another task, only by interrupts;
        /// it keeps the CPU until it blocks, sleeps, yields or exits.
        /// </summary>
        Cooperative = 1,
    }
}
