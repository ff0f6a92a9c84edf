namespace NfRt.Kernel
{
    /// <summary>
    /// Kernel configuration. Fixed at kernel creation; every table is sized from it so no
    /// steady-state path allocates. <see cref="Validate"/> names the first bad field.
    /// </summary>
    public sealed class KernelConfig
    {
        /// <summary>Priority levels N (1 .. 1024); priorities run 0 (most urgent) .. N-1.</summary>
        public int PriorityLevels = 140;

        /// <summary>Most tasks the kernel can hold (the idle task not counted).</summary>
        public int MaxTasks = 128;

        /// <summary>Default round-robin time slice in ticks for new tasks; 0 = no slicing.</summary>
        public int DefaultTimeSlice = 0;

        /// <summary>Longest priority-inheritance chain walk before it stops (docs/spec/rtmutex.md §10, default 1024).</summary>
        public int MaxChainDepth = 1024;

        /// <summary>Trace events buffered between two flushes to the sink.</summary>
        public int TraceCapacity = 256;

        /// <summary>Run the invariant checker after every kernel operation (tests turn this on).</summary>
        public bool CheckInvariants = false;

        /// <summary>Returns null when the configuration is usable, else the name of the first bad field and why.</summary>
        public string Validate()
        {
            if (PriorityLevels < 1 || PriorityLevels > Priority.MaxLevels) return "PriorityLevels must be 1..1024";
            if (MaxTasks < 1 || MaxTasks > 65535) return "MaxTasks must be 1..65535";
            if (DefaultTimeSlice < 0) return "DefaultTimeSlice must be >= 0";
            if (MaxChainDepth < 1) return "MaxChainDepth must be >= 1";
            if (TraceCapacity < 1) return "TraceCapacity must be >= 1";
            return null;
        }
    }
}
