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
    /// Every call masks the board's interrupts for its duration, after the kernel's caller check: once a
    /// kernel runs on the board, a call from a thread that does not own the CPU returns
    /// <see cref="MemoryStatus.WrongContext"/>, changes nothing, and is counted in the kernel's
    /// <c>ForeignCalls</c>.</item>
    /// </list>
    /// Slot bookkeeping: three stacks of slot indices (empty fast, empty slow, free) and a state
    /// per slot; every transition is a push or a pop, so everything but construction is O(1) per
    /// block and allocation-free.
    /// </summary>
    public sealed partial class Partition
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
        internal BalloonService service;

        // ---- counters ----
        internal int allocations;
        internal int allocationFailures;
        internal int frees;
        internal int badFrees;

        /// <summary>
        /// Creates a partition of <paramref name="maximum"/> slots on <paramref name="pool"/> and
        /// fills <paramref name="initialBlocks"/> of them from the pool (a set-up call).
        /// </summary>
        /// <param name="pool">The board's pool the blocks come from.</param>
        /// <param name="name">Name, for messages.</param>
        /// <param name="maximum">Most blocks the partition can hold (its slot count), at least 1.</param>
        /// <param name="fastSlots">Slots of the fast memory class, 0 .. maximum.</param>
        /// <param name="reserve">Emergency reserve a shrink never takes, 0 .. maximum.</param>
        /// <param name="initialBlocks">Blocks granted from the pool now, 0 .. maximum.</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="pool"/> or <paramref name="name"/> is null.</exception>
        /// <exception cref="System.ArgumentException">A count is out of range, the pool lacks the initial
        /// blocks, or the pool has no room for another partition; nothing changes.</exception>
        /// <exception cref="System.InvalidOperationException">A kernel runs on the board and the calling
        /// thread does not own its CPU; nothing changes.</exception>
        public Partition(BlockPool pool, string name, int maximum, int fastSlots, int reserve, int initialBlocks)
        {
            if (pool == null) throw new System.ArgumentNullException("pool");
            if (name == null) throw new System.ArgumentNullException("name");
            if (maximum < 1 || maximum > pool.Board.Profile.RamBytes / pool.BlockSize)
                throw new System.ArgumentOutOfRangeException("maximum", "maximum must be 1..the blocks the board's RAM can hold");
            if (fastSlots < 0 || fastSlots > maximum) throw new System.ArgumentOutOfRangeException("fastSlots", "fastSlots must be 0..maximum");
            if (reserve < 0 || reserve > maximum) throw new System.ArgumentOutOfRangeException("reserve", "reserve must be 0..maximum");
            if (initialBlocks < 0 || initialBlocks > maximum) throw new System.ArgumentOutOfRangeException("initialBlocks", "initialBlocks must be 0..maximum");
            if (!pool.Irq.AdmitsCaller()) throw new System.InvalidOperationException("Partition: created from a thread that does not own the kernel's CPU");
            if (initialBlocks > pool.FreeCount) throw new System.ArgumentOutOfRangeException("initialBlocks", "the pool lacks the initial blocks");
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
            if (Id < 0) throw new System.ArgumentException("the pool has no room for another partition", "pool");
            if (initialBlocks > 0)
            {
                int[] scratch = new int[initialBlocks];
                int s = _irq.Mask();
                int n = pool.GrantMasked(initialBlocks, scratch);
                AcceptMasked(scratch, n);
                _irq.Restore(s);
            }
        }

        /// <summary>Successful task allocations.</summary>
        public int Allocations { get { return allocations; } }

        /// <summary>Task allocations refused because no free block was held.</summary>
        public int AllocationFailures { get { return allocationFailures; } }

        /// <summary>Successful task frees.</summary>
        public int Frees { get { return frees; } }

        /// <summary>Refused frees (out of range, double, foreign).</summary>
        public int BadFrees { get { return badFrees; } }

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
        /// <param name="block">Block number in the pool.</param>
        /// <returns>The offset, as <see cref="BlockPool.OffsetOf"/> gives it (-1 if out of range).</returns>
        public int OffsetOf(int block) { return Pool.OffsetOf(block); }

        // ------------------------------------------------------------------ task API

        /// <summary>
        /// Gives one held free block to the calling task. O(1). Exhausted (and
        /// <paramref name="block"/> = -1) when every held block is in use.
        /// </summary>
        /// <param name="block">The block given, or -1 when the call failed.</param>
        /// <returns>Ok, Exhausted, or WrongContext (a thread that does not own the CPU; nothing changed).</returns>
        public MemoryStatus Allocate(out int block)
        {
            if (!_irq.AdmitsCaller()) { block = -1; return MemoryStatus.WrongContext; }
            int s = _irq.Mask();
            MemoryStatus r = MemoryStatus.Ok;
            if (_freeCount == 0)
            {
                block = -1;
                allocationFailures++;
                r = MemoryStatus.Exhausted;
            }
            else
            {
                int sl = _free[--_freeCount];
                _slotState[sl] = SlotAllocated;
                block = _slotBlock[sl];
                allocations++;
            }
            _irq.Restore(s);
            return r;
        }

        /// <summary>
        /// Gives back a block a task allocated from this partition. O(1). OutOfRange (not a pool
        /// block), ForeignBlock (held by someone else) and DoubleFree (already free here) change
        /// nothing but <see cref="BadFrees"/>.
        /// </summary>
        /// <param name="block">A block this partition gave out.</param>
        /// <returns>Ok, OutOfRange, ForeignBlock, DoubleFree, or WrongContext (a thread that does not own the CPU; nothing changed).</returns>
        public MemoryStatus Free(int block)
        {
            if (!_irq.AdmitsCaller()) return MemoryStatus.WrongContext;
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
                    frees++;
                    r = MemoryStatus.Ok;
                }
            }
            if (r != MemoryStatus.Ok) badFrees++;
            _irq.Restore(s);
            return r;
        }

        /// <summary>Name for messages.</summary>
        /// <returns>The partition's name.</returns>
        public override string ToString() { return Name; }
    }
}
