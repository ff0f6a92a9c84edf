using NfRt.Kernel;

namespace UnitTests.Timing;

/// <summary>
/// <see cref="TaskSetRunner"/>: task sets on the real kernel. Without resources and with deadlines within periods,
/// the synchronous release (the critical instant) must give exactly the classic response-time analysis value
/// (Joseph and Pandya 1986; Audsley et al. 1993: R = C + Σ⌈R/Tj⌉·Cj over the more urgent tasks), computed
/// here by hand and by a ten-line fixed point; with resources, the three protocols as the kernel runs them.
/// </summary>
public class UnitTestTaskSetRunner
{
    private static SimTask T(string name, int prio, int period, int compute, int deadline = 0, int offset = 0) =>
        new(name, prio, period, new SimSegment[] { new SimCompute(compute) }, deadline, offset);

    /// <summary>The classic response-time fixed point for distinct priorities, D ≤ T, no blocking.</summary>
    private static long Rta(IReadOnlyList<SimTask> tasks, int i)
    {
        long c = ((SimCompute)tasks[i].Body[0]).Ticks, r = c;
        while (true)
        {
            long next = c;
            foreach (var j in tasks.Where(j => j.Priority < tasks[i].Priority))
                next += (r + j.Period - 1) / j.Period * ((SimCompute)j.Body[0]).Ticks;
            if (next == r) return r;
            if (next > tasks[i].Period) return -1;
            r = next;
        }
    }

    /// <summary>
    /// The textbook set (C, T) = (1, 4), (2, 6), (3, 12) (Liu and Layland's rate-monotonic setting; Buttazzo,
    /// "Hard Real-Time Computing Systems", RTA examples): R = 1, 3, 10 by hand (R3: 3 → 6 → 7 → 9 → 10), and observed
    /// exactly so over one hyperperiod from the synchronous release, every deadline met.
    /// </summary>
    [Fact]
    public void Textbook_set_observes_exactly_the_hand_computed_bounds()
    {
        var set = new SimTaskSet("ll", Array.Empty<SimResource>(), new[] { T("t1", 1, 4, 1), T("t2", 2, 6, 2), T("t3", 3, 12, 3) });
        var run = TaskSetRunner.Run(set, 12);
        Assert.Equal(new long[] { 1, 3, 10 }, run.Tasks.Select(t => t.MaxResponse));
        Assert.Equal(new long[] { 1, 3, 10 }, Enumerable.Range(0, 3).Select(i => Rta(set.Tasks, i)));
        Assert.Equal(new[] { 3, 2, 1 }, run.Tasks.Select(t => t.Jobs));
        Assert.All(run.Tasks, t => Assert.Equal(0, t.Misses));
    }

    /// <summary>
    /// Burns and Wellings' example ("Real-Time Systems and Programming Languages", §13.5, the set that fails the
    /// utilisation test yet is schedulable): (C, T) = (3, 7), (3, 12), (5, 20): R = 3, 6, 20 by hand
    /// (R3: 5 → 11 → 14 → 17 → 20 → 20), the last exactly at its deadline.
    /// </summary>
    [Fact]
    public void A_set_past_the_utilisation_bound_is_observed_at_its_exact_bound()
    {
        var set = new SimTaskSet("bw", Array.Empty<SimResource>(), new[] { T("a", 1, 7, 3), T("b", 2, 12, 3), T("c", 3, 20, 5) });
        var run = TaskSetRunner.Run(set, 7 * 12 * 20 / 4);
        Assert.Equal(new long[] { 3, 6, 20 }, run.Tasks.Select(t => t.MaxResponse));
        Assert.Equal(new long[] { 3, 6, 20 }, Enumerable.Range(0, 3).Select(i => Rta(set.Tasks, i)));
        Assert.All(run.Tasks, t => Assert.Equal(0, t.Misses));
    }

    /// <summary>
    /// Random resource-free sets (seeded): 2-5 tasks, periods 3..40, deadlines in [C, T], priorities deadline-monotonic.
    /// For every set the analysis finds schedulable, the synchronous release over one hyperperiod observes exactly R for
    /// every task — never more (the bound is sound), never less (it is reached at the critical instant).
    /// </summary>
    [Fact]
    public void Random_resource_free_sets_meet_their_analysed_bound_exactly()
    {
        var rng = new Random(17);
        int checkedSets = 0;
        for (int n = 0; n < 60; n++)
        {
            int count = rng.Next(2, 6);
            var raw = Enumerable.Range(0, count).Select(i =>
            {
                int period = rng.Next(3, 41);
                int c = rng.Next(1, Math.Max(2, period / count));
                int d = rng.Next(c, period + 1);
                return (period, c, d);
            }).OrderBy(x => x.d).ThenBy(x => x.period).ToList();
            var tasks = raw.Select((x, i) => T("t" + i, i, x.period, x.c, x.d)).ToList();
            var bounds = Enumerable.Range(0, count).Select(i => Rta(tasks, i)).ToList();
            if (bounds.Any(b => b < 0) || bounds.Where((b, i) => b > tasks[i].Deadline).Any()) continue;
            long hyper = tasks.Aggregate(1L, (h, t) => h / Gcd(h, t.Period) * t.Period);
            if (hyper > 20_000) continue;
            var run = TaskSetRunner.Run(new SimTaskSet("r" + n, Array.Empty<SimResource>(), tasks), hyper);
            Assert.Equal(bounds, run.Tasks.Select(t => t.MaxResponse).ToList());
            Assert.All(run.Tasks, t => Assert.Equal(0, t.Misses));
            checkedSets++;
        }
        Assert.True(checkedSets >= 20, $"only {checkedSets} sets checked");
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    private static SimTaskSet Inversion(SimProtocol protocol) => new("inversion", new[] { new SimResource("bus", protocol) }, new[]
    {
        new SimTask("high", 1, 100, new SimSegment[] { new SimLock("bus", new SimSegment[] { new SimCompute(1) }) }, Offset: 1),
        new SimTask("medium", 5, 100, new SimSegment[] { new SimCompute(20) }, Offset: 2),
        new SimTask("low", 10, 100, new SimSegment[] { new SimLock("bus", new SimSegment[] { new SimCompute(4) }) }),
    });

    /// <summary>
    /// low holds bus 0..4, high (released at 1) needs it, medium (released at 2) burns 20.
    /// inherit: high waits 1..4 (blocking 3, response 4) and medium runs after it;
    /// plain: medium preempts low, high waits 1..24 (blocking 23, response 24: unbounded by the section);
    /// ceiling: low runs at high's priority from its lock, high never waits on the mutex (blocking 0) but starts only at 4 (response 4).
    /// </summary>
    [Theory]
    [InlineData(SimProtocol.Inherit, 3, 4, 1)]
    [InlineData(SimProtocol.Plain, 23, 24, 0)]
    [InlineData(SimProtocol.Ceiling, 0, 4, 1)]
    public void The_three_protocols_block_as_the_kernel_runs_them(SimProtocol protocol, long blocking, long response, int lowBoosts)
    {
        var run = TaskSetRunner.Run(Inversion(protocol), 99);
        var high = run.Tasks[0];
        Assert.Equal((blocking, response), (high.MaxBlocking, high.MaxResponse));
        Assert.Equal(lowBoosts, run.Tasks[2].Statistics.Boosts);
        Assert.All(run.Tasks, t => Assert.Equal(1, t.Jobs));
    }

    /// <summary>A phasing replaces the offsets; a jitter delays a job's start after its release and counts in its response.</summary>
    [Fact]
    public void Phasings_and_jitter_move_releases_and_starts()
    {
        var set = new SimTaskSet("p", Array.Empty<SimResource>(), new[] { T("h", 1, 10, 2), T("l", 2, 10, 3) });
        var phased = TaskSetRunner.Run(set, 10, offsets: new long[] { 1, 0 });
        Assert.Equal(new long[] { 2, 5 }, phased.Tasks.Select(t => t.MaxResponse));   // l: 0..1, h: 1..3, l: 3..5
        Assert.Equal(new long[] { 1, 0 }, phased.Offsets);
        var jittered = TaskSetRunner.Run(set, 10, jitter: (task, job) => task == 0 ? 2 : 0);
        Assert.Equal(new long[] { 4, 5 }, jittered.Tasks.Select(t => t.MaxResponse));  // l: 0..2, h: 2..4, l: 4..5
    }

    /// <summary>
    /// The jittered release is the nominal release plus the draw, wherever the task first got the CPU (the campaign
    /// found the earlier harness counting the jitter from the task's first run, releasing jobs up to C_h + J late):
    /// h runs 0..5; j (jitter draw 3) is released at 3 while h runs, so it starts at 5 and completes at 6 — not 9.
    /// With h shorter than the draw, j sleeps to its jittered release: h 0..2, j 3..4.
    /// </summary>
    [Fact]
    public void A_jittered_release_counts_from_the_nominal_release_not_from_the_first_run()
    {
        var late = TaskSetRunner.Run(new SimTaskSet("j", Array.Empty<SimResource>(), new[] { T("h", 1, 20, 5), T("j", 2, 20, 1) }), 20, jitter: (task, job) => task == 1 ? 3 : 0);
        Assert.Equal(new long[] { 5, 6 }, late.Tasks.Select(t => t.MaxResponse));
        var early = TaskSetRunner.Run(new SimTaskSet("j", Array.Empty<SimResource>(), new[] { T("h", 1, 20, 2), T("j", 2, 20, 1) }), 20, jitter: (task, job) => task == 1 ? 3 : 0);
        Assert.Equal(new long[] { 2, 4 }, early.Tasks.Select(t => t.MaxResponse));
    }

    /// <summary>An overrunning task under skip and under catch-up, and a job still running at the horizon.</summary>
    [Fact]
    public void Overruns_and_open_jobs_are_reported()
    {
        var body = new SimSegment[] { new SimCompute(6) };
        var skip = TaskSetRunner.Run(new SimTaskSet("s", Array.Empty<SimResource>(), new[] { new SimTask("p", 1, 4, body) }), 15);
        Assert.Equal((2, 2, 6L), (skip.Tasks[0].Jobs, skip.Tasks[0].Misses, skip.Tasks[0].MaxResponse));   // jobs at 0 and 8 (4 skipped), 12 skipped, 16 next
        Assert.Equal(2, skip.Tasks[0].Skipped);
        Assert.Equal(-1, skip.Tasks[0].OpenJobAge);
        var catchUp = TaskSetRunner.Run(new SimTaskSet("c", Array.Empty<SimResource>(), new[] { new SimTask("p", 1, 4, body, Overrun: OverrunPolicy.CatchUp) }), 15);
        Assert.Equal((2, 0, 8L), (catchUp.Tasks[0].Jobs, catchUp.Tasks[0].Skipped, catchUp.Tasks[0].MaxResponse));   // jobs 0..6, 6..12 (release 4)
        Assert.Equal(7, catchUp.Tasks[0].OpenJobAge);    // release 8, started 12, still running at 15
    }
}
