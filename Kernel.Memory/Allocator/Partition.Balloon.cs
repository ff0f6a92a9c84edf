namespace NfRt.Memory
{
    /// <summary>
    /// The partition's side of ballooning (masked, called by its service only): accepting granted
    /// blocks into empty slots (fast slots first) and taking free blocks above the reserve out, plus
    /// the structural self-check of the slot tables.
    /// </summary>
    public sealed partial class Partition
    {
        // ------------------------------------------------------------------ balloon API (masked)

        /// <summary>
        /// Refill: places <paramref name="count"/> in-flight blocks in empty slots, fast class first.
        /// Call masked. The caller never offers more blocks than empty slots (its credit is bounded
        /// by the maximum); if it did, that is a kernel fault.
        /// </summary>
        internal void AcceptMasked(int[] blocks, int count)
        {
            MemoryAssert.Masked(_irq);
            if (count > _emptyFastCount + _emptySlowCount) throw new NfRt.Kernel.KernelFaultException("partition " + Name + ": refill beyond its maximum");
            for (int i = 0; i < count; i++)
            {
                int sl = _emptyFastCount > 0 ? _emptyFast[--_emptyFastCount] : _emptySlow[--_emptySlowCount];
                int b = blocks[i];
                _slotBlock[sl] = b;
                _slotState[sl] = SlotFree;
                _free[_freeCount++] = sl;
                Pool.holder[b] = Id;
                Pool.slot[b] = sl;
            }
            Pool.PlacedFromFlight(count);
            currentBlocks += count;
        }

        /// <summary>
        /// Shrink: takes up to <paramref name="k"/> free blocks (never the reserve) into
        /// <paramref name="into"/>, marks them in flight, empties their slots. Never waits.
        /// Returns how many it took. Call masked.
        /// </summary>
        internal int TakeFreeMasked(int k, int[] into)
        {
            MemoryAssert.Masked(_irq);
            int n = Shrinkable;
            if (k < n) n = k;
            if (into.Length < n) n = into.Length;
            for (int i = 0; i < n; i++)
            {
                int sl = _free[--_freeCount];
                int b = _slotBlock[sl];
                _slotBlock[sl] = -1;
                _slotState[sl] = SlotEmpty;
                if (sl < FastSlots) _emptyFast[_emptyFastCount++] = sl;
                else _emptySlow[_emptySlowCount++] = sl;
                Pool.holder[b] = BlockPool.HolderInFlight;
                Pool.slot[b] = -1;
                into[i] = b;
            }
            Pool.TakenIntoFlight(n);
            currentBlocks -= n;
            return n;
        }

        /// <summary>Structural self-check (masked): slot states, stacks and counts agree. Null when sound.</summary>
        internal string CheckMasked()
        {
            MemoryAssert.Masked(_irq);
            int empty = 0, free = 0, allocated = 0, emptyFast = 0;
            for (int sl = 0; sl < Maximum; sl++)
            {
                int st = _slotState[sl];
                int b = _slotBlock[sl];
                if (st == SlotEmpty)
                {
                    if (b != -1) return "partition " + Name + ": empty slot holds a block";
                    empty++;
                    if (sl < FastSlots) emptyFast++;
                    continue;
                }
                if (b < 0 || b >= Pool.BlockCount) return "partition " + Name + ": slot holds no valid block";
                if (Pool.holder[b] != Id || Pool.slot[b] != sl) return "partition " + Name + ": block and slot disagree";
                if (st == SlotFree) free++; else allocated++;
            }
            if (free != _freeCount) return "partition " + Name + ": free slots differ from the free stack";
            if (emptyFast != _emptyFastCount || empty - emptyFast != _emptySlowCount) return "partition " + Name + ": empty slots differ from the empty stacks";
            if (free + allocated != currentBlocks) return "partition " + Name + ": holdings differ from Current";
            if (currentBlocks + _emptyFastCount + _emptySlowCount != Maximum) return "partition " + Name + ": Current + empty slots != Maximum";
            for (int i = 0; i < _freeCount; i++) if (_slotState[_free[i]] != SlotFree) return "partition " + Name + ": free stack holds a non-free slot";
            return null;
        }
    }
}
