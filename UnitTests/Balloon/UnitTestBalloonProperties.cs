using CsCheck;
using NfRt.Memory;

namespace UnitTests.Balloon;

/// <summary>
/// Property test (CsCheck): random interleavings of target changes for two partitions P and Q,
/// pool pressure from the host (direct allocations) and from the other partition, and tasks of
/// both partitions allocating and freeing blocks, with time passing in between.
/// <list type="bullet">
/// <item>Safety, at every step (and after every kernel operation, through the invariant checker):
/// blocks are conserved, free + Σ holdings + in flight + host = pool size, proven by counting.</item>
/// <item>The retry obligation, at every quiescent step: Current == EffectiveTarget, or the single
/// retry timer is armed no later than one retry period from now.</item>
/// <item>Liveness: whenever the pool has room for every pending grow and each shrinking partition
/// has the free blocks it must give back, both reservations reach their targets within one retry
/// period, with nothing else happening.</item>
/// </list>
/// Deterministic: a fixed list of seeds, one case each (CsCheck shrinks a failing case).
/// </summary>
public class UnitTestBalloonProperties
{
    private const int PoolBlocks = 48;
    private const int Period = 50;

    private static readonly Gen<(int kind, int n, int ticks)[]> Ops =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 40], Gen.Int[0, 2 * Period]).Array[5, 40];

    [Fact]
    public void Balloon_property_blocks_conserved_and_targets_reached_within_one_period()
    {
        int livenessChecks = 0;
        for (ulong seed = 1; seed <= 60; seed++)
        {
            Ops.Sample(ops => livenessChecks += RunCase(ops), seed: new PCG(11, seed).ToString(), iter: 1, threads: 1);
        }
        Assert.True(livenessChecks >= 60, "liveness exercised only " + livenessChecks + " times");
    }

    /// <summary>Runs one interleaving; returns how many times the liveness property was checked.</summary>
    private static int RunCase((int kind, int n, int ticks)[] ops)
    {
        using var r = new BalloonRig(PoolBlocks);
        var p = r.Partition("P", 24, 8, fastSlots: 8, reserve: 2);
        var q = r.Partition("Q", 24, 8, fastSlots: 12, reserve: 0);
        var cfg = new BalloonConfig { RetryPeriod = Period, MaxBatch = 4 };
        var sp = r.Service(p, cfg);
        var sq = r.Service(q, cfg);
        var up = new PartitionUser(r, p, "P-user");
        var uq = new PartitionUser(r, q, "Q-user", prio: 6);
        r.Run();
        int checks = 0;
        foreach (var (kind, n, ticks) in ops)
        {
            switch (kind)
            {
                case 0: Assert.Equal(MemoryStatus.Ok, sp.SetTarget(n % 30)); break;          // may exceed the maximum
                case 1: Assert.Equal(MemoryStatus.Ok, sq.SetTarget(n % 30)); break;
                case 2: r.HostTakes(Math.Min(n % 12, r.Pool.FreeCount)); break;
                case 3: r.HostFrees(Math.Min(n % 12, r.HostBlocks.Count)); break;
                case 4: up.Allocate(r, n % 8); break;
                case 5: up.Free(r, n % 8); break;
                case 6: if (n % 2 == 0) uq.Allocate(r, n % 8); else uq.Free(r, n % 8); break;
                case 7: r.Ticks(ticks); break;
                default: checks += Quiet(r, sp, sq); break;
            }
            r.Run();
            Step(r, sp, sq);
        }
        // Finally make room everywhere, then the reservations must converge.
        up.Free(r, up.Held.Count);
        uq.Free(r, uq.Held.Count);
        r.HostFrees(r.HostBlocks.Count);
        Step(r, sp, sq);
        checks += Quiet(r, sp, sq);
        return checks;
    }

    /// <summary>Safety and the retry obligation, after the system is quiescent.</summary>
    private static void Step(BalloonRig r, BalloonService sp, BalloonService sq)
    {
        r.AssertConserved();
        Assert.Equal(PoolBlocks, r.Pool.FreeCount + sp.Current + sq.Current + r.Pool.InFlight + r.HostBlocks.Count);
        Assert.Equal(0, r.Pool.InFlight);           // nothing is left in flight at quiescence
        foreach (var s in new[] { sp, sq })
        {
            var c = s.Snapshot();
            if (c.Current != c.EffectiveTarget)
            {
                Assert.True(c.RetryArmed, s.Partition.Name + " short of its target without a retry timer");
                Assert.InRange(c.RetryDueTick, c.Tick + 1, c.Tick + Period);
            }
        }
    }

    /// <summary>
    /// If the pool has room for every pending grow and every shrink has the free blocks it needs,
    /// one retry period with nothing else happening brings both to their targets. Returns 1 when
    /// the premise held (and the property was checked), else 0.
    /// </summary>
    private static int Quiet(BalloonRig r, BalloonService sp, BalloonService sq)
    {
        int grow = 0;
        bool shrinkable = true;
        foreach (var s in new[] { sp, sq })
        {
            int credit = s.EffectiveTarget - s.Current;
            if (credit > 0) grow += credit;
            else if (-credit > s.Partition.Shrinkable) shrinkable = false;
        }
        if (grow > r.Pool.FreeCount || !shrinkable) return 0;
        long start = r.K.Now;
        r.Ticks(Period);
        Assert.Equal(sp.EffectiveTarget, sp.Current);
        Assert.Equal(sq.EffectiveTarget, sq.Current);
        Assert.False(sp.RetryArmed);
        Assert.False(sq.RetryArmed);
        Assert.Equal(start + Period, r.K.Now);
        return 1;
    }
}
