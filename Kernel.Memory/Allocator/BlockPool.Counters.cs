namespace NfRt.Memory
{
    /// <summary>The pool's counters: plain ints the pool changes masked and users read.</summary>
    public sealed partial class BlockPool
    {
        internal int allocations;
        internal int frees;
        internal int failures;
        internal int doubleFrees;
        internal int foreignFrees;
        internal int outOfRangeFrees;
        internal int grantCalls;
        internal int grantRequested;
        internal int granted;
        internal int grantShortfalls;
        internal int returned;


        /// <summary>Successful direct allocations.</summary>
        public int Allocations { get { return allocations; } }

        /// <summary>Successful direct frees.</summary>
        public int Frees { get { return frees; } }

        /// <summary>Direct allocations refused because the pool was empty.</summary>
        public int Failures { get { return failures; } }

        /// <summary>Frees of a block that was already free (refused).</summary>
        public int DoubleFrees { get { return doubleFrees; } }

        /// <summary>Frees of a block held by someone else (refused).</summary>
        public int ForeignFrees { get { return foreignFrees; } }

        /// <summary>Frees of an index outside the pool (refused).</summary>
        public int OutOfRangeFrees { get { return outOfRangeFrees; } }

        /// <summary>Calls to <see cref="Grant"/>.</summary>
        public int GrantCalls { get { return grantCalls; } }

        /// <summary>Blocks asked for through <see cref="Grant"/>.</summary>
        public int GrantRequested { get { return grantRequested; } }

        /// <summary>Blocks handed out by <see cref="Grant"/>.</summary>
        public int Granted { get { return granted; } }

        /// <summary>Grant calls that handed out fewer blocks than asked.</summary>
        public int GrantShortfalls { get { return grantShortfalls; } }

        /// <summary>Blocks taken back through <see cref="ReturnBlocks"/>.</summary>
        public int Returned { get { return returned; } }
    }
}
