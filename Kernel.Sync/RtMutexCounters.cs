namespace NfRt.Sync
{
    /// <summary>
    /// Plain int counters of the rt-mutexes of one kernel, read by tests and traces. The kernel
    /// increments the internal fields (masked, or by the one running task); users read them.
    /// </summary>
    public sealed class RtMutexCounters
    {
        /// <summary>Creates counters that are all 0 (each kernel's <see cref="RtMutexSystem"/> owns one).</summary>
        public RtMutexCounters() { }

        internal int slowLocks;
        internal int blocks;
        internal int inversions;
        internal int boosts;
        internal int deboosts;
        internal int chainWalkSteps;
        internal int maxChainDepth;
        internal int handoffs;
        internal int steals;
        internal int deadlocks;
        internal int deadlocksAllowed;
        internal int depthLimitHits;
        internal int timeouts;
        internal int interrupted;
        internal int releasedOnExit;
        internal int misuse;
        internal int ceilingViolations;
        internal int nestedLocks;
        internal int ownerDied;

        /// <summary>Lock calls that took the slow path.</summary>
        public int SlowLocks { get { return slowLocks; } }

        /// <summary>Times a task blocked on an rt-mutex.</summary>
        public int Blocks { get { return blocks; } }

        /// <summary>Blocks of a more urgent task on a mutex held by a less urgent one (each is an inversion PI bounds).</summary>
        public int Inversions { get { return inversions; } }

        /// <summary>Effective priority raised by inheritance.</summary>
        public int Boosts { get { return boosts; } }

        /// <summary>Effective priority lowered as inheritance ended.</summary>
        public int Deboosts { get { return deboosts; } }

        /// <summary>Steps taken by chain walks (one per task visited).</summary>
        public int ChainWalkSteps { get { return chainWalkSteps; } }

        /// <summary>Deepest chain walk so far.</summary>
        public int MaxChainDepth { get { return maxChainDepth; } }

        /// <summary>Hand-offs to a pending owner in unlock.</summary>
        public int Handoffs { get { return handoffs; } }

        /// <summary>Locks stolen from a pending owner.</summary>
        public int Steals { get { return steals; } }

        /// <summary>Deadlocks reported (-EDEADLK).</summary>
        public int Deadlocks { get { return deadlocks; } }

        /// <summary>Cycles found by a walk without detection (the deadlock was allowed to form).</summary>
        public int DeadlocksAllowed { get { return deadlocksAllowed; } }

        /// <summary>Walks cut by the depth limit.</summary>
        public int DepthLimitHits { get { return depthLimitHits; } }

        /// <summary>Timed locks that expired.</summary>
        public int Timeouts { get { return timeouts; } }

        /// <summary>Interruptible locks that were interrupted.</summary>
        public int Interrupted { get { return interrupted; } }

        /// <summary>Mutexes released because their owner's task ended while holding them.</summary>
        public int ReleasedOnExit { get { return releasedOnExit; } }

        /// <summary>Misuse rejected (unlock by a non-owner, of a free or destroyed mutex...).</summary>
        public int Misuse { get { return misuse; } }

        /// <summary>Locks of a ceiling mutex refused with CeilingViolated (TryLock included).</summary>
        public int CeilingViolations { get { return ceilingViolations; } }

        /// <summary>Nested locks of a recursive mutex by its owner.</summary>
        public int NestedLocks { get { return nestedLocks; } }

        /// <summary>Acquisitions of a robust mutex after its owner died (each returned OwnerDied, or a TryLock true).</summary>
        public int OwnerDied { get { return ownerDied; } }
    }
}
