namespace NfRt.Memory
{
    /// <summary>
    /// Typed results of the memory calls (block pool, partitions, balloon service). Zero is
    /// success. Every non-zero result means the call changed NOTHING: bad input is rejected
    /// before any state is touched. Conditions that are not the caller's mistake but a broken
    /// kernel (a pool that refuses returned blocks) are a <see cref="NfRt.Kernel.KernelFaultException"/>
    /// instead, never one of these values.
    /// </summary>
    public enum MemoryStatus
    {
        /// <summary>Success.</summary>
        Ok = 0,
        /// <summary>No free block was left (pool or partition exhausted).</summary>
        Exhausted = -1,
        /// <summary>The block index is outside the pool (0 .. BlockCount-1).</summary>
        OutOfRange = -2,
        /// <summary>The block is already free: a double free.</summary>
        DoubleFree = -3,
        /// <summary>The block exists but belongs to someone else (another partition, the balloon in flight, or the pool's direct users).</summary>
        ForeignBlock = -4,
        /// <summary>A negative block, byte or KiB count was given where a count is expected.</summary>
        NegativeCount = -5,
        /// <summary>The value does not fit the unit it is converted to (e.g. more blocks than a 32-bit count holds).</summary>
        Unrepresentable = -6,
        /// <summary>An argument was null or otherwise unusable (wrong array, wrong length).</summary>
        InvalidArgument = -7,
        /// <summary>The balloon service's worker task died (its fault was reported as TaskFaulted); the service does nothing more.</summary>
        WorkerDied = -8,
        /// <summary>The call came from a thread that may not make kernel calls now (see Scheduler.CheckCaller), or after shutdown; nothing changed.</summary>
        WrongContext = -9,
    }
}
