namespace NfRt.Kernel
{
    /// <summary>
    /// The timing of a periodic task (docs/spec/scheduler.md §33), read once by
    /// <c>Scheduler.CreatePeriodicTask</c>; changing the object afterwards changes no task. Job k
    /// (k = 0, 1, ...) is released at <c>creation tick + Offset + k·Period</c> — drift-free: a late job
    /// never moves a later release — and must complete by its release + <c>Deadline</c>.
    /// </summary>
    public sealed class PeriodicOptions
    {
        /// <summary>Options with the defaults given on each field (<see cref="Period"/> must still be set).</summary>
        public PeriodicOptions() { }

        /// <summary>Ticks between two releases (>= 1).</summary>
        public int Period;

        /// <summary>Relative deadline in ticks (>= 1; shorter or longer than the period), or 0 (default): the period.</summary>
        public int Deadline;

        /// <summary>Ticks from the task's creation to its first release (>= 0, default 0: released at creation).</summary>
        public int Offset;

        /// <summary>What happens to releases that pass while a job overruns (default <see cref="OverrunPolicy.Skip"/>).</summary>
        public OverrunPolicy Overrun;

        /// <summary>Null when the options are usable; otherwise the first bad field and why.</summary>
        /// <returns>Null, or "Field must be ..." naming the first bad field.</returns>
        public string Validate()
        {
            if (Period < 1) return "Period must be >= 1 tick";
            if (Deadline < 0) return "Deadline must be >= 1 tick, or 0 for the period";
            if (Offset < 0) return "Offset must be >= 0 ticks";
            if (Overrun != OverrunPolicy.Skip && Overrun != OverrunPolicy.CatchUp) return "Overrun must be Skip or CatchUp";
            return null;
        }

        /// <summary>The relative deadline in effect: <see cref="Deadline"/>, or <see cref="Period"/> when it is 0.</summary>
        public int EffectiveDeadline { get { return Deadline == 0 ? Period : Deadline; } }
    }
}
