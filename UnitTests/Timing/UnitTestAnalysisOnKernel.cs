using NfRt.Timing;
using Xunit.Abstractions;

namespace UnitTests.Timing;

/// <summary>
/// The analysis against the real kernel (docs/spec/timing.md §6, §8): a small fixed-seed campaign of generated task
/// sets of every protocol, with nested sections, jitter, equal priorities, offsets and arbitrary deadlines, through
/// <see cref="Campaign"/> — the code path of the <c>campaign</c> command (<see cref="CrossCheck"/>, the phasings of
/// <see cref="PhasingPlan"/>, <see cref="TaskSetRunner"/> with invariant checks on). No observed response may exceed
/// its bound; where <see cref="TaskResponse.SynchronousReleaseIsWorst"/> holds, the synchronous release must reach it
/// exactly; no kernel fault.
/// <para>A bigger run: <c>TIMING_SOAK=SETS</c> (per mode) and <c>TIMING_SOAK_SEED=S</c>, e.g.
/// <c>TIMING_SOAK=200 dotnet test UnitTests --filter UnitTestAnalysisOnKernel</c>, or the <c>campaign</c> command
/// (docs/TIMING-EVIDENCE.md).</para>
/// </summary>
public class UnitTestAnalysisOnKernel
{
    private readonly ITestOutputHelper _out;

    public UnitTestAnalysisOnKernel(ITestOutputHelper output) => _out = output;

    public static TheoryData<string> Modes => new() { "default", "nested", "equal+jitter+nested", "arbitrary+jitter+catchup+offsets" };

    private static GeneratorOptions Options(string mode, long seed)
    {
        var o = new GeneratorOptions { Seed = seed, MaxPeriod = 150, MaxTasks = 6, MinUtilization = 0.5, MaxUtilization = 0.95 };
        return mode switch
        {
            "nested" => o with { ResourceFreeShare = 0, Protocols = ProtocolMix.Random, NestingChance = 0.9, MaxSectionShare = 0.9, LockingShare = 1 },
            "equal+jitter+nested" => o with { ResourceFreeShare = 0.2, EqualPriorityChance = 0.4, MaxJitterShare = 0.5, NestingChance = 0.9, MaxSectionShare = 0.9 },
            "arbitrary+jitter+catchup+offsets" => o with { Deadlines = DeadlineMode.Arbitrary, MaxJitterShare = 0.5, CatchUpChance = 0.5, MaxOffsetShare = 0.5 },
            _ => o,
        };
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Observed_responses_never_exceed_the_bound(string mode)
    {
        int sets = int.TryParse(Environment.GetEnvironmentVariable("TIMING_SOAK"), out int n) ? n : 8;
        long seed = long.TryParse(Environment.GetEnvironmentVariable("TIMING_SOAK_SEED"), out long s) ? s : 17;
        var r = Campaign.Run(Options(mode, seed), sets, new SimulationOptions { Search = 4, Seed = seed, Until = 3_000 });
        _out.WriteLine($"{mode}: {r.Sets} sets, {r.Tasks} tasks, {r.TasksBounded} bounded, {r.Phasings} phasings, mean observed/bound "
            + $"{(r.Ratios.Count == 0 ? 0 : r.Ratios.Average()):0.000}, exact {r.ExactMatched}/{r.ExactChecked}");
        Assert.True(r.Passed, string.Join("\n", r.Failures.Take(3).Select(f => $"{f.Name}: {f.What}")));
        Assert.Equal(0, r.Violations);
        Assert.Equal(r.ExactChecked, r.ExactMatched);
        Assert.True(r.TasksBounded > r.Tasks / 2, $"only {r.TasksBounded} of {r.Tasks} tasks had a bound to check");
        Assert.Equal(sets * (1 + 4), r.Phasings - Enumerable.Range(0, sets).Count(k => !new TaskSetGenerator(Options(mode, seed)).Generate(k).Tasks.All(t => t.Offset == 0)));
    }

    /// <summary>The same campaign twice gives the same figures (the phasings and jitter draws are seeded, the kernel deterministic).</summary>
    [Fact]
    public void A_campaign_is_reproducible()
    {
        var o = Options("equal+jitter+nested", 5);
        var sim = new SimulationOptions { Search = 2, Seed = 9, Until = 2_000 };
        var a = Campaign.Run(o, 3, sim);
        var b = Campaign.Run(o, 3, sim);
        Assert.Equal(a.Ratios, b.Ratios);
        Assert.Equal((a.SimulatedTicks, a.ExactChecked, a.TasksBounded), (b.SimulatedTicks, b.ExactChecked, b.TasksBounded));
    }

    /// <summary>
    /// The campaign's failure path, driven through its analysis seam: every set (resource-free) is analysed with its longest task one
    /// compute tick shorter than the set that runs, so that task's bound is below what the kernel does. Each such set is
    /// counted as a violation and named by generator seed and index, and <c>generate --seed</c> remakes exactly that set.
    /// </summary>
    [Fact]
    public void A_campaign_counts_and_names_the_sets_whose_bound_the_kernel_exceeds()
    {
        var o = Options("default", 23) with { ResourceFreeShare = 1 };
        var sim = new SimulationOptions { Search = 2, Seed = 3, Until = 2_000 };
        var r = Campaign.Run(o, 3, sim, analyze: set => ResponseTimeAnalysis.Analyze(UnitTestCrossCheck.WithCompute(set, set.Tasks.OrderByDescending(t => t.Wcet).First().Name, -1)));
        Assert.False(r.Passed);
        Assert.True(r.Violations >= 1, $"{r.Violations} violations");
        Assert.NotEmpty(r.Failures);
        foreach (var f in r.Failures)
        {
            Assert.Equal(23, f.Seed);
            Assert.Equal(f.Name, new TaskSetGenerator(o).Generate(f.Index).Name);
        }
        Assert.True(Campaign.Run(o, 3, sim).Passed, "the same sets with the real analysis pass");
    }
}
