namespace NfRt.Kernel
{
    /// <summary>
    /// An entry of the scheduler's ordered timeout queue, embedded in the object that times
    /// out (a task's timed wait or sleep, a kernel timer). Never allocated per call.
    /// </summary>
    public sealed class TimeoutNode
    {
        internal TimeoutNode next, prev;
        internal bool queued;
        internal long deadline;
        internal ITimeoutTarget target;

        internal TimeoutNode(ITimeoutTarget target) { this.target = target; }

        /// <summary>True while armed in a timeout queue.</summary>
        public bool IsQueued { get { return queued; } }

        /// <summary>The tick at which it expires (valid while queued).</summary>
        public long Deadline { get { return deadline; } }

        /// <summary>The following entry in deadline order, or null.</summary>
        public TimeoutNode Next { get { return next; } }

        /// <summary>The preceding entry in deadline order, or null.</summary>
        public TimeoutNode Prev { get { return prev; } }
    }
}
