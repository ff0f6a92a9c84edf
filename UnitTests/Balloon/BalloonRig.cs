using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Balloon;

/// <summary>
/// A simulated board whose pool has exactly the blocks a scenario needs (64-byte blocks, 1 kHz
/// tick, so the default retry period "1 s" is 1000 ticks), its kernel (invariant checking on: the
/// pool's conservation law is checked after every kernel operation), and helpers for the "host"
/// (direct allocations that put pressure on the pool) and for partition tasks.
/// </summary>
public sealed class BalloonRig : IDisposable
{
    public const int BlockSize = 64;
    public const int Second = 1000;

    public readonly SimKernel Sim;
    public readonly BlockPool Pool;
    public readonly List<int> HostBlocks = new();

    public BalloonRig(int poolBlocks, int levels = 32)
    {
        Sim = new SimKernel(levels, Profile(poolBlocks));
        Pool = BoardPool.For(Sim.Board);
        Assert.Equal(poolBlocks, Pool.BlockCount);
    }

    public Scheduler K => Sim.K;

    public static BoardProfile Profile(int blocks, int tickRateHz = 1000) =>
        new("balloon-sim", 48_000_000, tickRateHz, 32, 64 * 1024, blocks * BlockSize, BlockSize, true);

    public Partition Partition(string name, int maximum, int initial, int fastSlots = -1, int reserve = 0) =>
        new(Pool, name, maximum, fastSlots < 0 ? maximum / 2 : fastSlots, reserve, initial);

    public BalloonService Service(Partition p, BalloonConfig cfg = null) => new(K, p, cfg ?? new BalloonConfig());

    /// <summary>The host takes <paramref name="n"/> blocks directly from the pool (pressure).</summary>
    public void HostTakes(int n)
    {
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(MemoryStatus.Ok, Pool.Allocate(out int b));
            HostBlocks.Add(b);
        }
    }

    /// <summary>The host gives <paramref name="n"/> of its blocks back to the pool.</summary>
    public void HostFrees(int n)
    {
        for (int i = 0; i < n; i++)
        {
            int b = HostBlocks[^1];
            HostBlocks.RemoveAt(HostBlocks.Count - 1);
            Assert.Equal(MemoryStatus.Ok, Pool.Free(b));
        }
    }

    public void Run()
    {
        Sim.Run();
        AssertConserved();
    }

    public void Ticks(int n)
    {
        Sim.Ticks(n);
        AssertConserved();
    }

    /// <summary>Conservation: free + Σ holdings + in flight + host blocks = BlockCount, proven by counting.</summary>
    public void AssertConserved()
    {
        Assert.Null(Pool.CheckConservation());
        Assert.Equal(Pool.BlockCount, Pool.FreeCount + Pool.PartitionHoldings + Pool.InFlight + Pool.DirectAllocated);
    }

    public void Dispose() => Sim.Dispose();
}

/// <summary>
/// A task of a partition that allocates and frees blocks on command from the driver: the driver
/// posts a command and signals; the task (more urgent than any balloon worker) carries it out at
/// once and waits again. Blocks it holds are kept in <see cref="Held"/> (most recent last).
/// </summary>
public sealed class PartitionUser
{
    public readonly List<int> Held = new();
    public readonly TaskControlBlock Task;
    private readonly KernelEvent _go;
    private readonly Partition _p;
    private int _alloc, _free;

    public PartitionUser(BalloonRig rig, Partition p, string name, int prio = 5)
    {
        _p = p;
        _go = new KernelEvent(rig.K);
        Task = rig.Sim.Task(name, prio, () =>
        {
            while (true)
            {
                _go.Wait(-1);
                for (; _alloc > 0; _alloc--)
                {
                    if (p.Allocate(out int b) != MemoryStatus.Ok) { _alloc = 0; break; }
                    Held.Add(b);
                }
                for (; _free > 0 && Held.Count > 0; _free--)
                {
                    int b = Held[^1];
                    Held.RemoveAt(Held.Count - 1);
                    Assert.Equal(MemoryStatus.Ok, p.Free(b));
                }
                _free = 0;
            }
        });
    }

    /// <summary>Asks the task to allocate up to n blocks (it stops when the partition has none free).</summary>
    public void Allocate(BalloonRig rig, int n) { _alloc = n; _go.Signal(); rig.Run(); }

    /// <summary>Asks the task to free n of its blocks.</summary>
    public void Free(BalloonRig rig, int n) { _free = n; _go.Signal(); rig.Run(); }
}
