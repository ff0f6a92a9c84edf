namespace NfRt.Memory
{
    /// <summary>
    /// Configuration of one <see cref="BalloonService"/>, read once when the service is created.
    /// <see cref="Validate"/> names the first bad field. There is deliberately no hard limit and no
    /// retry cap: a partition that cannot reach its target keeps retrying every period until the
    /// pool has room or the target changes.
    /// </summary>
    public sealed class BalloonConfig
    {
        /// <summary>A configuration with the defaults given on each field.</summary>
        public BalloonConfig() { }

        /// <summary>Most blocks moved per step of the worker loop (default 32).</summary>
        public int MaxBatch = 32;

        /// <summary>Ticks between retries while the reservation differs from its target; 0 (default) = one second (the board's TickRateHz).</summary>
        public int RetryPeriod = 0;

        /// <summary>
        /// Optional floor: a target below it is raised to min(MinReservation, EffectiveTarget), so the
        /// floor can keep a reservation from shrinking but never forces it to grow. 0 = no floor.
        /// </summary>
        public int MinReservation = 0;

        /// <summary>Priority of the worker task; -1 (default) = the least urgent level (PriorityLevels - 1).</summary>
        public int WorkerPriority = -1;

        /// <summary>Optional, off by default: double the retry period after each retry without progress; progress resets it.</summary>
        public bool RetryBackoff = false;

        /// <summary>Longest retry period the backoff reaches, in ticks; 0 (default) = 64 x RetryPeriod.</summary>
        public int MaxRetryPeriod = 0;

        /// <summary>Consecutive retries without progress after which ONE stall event is reported (default 10). Routine retries are never reported.</summary>
        public int StallReportRetries = 10;

        /// <summary>Returns null when usable with a kernel of <paramref name="priorityLevels"/> levels, else the first bad field and why.</summary>
        /// <param name="priorityLevels">Priority levels of the kernel the service will run on (bounds <see cref="WorkerPriority"/>).</param>
        /// <returns>Null when usable; otherwise a message naming the first bad field and why.</returns>
        public string Validate(int priorityLevels)
        {
            if (MaxBatch < 1) return "MaxBatch must be >= 1";
            if (RetryPeriod < 0) return "RetryPeriod must be >= 0 (0 = one second)";
            if (MinReservation < 0) return "MinReservation must be >= 0";
            if (WorkerPriority < -1 || WorkerPriority >= priorityLevels) return "WorkerPriority must be -1 or 0..PriorityLevels-1";
            if (MaxRetryPeriod < 0) return "MaxRetryPeriod must be >= 0 (0 = 64 x RetryPeriod)";
            if (StallReportRetries < 1) return "StallReportRetries must be >= 1";
            return null;
        }
    }
}
