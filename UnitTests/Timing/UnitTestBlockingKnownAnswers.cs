using NfRt.Timing;
using static UnitTests.Timing.TaskSetBuilder;

namespace UnitTests.Timing;

/// <summary>
/// Blocking terms per protocol (docs/spec/timing.md §5.4) on the classic situations of Sha, Rajkumar
/// and Lehoczky, "Priority Inheritance Protocols: An Approach to Real-Time Synchronization" (IEEE
/// Transactions on Computers 39(9), 1990): under inheritance a job is blocked by at most one critical
/// section of each less urgent job and of each semaphore, whichever is fewer (min(n, m)), directly,
/// by push-through or transitively; under a ceiling protocol by at most one section of one less urgent
/// job. Each value is worked by hand below, and the worst phasing found on the real kernel reaches the
/// bound up to one tick per counted stretch (a less urgent task has always run the first tick of its
/// section before a more urgent release preempts it; the spec's own example: bound 9, observed 8).
/// </summary>
public class UnitTestBlockingKnownAnswers
{
    /// <summary>H locks a then b; M locks b; L locks a. M and L can both be inside their sections when H is released.</summary>
    private static TaskSet TwoLowerTasksTwoResources(LockProtocol protocol) => Set(
        new[] { R("a", protocol), R("b", protocol) },
        Task("H", 1, 50, C(1), L("a", C(1)), L("b", C(1)), C(1)),
        Task("M", 2, 60, L("b", C(3)), C(2)),
        Task("L", 3, 100, L("a", C(4)), C(2)));

    [Fact]
    public void Inheritance_blocks_once_per_less_urgent_task_two_sections_for_two_tasks()
    {
        // SRL 1990, PIP: n = 2 less urgent jobs, m = 2 semaphores, blocked by min(2, 2) = 2 sections:
        // L's a (4) + M's b (3) = 7; R_H = 4 + 7 = 11. M suffers push-through blocking by L's section on
        // a, a resource M never locks (L inherits H's priority while M is ready): B_M = 4.
        var a = ResponseTimeAnalysis.Analyze(TwoLowerTasksTwoResources(LockProtocol.Inherit));
        Assert.Equal(7, a["H"].Blocking.Value);
        Assert.Equal(new[] { "M:b", "L:a" }, AnalysisJsonWriter.Blockers(a["H"]));
        Assert.Equal(11, a["H"].Wcrt);
        Assert.Equal(4, a["M"].Blocking.Value);
        Assert.Equal(new[] { "L:a" }, AnalysisJsonWriter.Blockers(a["M"]));
        Assert.Equal(5 + 4 + 4, a["M"].Wcrt);          // w = 5 + 4 + ⌈13/50⌉·4 = 13
        Assert.Equal(0, a["L"].Blocking.Value);
        AssertKernelReaches(TwoLowerTasksTwoResources(LockProtocol.Inherit), a, "H");
    }

    [Fact]
    public void Ceiling_blocks_once_the_longest_section_of_one_task()
    {
        // Same set under the immediate priority ceiling: both ceilings are H's priority, so once L holds a,
        // M cannot start its section (it is less urgent than the ceiling): one section, the longest: 4.
        // M is blocked by L's section on a too (ceiling blocking): B_M = 4.
        var a = ResponseTimeAnalysis.Analyze(TwoLowerTasksTwoResources(LockProtocol.Ceiling));
        Assert.Equal(BlockingRule.OneSection, a["H"].Blocking.Rule);
        Assert.Equal(4, a["H"].Blocking.Value);
        Assert.Equal(new[] { "L:a" }, AnalysisJsonWriter.Blockers(a["H"]));
        Assert.Equal(8, a["H"].Wcrt);
        Assert.Equal(4, a["M"].Blocking.Value);
        AssertKernelReaches(TwoLowerTasksTwoResources(LockProtocol.Ceiling), a, "H");
    }

    [Fact]
    public void Inheritance_blocks_once_per_resource_when_that_is_fewer()
    {
        // SRL 1990: m = 1 semaphore, n = 2 jobs: min(2, 1) = 1 section, the longer: 5 (not 5 + 3).
        var set = Set(new[] { R("a", LockProtocol.Inherit) },
            Task("H", 1, 50, L("a", C(1)), C(1)),
            Task("M1", 2, 80, L("a", C(5)), C(1)),
            Task("M2", 3, 100, L("a", C(3)), C(1)));
        var a = ResponseTimeAnalysis.Analyze(set);
        Assert.Equal(BlockingRule.PerResource, a["H"].Blocking.Rule);
        Assert.Equal(5, a["H"].Blocking.Value);
        Assert.Equal(7, a["H"].Wcrt);
        Assert.Equal(3, a["M1"].Blocking.Value);
        AssertKernelReaches(set, a, "H");
    }

    [Fact]
    public void Inheritance_counts_transitive_blocking_through_a_nested_section()
    {
        // SRL 1990, transitive blocking: H waits for a held by M, which waits inside a for b held by L.
        // L inherits H's priority through M, so b enters H's blocking set though H never locks it.
        // Stretches: M's section on a (1 + 1 + 1 = 3, b nested inside), L's section on b (4): B_H = 7.
        var set = Set(new[] { R("a", LockProtocol.Inherit), R("b", LockProtocol.Inherit) },
            Task("H", 1, 50, L("a", C(1)), C(1)),
            Task("M", 2, 80, L("a", C(1), L("b", C(1)), C(1)), C(1)),
            Task("L", 3, 100, L("b", C(4)), C(1)));
        var a = ResponseTimeAnalysis.Analyze(set);
        Assert.Equal(7, a["H"].Blocking.Value);
        Assert.Equal(new[] { "M:a", "L:b" }, AnalysisJsonWriter.Blockers(a["H"]));
        Assert.Equal(9, a["H"].Wcrt);
        Assert.Equal(4, a["M"].Blocking.Value);
        AssertKernelReaches(set, a, "H");
    }

    [Fact]
    public void Ceiling_counts_a_section_nested_inside_a_less_urgent_resource_not_the_outer_one()
    {
        // L holds x (ceiling 3: only L and M lock it) for 6 ticks, with a (ceiling 1, H locks it) nested
        // for 2. H can be blocked only while L holds a: the stretch is the nested section, 2, not 6.
        var set = Set(new[] { R("x", LockProtocol.Ceiling), R("a", LockProtocol.Ceiling) },
            Task("H", 1, 50, L("a", C(1)), C(1)),
            Task("M", 2, 80, L("x", C(2)), C(1)),
            Task("L", 3, 100, L("x", C(3), L("a", C(2)), C(1)), C(1)));
        var a = ResponseTimeAnalysis.Analyze(set);
        Assert.Equal(BlockingRule.OneSection, a["H"].Blocking.Rule);
        Assert.Equal(2, a["H"].Blocking.Value);
        Assert.Equal(new[] { "L:a" }, AnalysisJsonWriter.Blockers(a["H"]));
        Assert.Equal(6, a["M"].Blocking.Value);      // M is blocked by L's whole section on x
        AssertKernelReaches(set, a, "H");
    }

    [Fact]
    public void Push_through_blocking_reaches_a_task_that_locks_nothing()
    {
        var set = Set(new[] { R("a", LockProtocol.Inherit) },
            Task("H", 1, 50, L("a", C(1))), Task("M", 2, 60, C(5)), Task("L", 3, 100, L("a", C(3)), C(1)));
        var a = ResponseTimeAnalysis.Analyze(set);
        Assert.Equal(3, a["M"].Blocking.Value);
        Assert.Equal(new[] { "L:a" }, AnalysisJsonWriter.Blockers(a["M"]));
        Assert.Equal(5 + 3 + 1, a["M"].Wcrt);
        AssertKernelReaches(set, a, "M");
    }

    [Fact]
    public void Plain_lock_with_a_task_in_between_is_unbounded_and_without_one_is_bounded()
    {
        var withMiddle = Set(new[] { R("p", LockProtocol.Plain) },
            Task("H", 1, 50, L("p", C(1))), Task("M", 2, 60, C(5)), Task("L", 3, 100, L("p", C(3)), C(1)));
        var a = ResponseTimeAnalysis.Analyze(withMiddle);
        Assert.Null(a["H"].Wcrt);
        Assert.Null(a["H"].Blocking.Value);
        Assert.Equal(BlockingRule.Unbounded, a["H"].Blocking.Rule);
        Assert.Contains("\"M\" (priority 2)", a["H"].UnboundedReason);
        Assert.False(a["H"].Schedulable);
        // M never waits on p, but L can run its section at its own priority while H waits and M is not yet
        // released, and so push H's job into M's window: L's section counts for M (B 3, R = 5 + 3 + 1).
        Assert.Equal(3, a["M"].Blocking.Value);
        Assert.Equal(9, a["M"].Wcrt);
        Assert.Contains("\"blocking\": null", AnalysisJsonWriter.ToJson(a));

        var noMiddle = Set(new[] { R("p", LockProtocol.Plain) },
            Task("H", 1, 50, L("p", C(1))), Task("L", 3, 100, L("p", C(3)), C(1)));
        var b = ResponseTimeAnalysis.Analyze(noMiddle);
        Assert.Equal(3, b["H"].Blocking.Value);
        Assert.Equal(4, b["H"].Wcrt);
        AssertKernelReaches(noMiddle, b, "H");
    }

    [Fact]
    public void A_ceiling_holder_that_may_wait_inside_its_section_loses_the_one_section_rule()
    {
        // Low holds i (inherit). Mid preempts it, locks c (ceiling 1, H locks it too) and inside waits for i:
        // Low inherits the ceiling and runs its section on i while Mid waits inside c. H, released then,
        // waits for c: it is blocked by Low's section on i AND by Mid's on c. One section (4) would be
        // wrong; the sum is 3 + 4 = 7.
        var set = Set(new[] { R("c", LockProtocol.Ceiling), R("i", LockProtocol.Inherit) },
            Task("H", 1, 50, L("c", C(1))),
            Task("Mid", 2, 60, L("c", C(1), L("i", C(1)), C(1)), C(1)),
            Task("Low", 3, 100, L("i", C(4)), C(1)));
        var a = ResponseTimeAnalysis.Analyze(set);
        Assert.NotEqual(BlockingRule.OneSection, a["H"].Blocking.Rule);
        Assert.Equal(3 + 4, a["H"].Blocking.Value);
        Assert.Equal(8, a["H"].Wcrt);
        AssertKernelReaches(set, a, "H");
    }

    /// <summary>
    /// Runs <paramref name="set"/> on the kernel over a grid of offsets and asserts, for
    /// <paramref name="task"/>, bound − (stretches counted) ≤ worst observed ≤ bound; and for every
    /// other task that no observation exceeds its bound.
    /// </summary>
    private static void AssertKernelReaches(TaskSet set, AnalysisResult a, string task)
    {
        long worst = 0;
        int n = set.Tasks.Count;
        var offsets = new long[n];
        void Explore(int i)
        {
            if (i == n)
            {
                var phasing = new Phasing(0, PhasingKind.AsGiven, offsets.ToArray(), 1, "grid point");
                var sim = TaskSetSimulation.Run(set, new[] { phasing }, new SimulationOptions { Until = 3 * set.Tasks.Max(t => t.Period) });
                var obs = sim.Tasks.ToDictionary(t => t.Name);
                foreach (var t in a.Tasks)
                    if (t.Wcrt is long bound)
                        Assert.True(obs[t.Name].MaxResponse <= bound, $"{t.Name}: observed {obs[t.Name].MaxResponse} > bound {bound} at offsets {string.Join(",", offsets)}");
                worst = Math.Max(worst, obs[task].MaxResponse);
                return;
            }
            long limit = i == n - 1 ? 0 : 6;                // the least urgent task starts at 0; the others at 0..6
            for (long o = 0; o <= limit; o++) { offsets[i] = o; Explore(i + 1); }
        }
        Explore(0);
        var r = a[task];
        Assert.True(r.Wcrt - r.Blocking.Terms.Count <= worst, $"{task}: worst observed {worst}, bound {r.Wcrt} with {r.Blocking.Terms.Count} stretches");
    }
}
