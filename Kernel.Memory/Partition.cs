using NfRt.Boards;

namespace NfRt.Memory
{
    /// <summary>
    /// A task or group of tasks with its own reservation of pool blocks: the balloon's "guest".
    /// <para><b>Contract.</b></para>
    /// <list type="bullet">
    /// <item>The partition has <see cref="Maximum"/> slots. A slot is <i>empty</i> (ballooned
    /// out: no block behind it), <i>free</i> (holds a block no task uses) or <i>allocated</i>
    /// (holds a block one of its tasks uses). <see cref="Current"/> = free + allocated, and
    /// <c>Current + EmptyFast + EmptySlow = Maximum</c>, always.</item>
    /// <item>Slots 0 .. FastSlots-1 are of the fast memory class, the rest slow. Refill places
    /// granted blocks in fast-class empty slots first.</item>
    /// <item>Tasks allocate and free blocks from the holdings in O(1) (<see cref="Allocate"/>,
    /// <see cref="Free"/>); they may use every free block, the emergency reserve included.</item>
    /// <item>Only a balloon service changes the holdings (refill and shrink, internal calls). Shrink
    /// takes only free blocks, never more than <c>FreeBlocks - Reserve</c> (<see cref="Shrinkable"/>):
    /// the emergency reserve stays with the tasks, and shrink never waits for a task.</item>
    /// <item>Bad input returns a <see cref="MemoryStatus"/> and changes nothing but a counter.
    /// Every call masks the board's interrupts for its duration.</item>
    /// </list>
    /// Slot bookkeeping: three stacks of slot indices (empty fast, empty slow, free) and a state
    /// per slot; every transition is a push or a pop, so everything but construction is O(1) per
    /// block and allocation-free.
    /// </summary>
    public sealed class Partition
    {
        private const int SlotEmpty = 0;
        private const int SlotFree = 1;
        private const int SlotAllocated = 2;

        /// <summary>The pool the blocks come from.</summary>
        public readonly BlockPool Pool;

        /// <summary>Name, for messages and the demo.</summary>
        public readonly string Name;

        /// <summary>Partition number within its pool (1-based; the holder word of its blocks).</summary>
        public readonly int Id;

        /// <summary>Most blocks the partition can hold (its slot count).</summary>
        public readonly int Maximum;

        /// <summary>Slots of the fast memory class (slots 0 .. FastSlots-1).</summary>
        public readonly int FastSlots;

        /// <summary>Emergency reserve: free blocks a shrink never takes.</summary>
        public readonly int Reserve;

        private readonly IrqController _irq;
        private readonly int[] _slotBlock;
        private readonly int[] _slotState;
        private readonly int[] _emptyFast;
        private readonly int[] _emptySlow;
        private readonly int[] _free;
        private int _emptyFastCount, _emptySlowCount, _freeCount;
        internal int currentBlocks;
        internal object service;

        // ---- counters ----
        /// <summary>Successful task allocations.</summary>
        public int Allocations;
        /// <summary>Task allocations refused because no free block was held.</summary>
        public int AllocationFailures;
        /// <summary>Successful task frees.</summary>
        public int Frees;
        /// <summary>Refused frees (out of range, double, foreign).</summary>
        public int BadFrees;

        /// <summary>
        /// Creates a partition of <paramref name="maximum"/> slots on <paramref name="pool"/> and
        /// fills <paramref name="initialBlocks"/> of them from the pool (a set-up call).
        /// </summary>
        /// <exception cref="System.ArgumentException">A count is out of range, the pool lacks the initial
        /// blocks, or the pool has no room for another partition; nothing changes.</exception>
        public Partition(BlockPool pool, string name, int maximum, int fastSlots, int reserve, int initialBlocks)
        {
            if (pool == null) throw new System.ArgumentException("pool is null");
            if (maximum < 1) throw new System.ArgumentException("maximum must be >= 1");
            if (fastSlots < 0 || fastSlots > maximum) throw new System.ArgumentException("fastSlots must be 0..maximum");
            if (reserve < 0 || reserve > maximum) throw new System.ArgumentException("reserve must be 0..maximum");
            if (initialBlocks < 0 || initialBlocks > maximum) throw new System.ArgumentException("initialBlocks must be 0..maximum");
            if (initialBlocks > pool.FreeCount) throw new System.ArgumentException("the pool lacks the initial blocks");
            Pool = pool;
            Name = name;
            Maximum = maximum;
            FastSlots = fastSlots;
            Reserve = reserve;
            _irq = pool.Irq;
            _slotBlock = new int[maximum];
            _slotState = new int[maximum];
            _emptyFast = new int[maximum];
            _emptySlow = new int[maximum];
            _free = new int[maximum];
            // Highest index pushed first so that pops hand out slot 0, 1, 2, ... in order.
            for (int i = maximum - 1; i >= 0; i--)
            {
                _slotBlock[i] = -1;
                _slotState[i] = SlotEmpty;
                if (i < fastSlots) _emptyFast[_emptyFastCount++] = i;
                else _emptySlow[_emptySlowCount++] = i;
            }
            Id = pool.Register(this);
            if (Id < 0) throw new System.ArgumentException("the pool has no room for another partition");
            if (initialBlocks > 0)
            {
                int[] scratch = new int[initialBlocks];
                int s = _irq.Mask();
                int n = pool.GrantMasked(initialBlocks, scratch);
                AcceptMasked(scratch, n);
                _irq.Restore(s);
            }
        }

        /// <summary>Blocks held (free + allocated).</summary>
        public int Current { get { return currentBlocks; } }

        /// <summary>Empty slots of the fast class.</summary>
        public int EmptyFast { get { return _emptyFastCount; } }

        /// <summary>Empty slots of the slow class.</summary>
        public int EmptySlow { get { return _emptySlowCount; } }

        /// <summary>Held blocks no task uses.</summary>
        public int FreeBlocks { get { return _freeCount; } }

        /// <summary>Held blocks in use by tasks.</summary>
        public int AllocatedBlocks { get { return currentBlocks - _freeCount; } }

        /// <summary>Free blocks a shrink may take now: max(0, FreeBlocks - Reserve).</summary>
        public int Shrinkable { get { int n = _freeCount - Reserve; return n > 0 ? n : 0; } }

        /// <summary>Byte offset of <paramref name="block"/> in <see cref="BlockPool.Memory"/> (-1 if out of range).</summary>
        public int OffsetOf(int block) { return Pool.OffsetOf(block); }

        // ------------------------------------------------------------------ task API

        /// <summary>
        /// Gives one held free block to the calling task. O(1). Exhausted (and
        /// <paramref name="block"/> = -1) when every held block is in use.
        /// </summary>
        public MemoryStatus Allocate(out int block)
        {
            int s = _irq.Mask();
            MemoryStatus r = MemoryStatus.Ok;
            if (_freeCount == 0)
            {
                block = -1;
                AllocationFailures++;
                r = MemoryStatus.Exhausted;
            }
            else
            {
                int sl = _free[--_freeCount];
                _slotState[sl] = SlotAllocated;
                block = _slotBlock[sl];
                Allocations++;
            }
            _irq.Restore(s);
            return r;
        }

        /// <summary>
        /// Gives back a block a task allocated from this partition. O(1). OutOfRange (not a pool
        /// block), ForeignBlock (held by someone else) and DoubleFree (already free here) change
        /// nothing but <see cref="BadFrees"/>.
        /// </summary>
        public MemoryStatus Free(int block)
        {
            int s = _irq.Mask();
            MemoryStatus r;
            if (block < 0 || block >= Pool.BlockCount) r = MemoryStatus.OutOfRange;
            else if (Pool.holder[block] != Id) r = MemoryStatus.ForeignBlock;
            else
            {
                int sl = Pool.slot[block];
                if (_slotState[sl] != SlotAllocated) r = MemoryStatus.DoubleFree;
                else
                {
                    _slotState[sl] = SlotFree;
                    _free[_freeCount++] = sl;
                    Frees++;
                    r = MemoryStatus.Ok;
                }
            }
            if (r != MemoryStatus.Ok) BadFrees++;
            _irq.Restore(s);
            return r;
        }

        // ------------------------------------------------------------------ balloon API (masked)

        /// <summary>
        /// Refill: places <paramref name="count"/> in-flight blocks in empty slots, fast class first.
        /// Call masked. The caller never offers more blocks than empty slots (its credit is bounded
        /// by the maximum); if it did, that is a kernel fault.
        /// </summary>
        internal void AcceptMasked(int[] blocks, int count)
        {
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

        /// <summary>Name for messages.</summary>
        public override string ToString() { return Name; }
    }
}
