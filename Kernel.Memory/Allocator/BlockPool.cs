using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Memory
{
    /// <summary>
    /// Fixed-size block allocator over one RAM region: a byte[] of PoolBytes cut into
    /// BlockCount blocks of BlockSize bytes. The board's pool (see <see cref="BoardPool.For"/>) is
    /// the "host" of the balloon: partitions grow by being granted blocks and shrink by handing
    /// them back.
    /// <para><b>Contract.</b></para>
    /// <list type="bullet">
    /// <item>Allocate, free, grant one block and return one block are O(1): the free blocks form an
    /// intrusive singly linked list of block indices kept in an int[] (no node objects). Grant and
    /// return of k blocks are O(k). Nothing allocates after construction.</item>
    /// <item>Every block is in exactly one place, recorded in its holder word (table below). The
    /// conservation law <c>free + Σ partition holdings + in flight + direct = BlockCount</c> holds
    /// after every call; <see cref="CheckConservation"/> proves it by counting.</item>
    /// <item>Bad input (out-of-range index, double free, a block someone else holds) returns a
    /// <see cref="MemoryStatus"/> and changes nothing but a failure counter.</item>
    /// <item>A block handed back through <see cref="ReturnBlocks"/> that the pool cannot take back
    /// is a <see cref="KernelFaultException"/>: memory is never lost silently.</item>
    /// <item>Every call masks the board's interrupts for its duration (it is the kernel's critical
    /// section), except a successful <see cref="Allocate"/> or <see cref="Free"/> by the running task with
    /// interrupts enabled and no line pending: that fast path needs no mask (docs/spec/primitives.md §17);
    /// calls nest inside a scheduler Enter/Leave. Once a kernel runs on the board, every
    /// public call first passes the kernel's caller check: a thread that does not own the CPU gets
    /// <see cref="MemoryStatus.WrongContext"/> (or the documented refusal value of a read), nothing
    /// changes, and the kernel counts it in <c>ForeignCalls</c>. Before a kernel exists the pool is a
    /// set-up allocator any thread may use.</item>
    /// </list>
    /// <para><b>Holder word</b> of block b (<c>holder[b]</c>):</para>
    /// <code>
    ///   value   where the block is                           moved by
    ///    0      on the pool's free list                       Free, ReturnBlocks
    ///   -1      in flight: granted, not yet placed; or taken  Grant, Partition (shrink)
    ///           from a partition, not yet returned
    ///   -2      allocated directly (drivers, the host)        Allocate
    ///   p >= 1  held by partition number p                    Partition (refill)
    /// </code>
    /// </summary>
    public sealed partial class BlockPool
    {
        /// <summary>Holder word of a block on the free list.</summary>
        public const int HolderFree = 0;
        /// <summary>Holder word of a block in flight between the pool and a partition.</summary>
        public const int HolderInFlight = -1;
        /// <summary>Holder word of a block allocated directly from the pool.</summary>
        public const int HolderDirect = -2;
        /// <summary>Transient holder word while <see cref="ReturnBlocks"/> validates its input (never seen outside it).</summary>
        private const int HolderReturning = -3;
        /// <summary>End of the free list.</summary>
        private const int EndOfList = -1;
        /// <summary>Most partitions one pool can serve.</summary>
        public const int MaxPartitions = 32;

        /// <summary>The board that owns this pool.</summary>
        public readonly Board Board;

        /// <summary>The region the blocks are cut from; block b is bytes [b*BlockSize, (b+1)*BlockSize).</summary>
        public readonly byte[] Memory;

        /// <summary>Bytes per block.</summary>
        public readonly int BlockSize;

        /// <summary>Blocks in the pool (constant).</summary>
        public readonly int BlockCount;

        internal readonly int[] next;
        internal readonly int[] holder;
        internal readonly int[] slot;
        private readonly IrqController _irq;
        private readonly Partition[] _partitions = new Partition[MaxPartitions];
        private int _partitionCount;
        private int _freeHead;
        // Blocks on the free list plus blocks allocated directly: only the balloon's paths (PopFree, PushFree) move it,
        // so the direct Allocate/Free update no count of their own; FreeCount is this less DirectAllocated.
        private int _freeOrDirect;
        private int _inFlight;
        internal Scheduler checkedBy;
        private readonly int[] _grantLogAsked = new int[GrantLogLength];
        private readonly int[] _grantLogGot = new int[GrantLogLength];

        /// <summary>Grant calls remembered by <see cref="RecentGrant"/>.</summary>
        public const int GrantLogLength = 16;

        /// <summary>
        /// Creates a pool of <paramref name="poolBytes"/> / <paramref name="blockSize"/> blocks on
        /// <paramref name="board"/> (a set-up call: it allocates the region and the tables).
        /// </summary>
        /// <param name="board">The board whose interrupts guard the pool.</param>
        /// <param name="poolBytes">Bytes of the region, at least one block.</param>
        /// <param name="blockSize">Bytes per block, at least 1.</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="board"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">The block size is below 1, or the region holds no block or is larger than the board's RAM.</exception>
        public BlockPool(Board board, int poolBytes, int blockSize)
        {
            if (board == null) throw new System.ArgumentNullException("board");
            if (blockSize < 1) throw new System.ArgumentOutOfRangeException("blockSize", "blockSize must be >= 1");
            if (poolBytes < blockSize || poolBytes > board.Profile.RamBytes) throw new System.ArgumentOutOfRangeException("poolBytes", "poolBytes must hold at least one block and fit in the board's RAM");
            Board = board;
            _irq = board.Irq;
            BlockSize = blockSize;
            BlockCount = poolBytes / blockSize;
            Memory = new byte[BlockCount * blockSize];
            next = new int[BlockCount];
            holder = new int[BlockCount];
            slot = new int[BlockCount];
            for (int b = 0; b < BlockCount; b++)
            {
                next[b] = b + 1 < BlockCount ? b + 1 : EndOfList;
                holder[b] = HolderFree;
                slot[b] = -1;
            }
            _freeHead = 0;
            _freeOrDirect = BlockCount;
        }

        /// <summary>Blocks on the free list.</summary>
        public int FreeCount { get { return _freeOrDirect - (allocations - frees); } }

        /// <summary>Blocks in flight between the pool and a partition.</summary>
        public int InFlight { get { return _inFlight; } }

        /// <summary>Blocks allocated directly (<see cref="Allocate"/>) and not freed.</summary>
        public int DirectAllocated { get { return allocations - frees; } }   // only Allocate and Free move a block to or from "direct"

        /// <summary>Partitions registered on this pool.</summary>
        public int PartitionCount { get { return _partitionCount; } }

        /// <summary>Partition number <paramref name="index"/> in creation order (0-based), or null.</summary>
        /// <param name="index">0-based index in creation order.</param>
        /// <returns>The partition, or null when <paramref name="index"/> is out of range.</returns>
        public Partition PartitionAt(int index)
        {
            return index >= 0 && index < _partitionCount ? _partitions[index] : null;
        }

        /// <summary>Σ Current over every partition of this pool; -1 for a thread that does not own the kernel's CPU.</summary>
        public int PartitionHoldings
        {
            get
            {
                if (!_irq.AdmitsCaller()) return -1;
                int s = _irq.Mask();
                int sum = 0;
                for (int i = 0; i < _partitionCount; i++) sum += _partitions[i].currentBlocks;
                _irq.Restore(s);
                return sum;
            }
        }

        /// <summary>Byte offset of <paramref name="block"/> in <see cref="Memory"/>, or -1 if it is out of range.</summary>
        /// <param name="block">Block number (0 .. BlockCount-1).</param>
        /// <returns>block x BlockSize, or -1 when <paramref name="block"/> is out of range.</returns>
        public int OffsetOf(int block)
        {
            return block >= 0 && block < BlockCount ? block * BlockSize : -1;
        }

        /// <summary>The holder word of <paramref name="block"/> (see the table in the class summary); int.MinValue if out of range.</summary>
        /// <param name="block">Block number (0 .. BlockCount-1).</param>
        /// <returns>The holder word, or int.MinValue when <paramref name="block"/> is out of range.</returns>
        public int HolderOf(int block)
        {
            return block >= 0 && block < BlockCount ? holder[block] : int.MinValue;
        }

        // ------------------------------------------------------------------ direct allocation

        /// <summary>
        /// Takes one block off the free list for a direct user (a driver, the host). O(1).
        /// Exhausted (and <paramref name="block"/> = -1) when the pool is empty.
        /// </summary>
        /// <param name="block">The block taken, or -1 when the call failed.</param>
        /// <returns>Ok, Exhausted, or WrongContext (a thread that does not own the CPU; nothing changed).</returns>
        public MemoryStatus Allocate(out int block)
        {
            // The fast path (docs/spec/primitives.md §17), flat on purpose: a free block, taken by the thread that
            // owns the CPU with interrupts enabled (the IRQ controller's fast word: a task, not an IRQ handler, not
            // inside a critical section) and no line pending (the slow path's unmask would deliver it). Nothing else
            // runs kernel or pool code until this task makes a kernel call or unmasks, so no mask is needed.
            // The full path is a call of its own: nanoCLR sets up every local of a frame on each call, so its
            // locals would cost the fast path too (Benchmarks.Nano/PoolCosts.cs).
            // The runner thread is the IRQ controller's, null while no kernel is attached: then no thread passes, and
            // the full path decides (a set-up allocator before a kernel exists, the kernel's caller check after).
            int b0 = _freeHead;
            if (b0 != EndOfList && _irq.fastWord != 0 && _irq.pendingLines == 0 && Thread.CurrentThread == _irq.runnerThread)
            {
                _freeHead = next[b0];   // next[] of a block off the free list is never read: left as it is
                holder[b0] = HolderDirect;
                allocations++;          // FreeCount and DirectAllocated both follow from allocations - frees
                block = b0;
                return MemoryStatus.Ok;
            }
            return AllocateFull(out block);
        }

        private MemoryStatus AllocateFull(out int block)
        {
            if (!_irq.AdmitsCaller()) { block = -1; return MemoryStatus.WrongContext; }
            // PopFree written out: on the interpreter a call costs more than these lines.
            int s = _irq.Mask();
            int b = _freeHead;
            MemoryStatus r = MemoryStatus.Ok;
            if (b == EndOfList) { failures++; r = MemoryStatus.Exhausted; b = -1; }
            else
            {
                _freeHead = next[b];
                holder[b] = HolderDirect;
                allocations++;
            }
            block = b;
            _irq.Restore(s);
            return r;
        }

        /// <summary>
        /// Puts a directly allocated block back on the free list. O(1). OutOfRange, DoubleFree or
        /// ForeignBlock (held by a partition or in flight) change nothing but their counter.
        /// </summary>
        /// <param name="block">A block taken with <see cref="Allocate"/>.</param>
        /// <returns>Ok, OutOfRange, DoubleFree, ForeignBlock, or WrongContext (a thread that does not own the CPU; nothing changed).</returns>
        public MemoryStatus Free(int block)
        {
            // The fast path (see Allocate): a block in range that is allocated directly.
            if (block >= 0 && block < BlockCount && holder[block] == HolderDirect && _irq.fastWord != 0 && _irq.pendingLines == 0
                && Thread.CurrentThread == _irq.runnerThread)
            {
                holder[block] = HolderFree;   // a direct block's slot is already -1 (outside every partition)
                next[block] = _freeHead;
                _freeHead = block;
                frees++;
                return MemoryStatus.Ok;
            }
            return FreeFull(block);
        }

        private MemoryStatus FreeFull(int block)
        {
            if (!_irq.AdmitsCaller()) return MemoryStatus.WrongContext;
            if (block < 0 || block >= BlockCount)
            {
                int s0 = _irq.Mask();
                outOfRangeFrees++;
                _irq.Restore(s0);
                return MemoryStatus.OutOfRange;
            }
            int s = _irq.Mask();
            MemoryStatus r;
            int h = holder[block];
            if (h == HolderFree) { doubleFrees++; r = MemoryStatus.DoubleFree; }
            else if (h != HolderDirect) { foreignFrees++; r = MemoryStatus.ForeignBlock; }
            else
            {
                holder[block] = HolderFree;   // PushFree written out (see Allocate); the slot is already -1
                next[block] = _freeHead;
                _freeHead = block;
                frees++;
                r = MemoryStatus.Ok;
            }
            _irq.Restore(s);
            return r;
        }

        // ------------------------------------------------------------------ internals (masked)

        internal int Register(Partition p)
        {
            int s = _irq.Mask();
            int id = -1;
            if (_partitionCount < MaxPartitions)
            {
                _partitions[_partitionCount++] = p;
                id = _partitionCount;
            }
            _irq.Restore(s);
            return id;
        }

        internal IrqController Irq { get { return _irq; } }

        internal void PlacedFromFlight(int n) { _inFlight -= n; }

        internal void TakenIntoFlight(int n) { _inFlight += n; }

        private int PopFree()
        {
            int b = _freeHead;
            if (b == EndOfList) return -1;
            _freeHead = next[b];
            next[b] = EndOfList;
            _freeOrDirect--;
            return b;
        }

        private void PushFree(int b)
        {
            holder[b] = HolderFree;
            slot[b] = -1;
            next[b] = _freeHead;
            _freeHead = b;
            _freeOrDirect++;
        }

    }
}
