using NfRt.Timing;
using Xunit.Abstractions;

namespace UnitTests.Timing;

public class ExploreCampaign
{
    private readonly ITestOutputHelper _out;
    public ExploreCampaign(ITestOutputHelper output) => _out = output;

    [SkippableFact]
    public void Explore()
    {
        string spec = Environment.GetEnvironmentVariable("TIMING_EXPLORE");
        Skip.If(spec == null);
        var parts = spec.Split(':');
        long seed = long.Parse(parts[0]); int count = int.Parse(parts[1]); string mode = parts[2];
        var o = new GeneratorOptions { Seed = seed, MaxPeriod = 150, MaxTasks = 6, MinUtilization = 0.5, MaxUtilization = 0.95 };
        if (mode.Contains('j')) o = o with { MaxJitterShare = 0.5 };
        if (mode.Contains('e')) o = o with { EqualPriorityChance = 0.4 };
        if (mode.Contains('c')) o = o with { CatchUpChance = 0.5 };
        if (mode.Contains('a')) o = o with { Deadlines = DeadlineMode.Arbitrary };
        if (mode.Contains('i')) o = o with { Protocols = ProtocolMix.Inherit, ResourceFreeShare = 0 };
        if (mode.Contains('C')) o = o with { Protocols = ProtocolMix.Ceiling, ResourceFreeShare = 0 };
        if (mode.Contains('p')) o = o with { Protocols = ProtocolMix.Plain, ResourceFreeShare = 0 };
        if (mode.Contains('m')) o = o with { Protocols = ProtocolMix.Mixed, ResourceFreeShare = 0 };
        if (mode.Contains('n')) o = o with { NestingChance = 0.9, MaxSectionShare = 0.9, LockingShare = 1 };
        if (mode.Contains('u')) o = o with { MinUtilization = 0.9, MaxUtilization = 1.0 };
        var gen = new TaskSetGenerator(o);
        var failures = new List<string>();
        int bounded = 0, total = 0; double sumRatio = 0;
        for (int n = 0; n < count; n++)
        {
            var set = gen.Generate(n);
            var a = ResponseTimeAnalysis.Analyze(set);
            long horizon = Math.Min(30_000, 3 * UnitTestAnalysisOnKernel.Hyperperiod(set) + set.Tasks.Max(t => t.Period));
            var rng = SplitMix64.ForItem(seed * 7919 + n, 99);
            var phasings = new List<long[]> { null };
            for (int p = 0; p < 4; p++) phasings.Add(set.Tasks.Select(t => rng.NextLong(0, t.Period)).ToArray());
            foreach (var offsets in phasings)
            {
                var obs = KernelOracle.Run(set, horizon, offsets, rng);
                foreach (var t in a.Tasks)
                {
                    var ob = obs[t.Name];
                    total++;
                    if (t.Wcrt is long bound)
                    {
                        bounded++; sumRatio += (double)ob.MaxResponse / bound;
                        if (ob.MaxResponse > bound)
                            failures.Add($"{set.Name} {t.Name}: observed {ob.MaxResponse} > bound {bound} (release {ob.WorstRelease}, offsets {(offsets == null ? "given" : string.Join(",", offsets))})\n{TaskSetWriter.ToJson(set)}\n{AnalysisTextWriter.ToText(a)}");
                    }
                }
            }
        }
        _out.WriteLine($"{count} sets, {total} task runs, bounded {bounded}, mean observed/bound {sumRatio / Math.Max(1, bounded):0.000}, failures {failures.Count}");
        foreach (var f in failures.Take(3)) _out.WriteLine(f);
        Assert.Empty(failures);
    }
}
