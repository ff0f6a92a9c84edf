using NfRt.Kernel;

namespace NfRt.Memory
{
    /// <summary>
    /// The balloon's traffic with the pool: batched grants to a partition (refill) and returns from
    /// it (shrink), each batch in one critical section, plus the short log of recent grants.
    /// </summary>
    public sealed partial class BlockPool
    {
        // ------------------------------------------------------------------ balloon traffic

        /// <summary>
        /// Grants up to <paramref name="k"/> blocks: moves min(k, free, into.Length) blocks off the
        /// free list into <paramref name="into"/>[0 ..] and marks them in flight. Returns how many
        /// it granted, 0 .. k; fewer than asked is a shortfall, not an error. O(granted).
        /// A null array or k &lt;= 0 grants nothing and changes nothing. The balloon service's call
        /// (internal: its caller already passed the kernel's caller check).
        /// </summary>
        internal int Grant(int k, int[] into)
        {
            if (into == null || k <= 0) return 0;
            int s = _irq.Mask();
            int n = GrantMasked(k, into);
            _irq.Restore(s);
            return n;
        }

        internal int GrantMasked(int k, int[] into)
        {
            MemoryAssert.Masked(_irq);
            int want = k < into.Length ? k : into.Length;
            int n = 0;
            while (n < want)
            {
                int b = PopFree();
                if (b < 0) break;
                holder[b] = HolderInFlight;
                into[n++] = b;
            }
            _inFlight += n;
            int at = GrantCalls % GrantLogLength;
            _grantLogAsked[at] = k;
            _grantLogGot[at] = n;
            grantCalls++;
            grantRequested += k;
            granted += n;
            if (n < k) grantShortfalls++;
            return n;
        }

        /// <summary>
        /// Takes back <paramref name="count"/> in-flight blocks listed in <paramref name="blocks"/>
        /// (a shrinking partition hands them over, already zero-filled). The whole batch is
        /// validated first; if any block is out of range, not in flight, or listed twice, nothing
        /// changes and the call throws: the pool refusing returned memory is a kernel fault, never a
        /// silent loss. O(count).
        /// The balloon service's call (internal: its caller already passed the kernel's caller check).
        /// </summary>
        /// <exception cref="KernelFaultException">The pool refused a block; the message names it.</exception>
        internal void ReturnBlocks(int[] blocks, int count)
        {
            if (count == 0) return;
            if (blocks == null || count < 0 || count > blocks.Length) throw new KernelFaultException("pool: bad return batch");
            int s = _irq.Mask();
            int bad = 0;
            int i = 0;
            for (; i < count; i++)
            {
                int b = blocks[i];
                if (b < 0 || b >= BlockCount || holder[b] != HolderInFlight) { bad = b; break; }
                holder[b] = HolderReturning;      // catches a block listed twice
            }
            if (i < count)
            {
                for (int j = 0; j < i; j++) holder[blocks[j]] = HolderInFlight;   // undo: nothing changes
                _irq.Restore(s);
                throw new KernelFaultException("pool refused returned block " + bad.ToString() + ": not in flight");
            }
            for (i = 0; i < count; i++) PushFree(blocks[i]);
            _inFlight -= count;
            returned += count;
            _irq.Restore(s);
        }

        /// <summary>
        /// The grant call <paramref name="back"/> calls ago (0 = the latest): returns how many blocks
        /// it granted and sets <paramref name="asked"/> to how many it was asked for; -1 (asked = -1)
        /// when that call is not remembered (only the last <see cref="GrantLogLength"/> are), or the
        /// calling thread does not own the kernel's CPU.
        /// </summary>
        /// <param name="back">How many grant calls ago: 0 = the latest.</param>
        /// <param name="asked">Blocks that call asked for, or -1.</param>
        /// <returns>Blocks that call granted, or -1.</returns>
        public int RecentGrant(int back, out int asked)
        {
            if (!_irq.AdmitsCaller()) { asked = -1; return -1; }
            int s = _irq.Mask();
            int got = -1;
            asked = -1;
            if (back >= 0 && back < GrantLogLength && back < GrantCalls)
            {
                int at = (GrantCalls - 1 - back) % GrantLogLength;
                asked = _grantLogAsked[at];
                got = _grantLogGot[at];
            }
            _irq.Restore(s);
            return got;
        }
    }
}
