namespace NfRt.Sync
{
    /// <summary>Plain int counters of the rt-mutexes of one kernel, read by tests and traces.</summary>
    public sealed class RtMutexCounters
    {
        /// <summary>Lock calls that took the slow path.</summary>
        public int SlowLocks;
        /// <summary>Times a task blocked on an rt-mutex.</summary>
        public int Blocks;
        /// <summary>Blocks of a more urgent task on a mutex held by a less urgent one (each is an inversion PI bounds).</summary>
        public int Inversions;
        /// <summary>Effective priority raised by inheritance.</summary>
        public int Boosts;
        /// <summary>Effective priority lowered as inheritance ended.</summary>
        public int Deboosts;
        /// <summary>Steps taken by chain walks (one per task visited).</summary>
        public int ChainWalkSteps;
        /// <summary>Deepest chain walk so far.</summary>
        public int MaxChainDepth;
        /// <summary>Hand-offs to a pending owner in unlock.</summary>
        public int Handoffs;
        /// <summary>Locks stolen from a pending owner.</summary>
        public int Steals;
        /// <summary>Deadlocks reported (-EDEADLK).</summary>
        public int Deadlocks;
        /// <summary>Cycles found by a walk without detection (the deadlock was allowed to form).</summary>
        public int DeadlocksAllowed;
        /// <summary>Walks cut by the depth limit.</summary>
        public int DepthLimitHits;
        /// <summary>Timed locks that expired.</summary>
        public int Timeouts;
        /// <summary>Interruptible locks that were interrupted.</summary>
        public int Interrupted;
        /// <summary>Mutexes released because their owner's task ended while holding them.</summary>
        public int ReleasedOnExit;
        /// <summary>Misuse rejected (unlock by a non-owner, of a free or destroyed mutex...).</summary>
        public int Misuse;
    }
}
