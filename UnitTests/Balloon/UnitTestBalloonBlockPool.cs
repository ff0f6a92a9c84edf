using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;

namespace UnitTests.Balloon;

/// <summary>
/// The block pool and the partition on their own (no kernel needed: they mask the board's
/// interrupts themselves): O(1) free-list discipline, exhaustion, double free, foreign and
/// out-of-range blocks (each rejected with no state change), grants, returns that the pool
/// refuses (a kernel fault, nothing lost), slot classes and the emergency reserve.
/// </summary>
public class UnitTestBalloonBlockPool
{
    private static BlockPool NewPool(int blocks) => BoardPool.For(new SimulatedBoard(BalloonRig.Profile(blocks)));

    /// <summary>A fingerprint of every piece of pool state, to prove a refused call changed nothing.</summary>
    private static string State(BlockPool p)
    {
        var parts = new List<string> { p.FreeCount.ToString(), p.InFlight.ToString(), p.DirectAllocated.ToString() };
        for (int b = 0; b < p.BlockCount; b++) parts.Add(p.HolderOf(b).ToString());
        for (int i = 0; i < p.PartitionCount; i++)
        {
            var q = p.PartitionAt(i);
            parts.Add($"{q.Name}:{q.Current}/{q.FreeBlocks}/{q.EmptyFast}/{q.EmptySlow}");
        }
        return string.Join(",", parts);
    }

    [Fact]
    public void Balloon_pool_is_sized_from_the_board_profile()
    {
        var stm = BoardPool.For(new SimulatedBoard(BoardProfiles.Stm32));
        Assert.Equal(BoardProfiles.Stm32.PoolBlocks, stm.BlockCount);
        Assert.Equal(256, stm.BlockCount);
        Assert.Equal(128, stm.BlockSize);
        Assert.Equal(32 * 1024, stm.Memory.Length);
        Assert.Equal(256, stm.FreeCount);
        Assert.Null(stm.CheckConservation());
        Assert.ThrowsAny<ArgumentException>(() => BoardPool.For(null));
    }

    [Fact]
    public void Balloon_pool_exhaustion_is_a_typed_failure_then_recovers()
    {
        var p = NewPool(8);
        var got = new HashSet<int>();
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(MemoryStatus.Ok, p.Allocate(out int b));
            Assert.True(got.Add(b));
            Assert.InRange(b, 0, 7);
        }
        string before = State(p);
        Assert.Equal(MemoryStatus.Exhausted, p.Allocate(out int none));
        Assert.Equal(-1, none);
        Assert.Equal(1, p.Failures);
        Assert.Equal(before, State(p));
        Assert.Equal(MemoryStatus.Ok, p.Free(3));
        Assert.Equal(MemoryStatus.Ok, p.Allocate(out int again));
        Assert.Equal(3, again);
        Assert.Null(p.CheckConservation());
    }

    [Fact]
    public void Balloon_pool_double_free_is_rejected_without_state_change()
    {
        var p = NewPool(4);
        Assert.Equal(MemoryStatus.Ok, p.Allocate(out int b));
        Assert.Equal(MemoryStatus.Ok, p.Free(b));
        string before = State(p);
        Assert.Equal(MemoryStatus.DoubleFree, p.Free(b));
        Assert.Equal(MemoryStatus.DoubleFree, p.Free(2));          // never allocated
        Assert.Equal(before, State(p));
        Assert.Equal(2, p.DoubleFrees);
        Assert.Equal(4, p.FreeCount);
        Assert.Null(p.CheckConservation());
    }

    [Fact]
    public void Balloon_pool_foreign_and_out_of_range_blocks_are_rejected_without_state_change()
    {
        var p = NewPool(8);
        var part = new Partition(p, "q", 4, 2, 0, 3);
        Assert.Equal(MemoryStatus.Ok, p.Allocate(out int direct));
        Assert.Equal(MemoryStatus.Ok, part.Allocate(out int owned));
        var flight = new int[2];
        Assert.Equal(1, p.Grant(1, flight));
        int inFlightBuf = flight[0];
        string before = State(p);

        Assert.Equal(MemoryStatus.OutOfRange, p.Free(-1));
        Assert.Equal(MemoryStatus.OutOfRange, p.Free(8));
        Assert.Equal(MemoryStatus.OutOfRange, p.Free(int.MaxValue));
        Assert.Equal(MemoryStatus.ForeignBlock, p.Free(owned));          // a partition's block
        Assert.Equal(MemoryStatus.ForeignBlock, p.Free(inFlightBuf));    // a block in flight
        Assert.Equal(MemoryStatus.ForeignBlock, part.Free(direct));      // the host's block, freed to a partition
        Assert.Equal(MemoryStatus.ForeignBlock, part.Free(inFlightBuf));
        Assert.Equal(MemoryStatus.OutOfRange, part.Free(-5));
        Assert.Equal(MemoryStatus.DoubleFree, part.Free(PartitionFreeBlock(p, part)));
        Assert.Equal(before, State(p));
        Assert.Equal(3, p.OutOfRangeFrees);
        Assert.Equal(2, p.ForeignFrees);
        Assert.Equal(4, part.BadFrees);
        p.ReturnBlocks(flight, 1);
        Assert.Null(p.CheckConservation());
    }

    private static int PartitionFreeBlock(BlockPool p, Partition part)
    {
        // A block the partition holds but no task uses: allocate then free one.
        Assert.Equal(MemoryStatus.Ok, part.Allocate(out int b));
        Assert.Equal(MemoryStatus.Ok, part.Free(b));
        return b;
    }

    /// <summary>
    /// O(1) by construction: the free list is a LIFO stack threaded through an int[]; each call
    /// touches only the head. Proven by behaviour: after freeing in any order, allocation hands the
    /// blocks back in exactly the reverse order (no search), and the counts never drift.
    /// </summary>
    [Fact]
    public void Balloon_pool_free_list_is_a_constant_time_lifo_stack()
    {
        var p = NewPool(64);
        var all = new List<int>();
        for (int i = 0; i < 64; i++) { Assert.Equal(MemoryStatus.Ok, p.Allocate(out int b)); all.Add(b); }
        Assert.Equal(Enumerable.Range(0, 64), all);            // initial list: 0, 1, 2, ...
        var rng = new Random(1234);
        var order = all.OrderBy(_ => rng.Next()).ToList();
        foreach (int b in order) Assert.Equal(MemoryStatus.Ok, p.Free(b));
        var back = new List<int>();
        for (int i = 0; i < 64; i++) { Assert.Equal(MemoryStatus.Ok, p.Allocate(out int b)); back.Add(b); }
        order.Reverse();
        Assert.Equal(order, back);
        Assert.Equal(64, p.Allocations - 64);
        Assert.Null(p.CheckConservation());
    }

    [Fact]
    public void Balloon_pool_grants_up_to_k_and_reports_shortfalls()
    {
        var p = NewPool(10);
        var buf = new int[32];
        Assert.Equal(4, p.Grant(4, buf));
        Assert.Equal(4, p.InFlight);
        var buf2 = new int[32];
        Assert.Equal(6, p.Grant(32, buf2));                       // asked 32, the pool has 6: a shortfall
        Assert.Equal(0, p.Grant(5, buf));
        Assert.Equal(0, p.Grant(0, buf));                         // no call recorded for k = 0
        Assert.Equal(0, p.Grant(-3, buf));
        Assert.Equal(0, p.Grant(3, null));
        Assert.Equal(3, p.GrantCalls);
        Assert.Equal(4 + 32 + 5, p.GrantRequested);
        Assert.Equal(10, p.Granted);
        Assert.Equal(2, p.GrantShortfalls);
        Assert.Equal(10, p.InFlight);
        Assert.Equal(0, p.FreeCount);
        Assert.Null(p.CheckConservation());
        Assert.Equal(0, p.RecentGrant(0, out int asked));
        Assert.Equal(5, asked);
        Assert.Equal(6, p.RecentGrant(1, out asked));
        Assert.Equal(32, asked);
        Assert.Equal(-1, p.RecentGrant(3, out asked));
    }

    [Fact]
    public void Balloon_pool_refusing_a_returned_block_is_a_kernel_fault_and_loses_nothing()
    {
        var p = NewPool(8);
        var buf = new int[4];
        Assert.Equal(3, p.Grant(3, buf));
        Assert.Equal(MemoryStatus.Ok, p.Allocate(out int direct));
        string before = State(p);

        var dup = new[] { buf[0], buf[1], buf[0] };                    // listed twice
        Assert.Throws<KernelFaultException>(() => p.ReturnBlocks(dup, 3));
        Assert.Equal(before, State(p));
        var foreign = new[] { buf[0], direct };                        // not in flight
        Assert.Throws<KernelFaultException>(() => p.ReturnBlocks(foreign, 2));
        Assert.Equal(before, State(p));
        var outside = new[] { buf[0], 99 };
        Assert.Throws<KernelFaultException>(() => p.ReturnBlocks(outside, 2));
        Assert.Equal(before, State(p));
        Assert.Throws<KernelFaultException>(() => p.ReturnBlocks(buf, 5));
        Assert.Equal(before, State(p));
        Assert.Equal(0, p.Returned);

        p.ReturnBlocks(buf, 3);
        Assert.Equal(3, p.Returned);
        Assert.Equal(0, p.InFlight);
        Assert.Equal(7, p.FreeCount);
        Assert.Throws<KernelFaultException>(() => p.ReturnBlocks(buf, 1));   // returned twice
        Assert.Null(p.CheckConservation());
    }

    [Fact]
    public void Balloon_pool_conservation_check_catches_corruption()
    {
        var p = NewPool(8);
        Assert.Null(p.CheckConservation());
        p.holder[5] = BlockPool.HolderDirect;                         // a block "leaks" off the books
        Assert.NotNull(p.CheckConservation());
        Assert.False(p.IsConserved);
    }

    /// <summary>Runs a "call masked" method the way the balloon service does: with the board's IRQs masked.</summary>
    private static void Masked(BlockPool p, Action call) { int s = p.Irq.Mask(); try { call(); } finally { p.Irq.Restore(s); } }

    private static int Masked(BlockPool p, Func<int> call) { int s = p.Irq.Mask(); try { return call(); } finally { p.Irq.Restore(s); } }

    [Fact]
    public void Balloon_partition_refill_takes_fast_slots_first_and_counts_slots()
    {
        var p = NewPool(16);
        var part = new Partition(p, "q", 10, 4, 0, 0);
        Assert.Equal((4, 6), (part.EmptyFast, part.EmptySlow));
        var buf = new int[10];
        int n = p.Grant(3, buf);
        Masked(p, () => part.AcceptMasked(buf, n));      // the balloon's masked call
        Assert.Equal((3, 1, 6), (part.Current, part.EmptyFast, part.EmptySlow));
        n = p.Grant(3, buf);
        Masked(p, () => part.AcceptMasked(buf, n));
        Assert.Equal((6, 0, 4), (part.Current, part.EmptyFast, part.EmptySlow));
        Assert.Equal(part.Maximum, part.Current + part.EmptyFast + part.EmptySlow);
        Assert.Null(p.CheckConservation());
    }

    [Fact]
    public void Balloon_partition_shrink_never_touches_the_emergency_reserve()
    {
        var p = NewPool(16);
        var part = new Partition(p, "q", 10, 5, 3, 10);
        Assert.Equal(MemoryStatus.Ok, part.Allocate(out _));
        Assert.Equal(MemoryStatus.Ok, part.Allocate(out _));
        Assert.Equal(8, part.FreeBlocks);
        Assert.Equal(5, part.Shrinkable);
        var buf = new int[10];
        Assert.Equal(5, Masked(p, () => part.TakeFreeMasked(10, buf)));   // the balloon's masked call
        Assert.Equal(3, part.FreeBlocks);
        Assert.Equal(0, part.Shrinkable);
        Assert.Equal(0, Masked(p, () => part.TakeFreeMasked(10, buf[5..])));
        Assert.Equal(5, part.Current);
        Assert.Equal(5, p.InFlight);
        p.ReturnBlocks(buf, 5);
        // The tasks may still use the reserve.
        for (int i = 0; i < 3; i++) Assert.Equal(MemoryStatus.Ok, part.Allocate(out _));
        Assert.Equal(MemoryStatus.Exhausted, part.Allocate(out int none));
        Assert.Equal(-1, none);
        Assert.Equal(1, part.AllocationFailures);
        Assert.Null(p.CheckConservation());
    }

    [Fact]
    public void Balloon_partition_set_up_rejects_bad_arguments_without_touching_the_pool()
    {
        var p = NewPool(8);
        string before = State(p);
        Assert.Throws<ArgumentNullException>(() => new Partition(null, "x", 4, 0, 0, 0));
        Assert.Throws<ArgumentNullException>(() => new Partition(p, null, 4, 0, 0, 0));
        Assert.ThrowsAny<ArgumentException>(() => new Partition(p, "x", 0, 0, 0, 0));
        Assert.ThrowsAny<ArgumentException>(() => new Partition(p, "x", 4, 5, 0, 0));
        Assert.ThrowsAny<ArgumentException>(() => new Partition(p, "x", 4, 0, -1, 0));
        Assert.ThrowsAny<ArgumentException>(() => new Partition(p, "x", 4, 0, 0, 5));
        Assert.ThrowsAny<ArgumentException>(() => new Partition(p, "x", 20, 0, 0, 9));   // pool lacks them
        Assert.Equal(before, State(p));
        Assert.Equal(0, p.PartitionCount);
    }
}
