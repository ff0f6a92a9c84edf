namespace NfRt.Kernel
{
    /// <summary>One typed trace record; a value type, copied into a preallocated ring.</summary>
    public struct TraceEvent
    {
        /// <summary>Kernel tick at which it happened.</summary>
        public long Tick;
        /// <summary>What happened.</summary>
        public TraceKind Kind;
        /// <summary>Task id concerned (0 = idle / none).</summary>
        public int Task;
        /// <summary>First argument; meaning per <see cref="TraceKind"/>.</summary>
        public int A;
        /// <summary>Second argument; meaning per <see cref="TraceKind"/>.</summary>
        public int B;
        /// <summary>Global sequence number (0, 1, 2, ... per kernel).</summary>
        public int Sequence;
    }
}
