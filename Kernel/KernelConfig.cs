namespace NfRt.Kernel
{
    /// <summary>
    /// Kernel configuration. Every table is sized from it so no steady-state path allocates.
    /// <see cref="Validate"/> names the first bad field. A kernel keeps a frozen copy
    /// (<see cref="FrozenCopy"/>): changing the object passed to it afterwards has no effect, and
    /// setting a property of the kernel's own copy (<c>Scheduler.Config</c>) throws
    /// <see cref="System.InvalidOperationException"/> naming the property — the tables were sized
    /// from the old value.
    /// </summary>
    public sealed class KernelConfig
    {
        /// <summary>Largest trace ring (events).</summary>
        public const int MaxTraceCapacity = 65536;

        /// <summary>A configuration with the defaults given on each property; not frozen.</summary>
        public KernelConfig() { }

        private int _priorityLevels = 140;
        private int _maxTasks = 128;
        private int _defaultTimeSlice;
        private int _maxChainDepth = 1024;
        private int _traceCapacity = 256;
        private bool _checkInvariants;
        private int _watchdogMs = 5000;
        private int _shutdownTimeoutMs = 2000;
        private bool _frozen;

        /// <summary>Priority levels N (1 .. 1024); priorities run 0 (most urgent) .. N-1. Default 140.</summary>
        public int PriorityLevels { get { return _priorityLevels; } set { Thaw("PriorityLevels"); _priorityLevels = value; } }

        /// <summary>Most tasks the kernel can hold (the idle task not counted). Default 128.</summary>
        public int MaxTasks { get { return _maxTasks; } set { Thaw("MaxTasks"); _maxTasks = value; } }

        /// <summary>Default round-robin time slice in ticks for new tasks; 0 = no slicing (the default).</summary>
        public int DefaultTimeSlice { get { return _defaultTimeSlice; } set { Thaw("DefaultTimeSlice"); _defaultTimeSlice = value; } }

        /// <summary>Longest priority-inheritance chain walk before it stops (docs/spec/rtmutex.md §10, default 1024).</summary>
        public int MaxChainDepth { get { return _maxChainDepth; } set { Thaw("MaxChainDepth"); _maxChainDepth = value; } }

        /// <summary>Trace events buffered between two flushes to the sink. Default 256.</summary>
        public int TraceCapacity { get { return _traceCapacity; } set { Thaw("TraceCapacity"); _traceCapacity = value; } }

        /// <summary>Run the invariant checkers after every kernel operation (tests turn this on). Default off.</summary>
        public bool CheckInvariants { get { return _checkInvariants; } set { Thaw("CheckInvariants"); _checkInvariants = value; } }

        /// <summary>
        /// Wall-clock milliseconds a driver call waits for the CPU, with no context switch anywhere, before it
        /// halts the running task
        /// (returning <see cref="KernelStatus.WatchdogExpired"/>); 0 = never. Default 5000.
        /// </summary>
        public int WatchdogMs { get { return _watchdogMs; } set { Thaw("WatchdogMs"); _watchdogMs = value; } }

        /// <summary>Wall-clock milliseconds Shutdown waits for each task thread to end before abandoning it. Default 2000.</summary>
        public int ShutdownTimeoutMs { get { return _shutdownTimeoutMs; } set { Thaw("ShutdownTimeoutMs"); _shutdownTimeoutMs = value; } }

        /// <summary>True for a kernel's own copy, which can no longer change.</summary>
        public bool IsFrozen { get { return _frozen; } }

        /// <summary>Returns null when the configuration is usable, else the name of the first bad field and why.</summary>
        /// <returns>Null when usable; otherwise a message naming the first bad field and its allowed range.</returns>
        public string Validate()
        {
            if (_priorityLevels < 1 || _priorityLevels > Priority.MaxLevels) return "PriorityLevels must be 1..1024";
            if (_maxTasks < 1 || _maxTasks > 65535) return "MaxTasks must be 1..65535";
            if (_defaultTimeSlice < 0) return "DefaultTimeSlice must be >= 0";
            if (_maxChainDepth < 1) return "MaxChainDepth must be >= 1";
            if (_traceCapacity < 1 || _traceCapacity > MaxTraceCapacity) return "TraceCapacity must be 1..65536";
            if (_watchdogMs < 0) return "WatchdogMs must be >= 0 (0 = off)";
            if (_shutdownTimeoutMs < 1) return "ShutdownTimeoutMs must be >= 1";
            return null;
        }

        /// <summary>A copy that can no longer change (what a kernel keeps).</summary>
        /// <returns>A new frozen configuration with this one's values (<see cref="IsFrozen"/> true).</returns>
        public KernelConfig FrozenCopy()
        {
            KernelConfig c = new KernelConfig();
            c._priorityLevels = _priorityLevels;
            c._maxTasks = _maxTasks;
            c._defaultTimeSlice = _defaultTimeSlice;
            c._maxChainDepth = _maxChainDepth;
            c._traceCapacity = _traceCapacity;
            c._checkInvariants = _checkInvariants;
            c._watchdogMs = _watchdogMs;
            c._shutdownTimeoutMs = _shutdownTimeoutMs;
            c._frozen = true;
            return c;
        }

        private void Thaw(string property)
        {
            if (_frozen) throw new System.InvalidOperationException(property + ": this configuration belongs to a running kernel and cannot change");
        }
    }
}
