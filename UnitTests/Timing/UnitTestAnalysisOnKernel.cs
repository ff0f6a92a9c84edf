using NfRt.Timing;
using Xunit.Abstractions;

namespace UnitTests.Timing;

/// <summary>
/// The analysis against the real kernel (docs/spec/timing.md §6, §8): generated task sets of every
/// protocol run on the simulated board through <see cref="KernelOracle"/>; no observed response may
/// exceed its bound, and for sets without resources the synchronous release must reach the bound
/// exactly where <see cref="TaskResponse.SynchronousReleaseIsWorst"/> says so.
/// </summary>
public class UnitTestAnalysisOnKernel
{
    private readonly ITestOutputHelper _out;

    public UnitTestAnalysisOnKernel(ITestOutputHelper output) => _out = output;

    [Theory]
    [InlineData(1, 40)]
    public void Observed_responses_never_exceed_the_bound(long seed, int sets)
    {
        var gen = new TaskSetGenerator(new GeneratorOptions { Seed = seed, MaxPeriod = 200, MaxTasks = 6 });
        int exact = 0, exactChecked = 0;
        var failures = new List<string>();
        for (int n = 0; n < sets; n++)
        {
            var set = gen.Generate(n);
            var a = ResponseTimeAnalysis.Analyze(set);
            long horizon = Math.Min(20_000, 2 * Hyperperiod(set) + set.Tasks.Max(t => t.Period));
            var phasings = new List<long[]> { null };
            var rng = SplitMix64.ForItem(seed * 7919 + n, 99);
            for (int p = 0; p < 3; p++) phasings.Add(set.Tasks.Select(t => rng.NextLong(0, t.Period)).ToArray());
            foreach (var offsets in phasings)
            {
                var obs = KernelOracle.Run(set, horizon, offsets, rng);
                foreach (var t in a.Tasks)
                {
                    var o = obs[t.Name];
                    if (t.Wcrt is long bound && o.MaxResponse > bound)
                        failures.Add($"{set.Name} {t.Name}: observed {o.MaxResponse} > bound {bound} (release {o.WorstRelease}, offsets {(offsets == null ? "given" : string.Join(",", offsets))})\n{TaskSetWriter.ToJson(set)}");
                    if (offsets == null && t.SynchronousReleaseIsWorst)
                    {
                        exactChecked++;
                        if (o.MaxResponse == t.Wcrt) exact++;
                        else failures.Add($"{set.Name} {t.Name}: synchronous release observed {o.MaxResponse}, bound {t.Wcrt} (should be equal)\n{TaskSetWriter.ToJson(set)}");
                    }
                }
            }
        }
        _out.WriteLine($"{sets} sets, exact {exact}/{exactChecked}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
    }

    internal static long Hyperperiod(TaskSet set)
    {
        long h = 1;
        foreach (var t in set.Tasks)
        {
            h = h / Gcd(h, t.Period) * t.Period;
            if (h > 1_000_000) return 1_000_000;
        }
        return h;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
