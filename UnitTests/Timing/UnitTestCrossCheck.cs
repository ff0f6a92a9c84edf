using NfRt.Timing;
using static UnitTests.Timing.TaskSetBuilder;

namespace UnitTests.Timing;

/// <summary>
/// The engine of <c>simulate</c>, <c>check</c> and <c>campaign</c> (docs/spec/timing.md §6): the phasing plan, the
/// jitter draws, open jobs at the horizon, and the comparison — including its failure paths, driven honestly by an
/// analysis of a different set (a compute step shortened or lengthened) than the one that runs.
/// </summary>
public class UnitTestCrossCheck
{
    private static TaskSet SensorBus => TaskSetReader.ReadFile(TaskSetFiles.Example("sensor-bus.json"));

    /// <summary>The set with task <paramref name="task"/>'s first compute step changed by <paramref name="delta"/> ticks.</summary>
    internal static TaskSet WithCompute(TaskSet set, string task, long delta) =>
        new(set.Name, set.Resources, set.Tasks.Select(t => t.Name != task ? t
            : new TaskSpec(t.Name, t.Priority, t.Period, Changed(t.Body, delta), t.DeadlineGiven ? t.Deadline : null, t.Offset, t.Jitter, t.Overrun)).ToList());

    private static IReadOnlyList<Segment> Changed(IReadOnlyList<Segment> body, long delta)
    {
        var list = body.ToList();
        int i = list.FindIndex(s => s is ComputeSegment);
        list[i] = new ComputeSegment(((ComputeSegment)list[i]).Ticks + delta);
        return list;
    }

    [Fact]
    public void The_plan_is_as_given_then_synchronous_then_the_search_and_is_seeded()
    {
        var set = SensorBus;                                            // logger has offset 5
        var plan = PhasingPlan.Make(set, 6, 3);
        Assert.Equal(1 + 1 + 6, plan.Count);
        Assert.Equal(PhasingKind.AsGiven, plan[0].Kind);
        Assert.Equal(new long[] { 0, 5 }, plan[0].Offsets);
        Assert.Equal((PhasingKind.Synchronous, true), (plan[1].Kind, plan[1].IsSynchronous));
        Assert.Equal(new[] { PhasingKind.Adversarial, PhasingKind.Random }, plan.Skip(2).Take(2).Select(p => p.Kind));
        Assert.Equal(Enumerable.Range(0, plan.Count), plan.Select(p => p.Index));
        Assert.Equal(plan.Select(p => 3L + p.Index), plan.Select(p => p.JitterSeed));
        Assert.Equal(plan.Select(p => string.Join(",", p.Offsets)), PhasingPlan.Make(set, 6, 3).Select(p => string.Join(",", p.Offsets)));
        Assert.NotEqual(plan.Skip(2).Select(p => string.Join(",", p.Offsets)), PhasingPlan.Make(set, 6, 4).Skip(2).Select(p => string.Join(",", p.Offsets)));
        var synchronousFile = Set(Array.Empty<ResourceSpec>(), Task("a", 1, 10, C(1)));
        Assert.Equal(new[] { PhasingKind.AsGiven, PhasingKind.Random }, PhasingPlan.Make(synchronousFile, 1, 1).Select(p => p.Kind));   // no lock: no adversarial
    }

    /// <summary>
    /// The adversarial phasing: logger (the only task with a more urgent one) is released at 0 and takes bus at once;
    /// control comes 1..5 ticks later, while logger holds it (bus is 5 ticks long with the nested log section).
    /// </summary>
    [Fact]
    public void An_adversarial_phasing_releases_the_urgent_group_while_the_holder_is_in_its_section()
    {
        foreach (var p in PhasingPlan.Make(SensorBus, 20, 11).Where(p => p.Kind == PhasingKind.Adversarial))
        {
            Assert.Equal(0, p.Offsets[1]);
            Assert.InRange(p.Offsets[0], 1, 5);
            Assert.Contains("logger released at 0 locks", p.Why);
        }
    }

    /// <summary>
    /// high and low share bus; as given both start at 0 and high, more urgent, runs first: no blocking. The search
    /// finds the release of high one tick into low's 4-tick section: high waits 3 ticks, response 4 — the bound (1 + 4)
    /// less the first tick of the section low always runs before (§5.5).
    /// </summary>
    [Fact]
    public void The_search_finds_the_blocking_the_offsets_as_given_miss()
    {
        var set = Set(new[] { R("bus", LockProtocol.Inherit) },
            Task("high", 1, 100, L("bus", C(1))),
            Task("low", 2, 100, L("bus", C(4))));
        var asGiven = TaskSetSimulation.Run(set, new SimulationOptions { Search = 0 });
        Assert.Equal(1, asGiven.Tasks[0].MaxResponse);
        var searched = CrossCheck.Run(set, new SimulationOptions { Search = 10, Seed = 1 });
        Assert.Equal(5, searched.Tasks[0].Bound);
        Assert.Equal(4, searched.Tasks[0].Observed);
        Assert.Equal(3, searched.Simulation.Tasks[0].MaxBlocking);
        Assert.Equal(PhasingKind.Adversarial, searched.Simulation.Runs[searched.Tasks[0].WorstPhasing].Phasing.Kind);
        Assert.True(searched.Passed);
    }

    /// <summary>Jitter from the file is applied: a job starts 0..J after its release and its response counts from the release.</summary>
    [Fact]
    public void Jitter_is_applied_and_the_draws_are_seeded_and_bounded()
    {
        var draws = new JitterDraws(7, new long[] { 3, 0 });
        var values = Enumerable.Range(0, 300).Select(j => draws.Delay(0, j)).ToList();
        Assert.All(values, v => Assert.InRange(v, 0, 3));
        Assert.Contains(0L, values);
        Assert.Contains(3L, values);
        Assert.Equal(values, Enumerable.Range(0, 300).Select(j => new JitterDraws(7, new long[] { 3, 0 }).Delay(0, j)));
        Assert.All(Enumerable.Range(0, 50), j => Assert.Equal(0, draws.Delay(1, j)));
        var idle = Task("idle", 5, 97, C(1));                            // makes the hyperperiod 970 ticks: 97 jobs of j
        var set = Set(Array.Empty<ResourceSpec>(), Task("j", 1, 10, null, 3, C(2)), idle);
        var r = TaskSetSimulation.Run(set, new SimulationOptions());
        Assert.Equal(5, r.Tasks[0].MaxResponse);                         // a draw of J = 3, then 2 ticks
        var still = TaskSetSimulation.Run(Set(Array.Empty<ResourceSpec>(), Task("j", 1, 10, C(2)), idle), new SimulationOptions());
        Assert.Equal(2, still.Tasks[0].MaxResponse);
    }

    /// <summary>A job whose compute has not all run at the horizon counts with its age (its response is at least that).</summary>
    [Fact]
    public void A_job_open_at_the_horizon_counts_with_its_age()
    {
        var set = Set(Array.Empty<ResourceSpec>(), Task("long", 1, 100, C(50)));
        var r = TaskSetSimulation.Run(set, new SimulationOptions { Until = 10 });
        Assert.Equal((10L, true, 0L), (r.Tasks[0].MaxResponse, r.Tasks[0].OpenAtHorizon, r.Tasks[0].Jobs));
        var waiting = TaskSetSimulation.Run(Set(Array.Empty<ResourceSpec>(), Task("hog", 1, 100, C(30)), Task("starved", 2, 100, C(1))),
            new SimulationOptions { Until = 12 });
        Assert.Equal((12L, true), (waiting.Tasks[1].MaxResponse, waiting.Tasks[1].OpenAtHorizon));   // released at 0, never ran
    }

    [Fact]
    public void Without_a_wrong_bound_the_examples_pass_and_unbounded_tasks_are_named_not_judged()
    {
        var ok = CrossCheck.Run(SensorBus, new SimulationOptions { Search = 10 });
        Assert.True(ok.Passed);
        Assert.Null(ok.Offending);
        var plain = CrossCheck.Run(TaskSetReader.ReadFile(TaskSetFiles.Example("plain-inversion.json")), new SimulationOptions { Search = 4 });
        Assert.Equal(CheckOutcome.NoBound, plain.Tasks.Single(t => t.Name == "high").Outcome);
        Assert.True(plain.Passed);
    }

    /// <summary>
    /// The failure paths, driven by analysing a different set than the one run: with task c one tick shorter the
    /// analysis bounds c below what the kernel observes (a violation, found at the synchronous release); with task a
    /// one tick longer, a's bound is above what the synchronous release observes (an inexact match, §6).
    /// </summary>
    [Fact]
    public void A_bound_below_the_observation_is_a_violation_and_one_above_a_marked_task_is_inexact()
    {
        var set = TaskSetReader.ReadFile(TaskSetFiles.Example("burns-wellings-rta.json"));
        var sim = TaskSetSimulation.Run(set, new SimulationOptions { Search = 2 });
        var wrongLow = CrossCheck.Compare(ResponseTimeAnalysis.Analyze(WithCompute(set, "c", -1)), sim);
        var c = wrongLow.Tasks.Single(t => t.Name == "c");
        Assert.Equal(CheckOutcome.Violation, c.Outcome);
        Assert.True(c.Observed > c.Bound);
        Assert.False(wrongLow.Sound);
        Assert.NotNull(wrongLow.Offending);
        Assert.Equal(c.WorstPhasing, wrongLow.Offending.Index);
        var wrongHigh = CrossCheck.Compare(ResponseTimeAnalysis.Analyze(WithCompute(set, "a", +1)), sim);
        var a = wrongHigh.Tasks.Single(t => t.Name == "a");
        Assert.Equal(CheckOutcome.Inexact, a.Outcome);
        Assert.Equal((4L, 3L), (a.Bound.Value, a.SynchronousObserved.Value));
        Assert.True(wrongHigh.Sound);
        Assert.False(wrongHigh.Exact);
        Assert.Throws<ArgumentException>(() => CrossCheck.Compare(ResponseTimeAnalysis.Analyze(SensorBus), sim));   // other tasks
    }
}
