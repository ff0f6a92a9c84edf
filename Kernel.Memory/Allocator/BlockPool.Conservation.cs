namespace NfRt.Memory
{
    /// <summary>
    /// The pool's conservation law, checked: free + partition holdings + in flight + direct
    /// allocations = BlockCount, and every block's holder agrees with the list it is on.
    /// </summary>
    public sealed partial class BlockPool
    {
        // ------------------------------------------------------------------ conservation

        /// <summary>
        /// Proves the conservation law by counting: walks the free list, counts every holder word,
        /// checks each partition's own structure, and compares with the running counts:
        /// <c>free + Σ partition holdings + in flight + direct = BlockCount</c>. Null when it holds,
        /// else what broke. O(BlockCount); masked for its duration so the picture is consistent.
        /// A thread that does not own the kernel's CPU gets a message saying so (nothing is checked).
        /// </summary>
        /// <returns>Null when the law holds; otherwise what broke.</returns>
        public string CheckConservation()
        {
            if (!_irq.AdmitsCaller()) return "pool: conservation not checked: the calling thread does not own the kernel's CPU";
            int s = _irq.Mask();
            string e = CheckMasked();
            _irq.Restore(s);
            return e;
        }

        /// <summary>True when <see cref="CheckConservation"/> finds nothing wrong.</summary>
        public bool IsConserved { get { return CheckConservation() == null; } }

        internal string CheckMasked()
        {
            MemoryAssert.Masked(_irq);
            int walked = 0;
            for (int b = _freeHead; b != EndOfList; b = next[b])
            {
                if (b < 0 || b >= BlockCount) return "pool: free list leaves the pool";
                if (holder[b] != HolderFree) return "pool: block on the free list is not marked free";
                if (++walked > BlockCount) return "pool: free list cycle";
            }
            if (walked != FreeCount) return "pool: free list length differs from FreeCount";
            int free = 0, flight = 0, direct = 0, held = 0;
            for (int b = 0; b < BlockCount; b++)
            {
                int h = holder[b];
                if (h == HolderFree) free++;
                else if (h == HolderInFlight) flight++;
                else if (h == HolderDirect) direct++;
                else if (h >= 1 && h <= _partitionCount) held++;
                else return "pool: block with an unknown holder";
                if ((h < 1) != (slot[b] == -1)) return "pool: block " + b + (h < 1 ? " outside every partition has slot " : " held by a partition has no slot ") + slot[b];
            }
            if (free != FreeCount) return "pool: free blocks differ from FreeCount";
            if (flight != _inFlight) return "pool: in-flight blocks differ from InFlight";
            if (direct != DirectAllocated) return "pool: direct blocks differ from DirectAllocated";
            int sum = 0;
            for (int i = 0; i < _partitionCount; i++)
            {
                Partition p = _partitions[i];
                string pe = p.CheckMasked();
                if (pe != null) return pe;
                sum += p.currentBlocks;
            }
            if (sum != held) return "pool: partition holdings differ from the blocks marked held";
            if (FreeCount + sum + _inFlight + DirectAllocated != BlockCount) return "pool: blocks not conserved";
            return null;
        }
    }
}
