using NfRt.Kernel;
using NfRt.Memory;

namespace UnitTests.Balloon;

/// <summary>
/// The eight scenarios of docs/spec/balloon.md, on the simulated board with RetryPeriod
/// 1 s (= 1000 ticks at 1 kHz), MaxBatch 32, no floor. Exact counts and timer states after every
/// step; the pool's conservation law is checked after every kernel operation (invariant checker)
/// and asserted explicitly after every step.
/// </summary>
public class UnitTestBalloonScenarios
{
    /// <summary>
    /// Scenario 1. Current 4, maximum 10, pool free 10.
    /// 1. target 10 → one worker run, one grow call of 6, Current 10, pool free 4, no timer.
    /// </summary>
    [Fact]
    public void Balloon_scenario1_full_grant_reaches_target_in_one_run_without_timer()
    {
        using var r = new BalloonRig(14);
        var p = r.Partition("p", 10, 4);
        var svc = r.Service(p);
        r.Run();
        Assert.Equal(10, r.Pool.FreeCount);
        Assert.Equal(4, svc.Current);

        Assert.Equal(MemoryStatus.Ok, svc.SetTarget(10));
        r.Run();
        var c = svc.Snapshot();
        Assert.Equal(10, c.Current);
        Assert.Equal(4, r.Pool.FreeCount);
        Assert.Equal(1, c.Runs);
        Assert.Equal(1, c.GrowRequests);
        Assert.Equal(6, c.GrowRequestedBlocks);
        Assert.Equal(6, c.GrantedBlocks);
        Assert.Equal(0, c.GrowShortfalls);
        Assert.False(c.RetryArmed);
        Assert.Equal(-1, c.RetryDueTick);
        Assert.Equal(0, c.EmptyFast + c.EmptySlow);
        Assert.Equal(0L, c.LastProgressTick);
    }

    /// <summary>
    /// Scenario 2. Current 0, maximum 10, pool free 3 (the host holds 7).
    /// 1. target 10 → granted 3 of 10 and KEPT: Current 3, pool free 0, nothing returned, timer at +1 s.
    /// 2. 999 ticks pass → nothing happens (no busy retry).
    /// 3. host frees 7; the 1000th tick fires the retry → Current 10, timer disarmed.
    /// (The old driver stuck at 3 with a "hard limit" and no timer.)
    /// </summary>
    [Fact]
    public void Balloon_scenario2_partial_grant_is_kept_and_retried_on_the_timer()
    {
        using var r = new BalloonRig(10);
        var p = r.Partition("p", 10, 0);
        r.HostTakes(7);
        var svc = r.Service(p);
        r.Run();

        Assert.Equal(MemoryStatus.Ok, svc.SetTarget(10));
        r.Run();
        var c = svc.Snapshot();
        Assert.Equal(3, c.Current);
        Assert.Equal(0, r.Pool.FreeCount);
        Assert.Equal(0, r.Pool.Returned);
        Assert.Equal(0, c.ReturnedBlocks);
        Assert.Equal(1, c.GrowRequests);
        Assert.Equal(10, c.GrowRequestedBlocks);
        Assert.Equal(3, c.GrantedBlocks);
        Assert.Equal(1, c.GrowShortfalls);
        Assert.True(c.RetryArmed);
        Assert.Equal(1000L, c.RetryDueTick);
        Assert.Equal(10, c.Target);
        Assert.Equal(10, c.EffectiveTarget);

        r.Ticks(999);
        c = svc.Snapshot();
        Assert.Equal(1, c.Runs);
        Assert.Equal(3, c.Current);
        Assert.True(c.RetryArmed);

        r.HostFrees(7);
        r.Ticks(1);
        c = svc.Snapshot();
        Assert.Equal(10, c.Current);
        Assert.Equal(2, c.Runs);
        Assert.Equal(1, c.Retries);
        Assert.Equal(2, c.GrowRequests);
        Assert.Equal(7 + 10, c.GrowRequestedBlocks);
        Assert.Equal(10, c.GrantedBlocks);
        Assert.False(c.RetryArmed);
        Assert.Equal(0, r.Pool.FreeCount);
        Assert.Equal(1000L, c.LastProgressTick);
    }

    /// <summary>
    /// Scenario 3. Pool free 0, Current 2, target 8.
    /// 1. target 8 → one grow call of 6, granted 0, timer at 1000.
    /// 2. ten periods, one at a time → each period exactly one more grow call of 6, Current 2, the
    ///    timer re-armed at the next period, the no-progress counter counting 1..10; the worker runs
    ///    once per period (no busy loop); one stall event at the 10th retry.
    /// 3. host frees 6; next period → Current 8, counter 0, timer disarmed.
    /// </summary>
    [Fact]
    public void Balloon_scenario3_zero_grants_retry_forever_once_per_period()
    {
        using var r = new BalloonRig(8);
        var p = r.Partition("p", 10, 2);
        r.HostTakes(6);
        var svc = r.Service(p);
        var stalls = new StallRecorder();
        svc.Observer = stalls;
        r.Run();
        int switchesBefore = svc.Worker.SwitchesIn;

        Assert.Equal(MemoryStatus.Ok, svc.SetTarget(8));
        r.Run();
        var c = svc.Snapshot();
        Assert.Equal(1, c.GrowRequests);
        Assert.Equal(6, c.GrowRequestedBlocks);
        Assert.Equal(0, c.GrantedBlocks);
        Assert.True(c.RetryArmed);
        Assert.Equal(1000L, c.RetryDueTick);
        Assert.Equal(0, c.NoProgressRetries);

        for (int period = 1; period <= 10; period++)
        {
            r.Ticks(Second);
            c = svc.Snapshot();
            Assert.Equal(1 + period, c.GrowRequests);
            Assert.Equal(6 * (1 + period), c.GrowRequestedBlocks);
            Assert.Equal(2, c.Current);
            Assert.True(c.RetryArmed);
            Assert.Equal(1000L * (period + 1), c.RetryDueTick);
            Assert.Equal(period, c.NoProgressRetries);
            Assert.Equal(1 + period, c.Runs);
            Assert.Equal(period, c.Retries);
            int got = r.Pool.RecentGrant(0, out int asked);
            Assert.Equal((6, 0), (asked, got));
        }
        Assert.Equal(11, c.GrowRequests);
        Assert.Equal(66, c.GrowRequestedBlocks);
        Assert.Equal(11, c.GrowShortfalls);
        Assert.Equal(10, c.NoProgressRetries);
        Assert.Equal(-1L, c.LastProgressTick);
        Assert.Equal(11, svc.Worker.SwitchesIn - switchesBefore);     // one switch per run: no busy loop
        Assert.Equal(1, c.StallEvents);
        Assert.Equal(new[] { 10 }, stalls.Retries);

        r.HostFrees(6);
        r.Ticks(Second);
        c = svc.Snapshot();
        Assert.Equal(8, c.Current);
        Assert.Equal(0, c.NoProgressRetries);
        Assert.False(c.RetryArmed);
        Assert.Equal(12, c.GrowRequests);
        Assert.Equal(11000L, c.LastProgressTick);
        Assert.Equal(1, c.StallEvents);
    }

    /// <summary>
    /// Scenario 4. Maximum 100.
    /// a. pool free 100, target 100 → grants 32, 32, 32, 4 in ONE run, no timer.
    /// b. pool free 40, target 100 → grants 32 then 8 (asked 32), Current 40, timer armed.
    /// </summary>
    [Fact]
    public void Balloon_scenario4_batches_of_MaxBatch_in_one_run()
    {
        using (var r = new BalloonRig(100))
        {
            var p = r.Partition("p", 100, 0);
            var svc = r.Service(p);
            r.Run();
            Assert.Equal(MemoryStatus.Ok, svc.SetTarget(100));
            r.Run();
            var c = svc.Snapshot();
            Assert.Equal(100, c.Current);
            Assert.Equal(1, c.Runs);
            Assert.Equal(4, c.GrowRequests);
            Assert.Equal(new[] { (32, 32), (32, 32), (32, 32), (4, 4) }, Grants(r, 4));
            Assert.False(c.RetryArmed);
            Assert.Equal(0, r.Pool.FreeCount);
        }
        using (var r = new BalloonRig(100))
        {
            var p = r.Partition("p", 100, 0);
            r.HostTakes(60);
            var svc = r.Service(p);
            r.Run();
            Assert.Equal(MemoryStatus.Ok, svc.SetTarget(100));
            r.Run();
            var c = svc.Snapshot();
            Assert.Equal(40, c.Current);
            Assert.Equal(1, c.Runs);
            Assert.Equal(new[] { (32, 32), (32, 8) }, Grants(r, 2));
            Assert.Equal(1, c.GrowShortfalls);
            Assert.True(c.RetryArmed);
            Assert.Equal(1000L, c.RetryDueTick);
        }
    }

    /// <summary>
    /// Scenario 5. Current 10, tasks use 5, so 5 are free inside the partition; every byte of the
    /// region is 0xAB.
    /// 1. target 2 → the 5 free blocks are zero-filled and returned, Current 5, timer armed, the
    ///    worker waited for nobody (it is back on its event, the tasks' 5 blocks untouched).
    /// 2. the tasks free 3 at tick 500; the retry at 1000 → Current 2, timer disarmed.
    /// </summary>
    [Fact]
    public void Balloon_scenario5_shrink_takes_only_free_blocks_and_zero_fills_them()
    {
        using var r = new BalloonRig(10);
        var p = r.Partition("p", 10, 10);
        var svc = r.Service(p);
        var user = new PartitionUser(r, p, "user");
        r.Run();
        Array.Fill(r.Pool.Memory, (byte)0xAB);
        user.Allocate(r, 5);
        Assert.Equal(5, p.FreeBlocks);

        Assert.Equal(MemoryStatus.Ok, svc.SetTarget(2));
        r.Run();
        var c = svc.Snapshot();
        Assert.Equal(5, c.Current);
        Assert.Equal(5, c.ReturnedBlocks);
        Assert.Equal(1, c.ShrinkRequests);
        Assert.Equal(8, c.ShrinkRequestedBlocks);
        Assert.Equal(1, c.ShrinkShortfalls);
        Assert.Equal(5, r.Pool.FreeCount);
        Assert.True(c.RetryArmed);
        Assert.Equal(1000L, c.RetryDueTick);
        Assert.Equal(TaskState.Blocked, svc.Worker.State);              // back on its event: no waiting for tasks
        for (int b = 0; b < r.Pool.BlockCount; b++)
        {
            byte expect = r.Pool.HolderOf(b) == NfRt.Memory.BlockPool.HolderFree ? (byte)0 : (byte)0xAB;
            Assert.All(r.Pool.Memory.AsSpan(r.Pool.OffsetOf(b), BlockSize).ToArray(), x => Assert.Equal(expect, x));
        }
        foreach (int b in user.Held) Assert.Equal(p.Id, r.Pool.HolderOf(b));

        r.Ticks(500);
        user.Free(r, 3);
        Assert.Equal(5, svc.Current);
        r.Ticks(500);
        c = svc.Snapshot();
        Assert.Equal(2, c.Current);
        Assert.Equal(8, c.ReturnedBlocks);
        Assert.False(c.RetryArmed);
        Assert.Equal(8, r.Pool.FreeCount);
        Assert.Equal(2, user.Held.Count);
    }

    private const int BlockSize = BalloonRig.BlockSize;
    private const int Second = BalloonRig.Second;

    /// <summary>
    /// Scenario 6. Maximum 16, Current 8, pool free 50.
    /// 1. target 100 → accepted (Ok), Target reads 100, EffectiveTarget 16, Current 16, no timer.
    /// </summary>
    [Fact]
    public void Balloon_scenario6_target_above_maximum_is_accepted_and_clamped()
    {
        using var r = new BalloonRig(58);
        var p = r.Partition("p", 16, 8);
        var svc = r.Service(p);
        r.Run();
        Assert.Equal(50, r.Pool.FreeCount);

        Assert.Equal(MemoryStatus.Ok, svc.SetTarget(100));
        r.Run();
        var c = svc.Snapshot();
        Assert.Equal(100, c.Target);
        Assert.Equal(16, c.EffectiveTarget);
        Assert.True(c.TargetClamped);
        Assert.Equal(16, c.Current);
        Assert.Equal(16, c.Maximum);
        Assert.False(c.RetryArmed);
        Assert.Equal(42, r.Pool.FreeCount);
        Assert.Equal(0, c.GrowShortfalls);
    }

    /// <summary>
    /// Scenario 7. A bad target: -1 (and the byte/KiB forms of bad values) → a typed error; every
    /// counter and field reads exactly as before, the worker is not signalled (no run, still
    /// blocked), the timer untouched.
    /// </summary>
    [Fact]
    public void Balloon_scenario7_bad_target_is_rejected_and_changes_nothing()
    {
        using var r = new BalloonRig(20);
        var p = r.Partition("p", 10, 2);
        r.HostTakes(13);
        var svc = r.Service(p);
        r.Run();
        Assert.Equal(MemoryStatus.Ok, svc.SetTarget(10));    // a shortfall, so the timer is armed
        r.Run();
        var before = svc.Snapshot();
        Assert.True(before.RetryArmed);

        Assert.Equal(MemoryStatus.NegativeCount, svc.SetTarget(-1));
        Assert.Equal(MemoryStatus.NegativeCount, svc.SetTarget(int.MinValue));
        Assert.Equal(MemoryStatus.NegativeCount, svc.SetTargetBytes(-1));
        Assert.Equal(MemoryStatus.NegativeCount, svc.SetTargetKiB(-1));
        Assert.Equal(MemoryStatus.Unrepresentable, svc.SetTargetKiB(long.MaxValue));
        Assert.Equal(MemoryStatus.Unrepresentable, svc.SetTargetBytes(long.MaxValue));
        Assert.Equal(MemoryStatus.Unrepresentable, svc.SetTargetBytes(((long)int.MaxValue + 1) * BlockSize));
        r.Run();

        var after = svc.Snapshot();
        Assert.Equal(TaskState.Blocked, svc.Worker.State);
        Assert.Equal(Fields(before), Fields(after));
        Assert.Equal(0, after.Runs - before.Runs);
    }

    /// <summary>
    /// Scenario 8 (the seed's situation). Pool free 0 (14 blocks: A holds 10, B holds 4). A's task
    /// uses all 10 of A's blocks and frees 2 per period (at ticks 500, 1500, 2500).
    /// 1. A target 4, B target 10 at tick 0 → both runs fall short, both timers armed at 1000.
    /// 2. each period A's retry returns 2, B's retry is granted those 2 and keeps them:
    ///    B 6, 8, 10; A 8, 6, 4. Totals conserved at every tick.
    /// 3. both reach their targets, both timers disarmed.
    /// </summary>
    [Fact]
    public void Balloon_scenario8_two_partitions_converge_under_transient_pressure()
    {
        using var r = new BalloonRig(14);
        var a = r.Partition("A", 10, 10);
        var b = r.Partition("B", 10, 4);
        var sa = r.Service(a);
        var sb = r.Service(b);
        var held = new List<int>();
        r.Sim.Task("A-user", 5, () =>
        {
            for (int i = 0; i < 10; i++) { Assert.Equal(MemoryStatus.Ok, a.Allocate(out int blk)); held.Add(blk); }
            r.K.Sleep(500);
            while (held.Count > 0)
            {
                for (int i = 0; i < 2 && held.Count > 0; i++) { Assert.Equal(MemoryStatus.Ok, a.Free(held[^1])); held.RemoveAt(held.Count - 1); }
                r.K.Sleep(Second);
            }
        });
        r.Run();
        Assert.Equal(0, r.Pool.FreeCount);

        Assert.Equal(MemoryStatus.Ok, sa.SetTarget(4));
        Assert.Equal(MemoryStatus.Ok, sb.SetTarget(10));
        r.Run();
        Assert.Equal((10, 4), (sa.Current, sb.Current));
        Assert.Equal((1000L, 1000L), (sa.RetryDueTick, sb.RetryDueTick));

        var expectA = new[] { 8, 6, 4 };
        var expectB = new[] { 6, 8, 10 };
        for (int period = 0; period < 3; period++)
        {
            for (int t = 0; t < Second; t++)
            {
                r.Ticks(1);      // conservation asserted after every tick
                Assert.Equal(14, a.Current + b.Current + r.Pool.FreeCount + r.Pool.InFlight);
            }
            Assert.Equal(expectA[period], sa.Current);
            Assert.Equal(expectB[period], sb.Current);
            Assert.Equal(0, r.Pool.FreeCount);
            bool done = period == 2;
            Assert.Equal(!done, sb.RetryArmed);
            Assert.Equal(!done, sa.RetryArmed);
            if (!done) Assert.Equal(1000L * (period + 2), sb.RetryDueTick);
        }
        var cb = sb.Snapshot();
        Assert.Equal(4, cb.GrowRequests);                // tick 0, then once per period
        Assert.Equal(new[] { (6, 0), (6, 2), (4, 2), (2, 2) }, Grants(r, 4));   // B's grow calls: asked, granted
        Assert.Equal(6, cb.GrantedBlocks);
        Assert.Equal(0, cb.ReturnedBlocks);
        Assert.Equal(6, sa.Snapshot().ReturnedBlocks);
        Assert.Equal(0, cb.NoProgressRetries);
        r.Ticks(5 * Second);
        Assert.Equal(4, sb.Snapshot().GrowRequests);    // nothing left to do: no more runs
    }

    /// <summary>
    /// Scenario 8, variant: A's tasks free 2 blocks once and then nothing. B takes the 2, and then
    /// keeps retrying every period for as long as it is short, never giving a block back.
    /// </summary>
    [Fact]
    public void Balloon_scenario8_never_stops_retrying_while_short()
    {
        using var r = new BalloonRig(14);
        var a = r.Partition("A", 10, 10);
        var b = r.Partition("B", 10, 4);
        var sa = r.Service(a);
        var sb = r.Service(b);
        var user = new PartitionUser(r, a, "A-user");
        r.Run();
        user.Allocate(r, 10);
        sa.SetTarget(4);
        sb.SetTarget(10);
        r.Run();
        r.Ticks(500);
        user.Free(r, 2);
        for (int period = 1; period <= 30; period++)
        {
            r.Ticks(Second);
            Assert.Equal(6, sb.Current);
            Assert.True(sb.RetryArmed);
            Assert.Equal(1 + period, sb.Snapshot().GrowRequests);
        }
        Assert.Equal(29, sb.Snapshot().NoProgressRetries);
        Assert.Equal(0, sb.Snapshot().ReturnedBlocks);
    }

    /// <summary>The last n grant calls of the pool, oldest first, as (asked, granted).</summary>
    private static (int asked, int got)[] Grants(BalloonRig r, int n)
    {
        var list = new List<(int, int)>();
        for (int back = n - 1; back >= 0; back--)
        {
            int got = r.Pool.RecentGrant(back, out int asked);
            list.Add((asked, got));
        }
        return list.ToArray();
    }

    private static string[] Fields(BalloonCounters c) =>
        typeof(BalloonCounters).GetFields().Select(f => f.Name + "=" + f.GetValue(c)).ToArray();

    private sealed class StallRecorder : IBalloonObserver
    {
        public readonly List<int> Retries = new();
        public void OnStall(BalloonService service, int retries) => Retries.Add(retries);
    }
}
