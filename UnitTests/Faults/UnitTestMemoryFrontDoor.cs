using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;

namespace UnitTests.Faults;

/// <summary>
/// The allocator passes the same front door as every other kernel call (docs/spec/scheduler.md §30,
/// docs/spec/balloon.md): once a kernel runs on the board, a pool or partition call from a thread
/// that does not own the CPU returns <see cref="MemoryStatus.WrongContext"/>, changes nothing and is
/// counted in <see cref="Scheduler.ForeignCalls"/>. Before any kernel exists the pool is a plain
/// set-up allocator and every thread may use it.
/// </summary>
public class UnitTestMemoryFrontDoor
{
    private static BoardProfile Profile() => new("front-door", 48000000, 1000, 32, 64 * 1024, 16 * 64, 64, true);

    private static T OnForeignThread<T>(Func<T> call)
    {
        T result = default;
        Exception thrown = null;
        var th = new Thread(() => { try { result = call(); } catch (Exception e) { thrown = e; } });
        th.Start();
        th.Join();
        Assert.Null(thrown);
        return result;
    }

    [Fact]
    public void Pool_and_partition_calls_from_a_foreign_thread_are_refused_and_counted()
    {
        var board = new SimulatedBoard(Profile());
        var pool = BoardPool.For(board);
        var part = new Partition(pool, "p", 8, 4, 1, 4);
        var k = new Scheduler(new KernelConfig { PriorityLevels = 32, CheckInvariants = true }, board);
        try
        {
            Assert.Equal(MemoryStatus.Ok, pool.Allocate(out int direct));   // the driver owns the CPU while idle

            int block = 0;
            Assert.Equal(MemoryStatus.WrongContext, OnForeignThread(() => part.Allocate(out block)));
            Assert.Equal(-1, block);
            Assert.Equal(MemoryStatus.WrongContext, OnForeignThread(() => pool.Allocate(out block)));
            Assert.Equal(-1, block);
            Assert.Equal(MemoryStatus.WrongContext, OnForeignThread(() => pool.Free(direct)));
            Assert.Equal(MemoryStatus.WrongContext, OnForeignThread(() => part.Free(0)));
            Assert.Equal(-1, OnForeignThread(() => pool.PartitionHoldings));
            Assert.NotNull(OnForeignThread(() => pool.CheckConservation()));

            Assert.Equal(6, k.ForeignCalls);
            Assert.Equal(4, part.Current);          // nothing changed
            Assert.Equal(4, part.FreeBlocks);
            Assert.Equal(0, part.Allocations);
            Assert.Equal(1, pool.DirectAllocated);
            Assert.Equal(BlockPool.HolderDirect, pool.HolderOf(direct));
            Assert.Null(pool.CheckConservation());
            Assert.Equal(MemoryStatus.Ok, part.Allocate(out int mine));      // the driver's own calls still work
            Assert.True(mine >= 0);
        }
        finally { k.Shutdown(); }
    }

    [Fact]
    public void Before_a_kernel_exists_the_pool_is_a_plain_set_up_allocator()
    {
        var pool = BoardPool.For(new SimulatedBoard(Profile()));
        int block = -1;
        Assert.Equal(MemoryStatus.Ok, OnForeignThread(() => pool.Allocate(out block)));
        Assert.Equal(MemoryStatus.Ok, pool.Free(block));
        Assert.Null(pool.CheckConservation());
    }

}
