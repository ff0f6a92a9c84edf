namespace NfRt.Boards
{
    /// <summary>
    /// A board described as data: what the kernel and the memory pool need to know about it.
    /// </summary>
    public sealed class BoardProfile
    {
        /// <summary>Board name.</summary>
        public readonly string Name;
        /// <summary>Core clock in Hz.</summary>
        public readonly int CoreClockHz;
        /// <summary>Kernel tick rate in Hz.</summary>
        public readonly int TickRateHz;
        /// <summary>Kernel priority levels used on this board.</summary>
        public readonly int PriorityLevels;
        /// <summary>RAM in bytes.</summary>
        public readonly int RamBytes;
        /// <summary>Bytes of RAM given to the board's block pool.</summary>
        public readonly int PoolBytes;
        /// <summary>Block size of the board pool in bytes.</summary>
        public readonly int BlockSize;
        /// <summary>True when the CPU has a compare-and-swap instruction (else CAS is done with interrupts masked).</summary>
        public readonly bool HardwareCas;

        /// <summary>Creates a profile.</summary>
        public BoardProfile(string name, int coreClockHz, int tickRateHz, int priorityLevels, int ramBytes,
            int poolBytes, int blockSize, bool hardwareCas)
        {
            Name = name;
            CoreClockHz = coreClockHz;
            TickRateHz = tickRateHz;
            PriorityLevels = priorityLevels;
            RamBytes = ramBytes;
            PoolBytes = poolBytes;
            BlockSize = blockSize;
            HardwareCas = hardwareCas;
        }

        /// <summary>Blocks in the board pool.</summary>
        public int PoolBlocks { get { return PoolBytes / BlockSize; } }

        /// <summary>Milliseconds per tick (at least 1).</summary>
        public int TickMs { get { int ms = 1000 / TickRateHz; return ms < 1 ? 1 : ms; } }
    }
}
