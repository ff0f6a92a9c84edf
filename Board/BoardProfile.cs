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

        /// <summary>Largest tick rate a profile may ask for (1 MHz).</summary>
        public const int MaxTickRateHz = 1000000;

        /// <summary>Creates a profile.</summary>
        /// <exception cref="System.ArgumentException">An argument is out of range; the message names it.</exception>
        /// <param name="name">Board name (not null).</param>
        /// <param name="coreClockHz">Core clock in Hz (>= 1).</param>
        /// <param name="tickRateHz">Kernel tick rate in Hz (1 .. <see cref="MaxTickRateHz"/>).</param>
        /// <param name="priorityLevels">Kernel priority levels used on this board (1 .. 1024).</param>
        /// <param name="ramBytes">RAM in bytes (>= 1).</param>
        /// <param name="poolBytes">Bytes of RAM given to the board pool (0 .. <paramref name="ramBytes"/>).</param>
        /// <param name="blockSize">Block size of the board pool in bytes (>= 1).</param>
        /// <param name="hardwareCas">True when the CPU has a compare-and-swap instruction.</param>
        public BoardProfile(string name, int coreClockHz, int tickRateHz, int priorityLevels, int ramBytes,
            int poolBytes, int blockSize, bool hardwareCas)
        {
            if (name == null) throw new System.ArgumentNullException("name");
            if (coreClockHz < 1) throw new System.ArgumentOutOfRangeException("coreClockHz", "coreClockHz must be >= 1");
            if (tickRateHz < 1 || tickRateHz > MaxTickRateHz) throw new System.ArgumentOutOfRangeException("tickRateHz", "tickRateHz must be 1..1000000");
            if (priorityLevels < 1 || priorityLevels > 1024) throw new System.ArgumentOutOfRangeException("priorityLevels", "priorityLevels must be 1..1024");
            if (ramBytes < 1) throw new System.ArgumentOutOfRangeException("ramBytes", "ramBytes must be >= 1");
            if (blockSize < 1) throw new System.ArgumentOutOfRangeException("blockSize", "blockSize must be >= 1");
            if (poolBytes < 0 || poolBytes > ramBytes) throw new System.ArgumentOutOfRangeException("poolBytes", "poolBytes must be 0..ramBytes");
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
