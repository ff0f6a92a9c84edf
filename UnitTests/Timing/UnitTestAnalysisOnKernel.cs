using NfRt.Timing;
using Xunit.Abstractions;

namespace UnitTests.Timing;

/// <summary>
/// The analysis against the real kernel (docs/spec/timing.md §6, §8): a small fixed-seed campaign of
/// generated task sets of every protocol, with nested sections, jitter, equal priorities and
/// arbitrary deadlines, run on the simulated board through <see cref="KernelOracle"/> with the
/// offsets as given (all 0), random phasings, and an adversarial one (less urgent tasks first). No observed response may exceed its bound; where
/// <see cref="TaskResponse.SynchronousReleaseIsWorst"/> holds, the synchronous release must reach it exactly.
/// <para>A bigger run: <c>TIMING_SOAK=SETS</c> (per mode) and <c>TIMING_SOAK_SEED=S</c>, e.g.
/// <c>TIMING_SOAK=200 dotnet test UnitTests --filter UnitTestAnalysisOnKernel</c>.</para>
/// </summary>
public class UnitTestAnalysisOnKernel
{
    private readonly ITestOutputHelper _out;

    public UnitTestAnalysisOnKernel(ITestOutputHelper output) => _out = output;

    public static TheoryData<string> Modes => new() { "default", "nested", "equal+jitter+nested", "arbitrary+jitter+catchup" };

    private static GeneratorOptions Options(string mode, long seed)
    {
        var o = new GeneratorOptions { Seed = seed, MaxPeriod = 150, MaxTasks = 6, MinUtilization = 0.5, MaxUtilization = 0.95 };
        return mode switch
        {
            "nested" => o with { ResourceFreeShare = 0, Protocols = ProtocolMix.Random, NestingChance = 0.9, MaxSectionShare = 0.9, LockingShare = 1 },
            "equal+jitter+nested" => o with { ResourceFreeShare = 0.2, EqualPriorityChance = 0.4, MaxJitterShare = 0.5, NestingChance = 0.9, MaxSectionShare = 0.9 },
            "arbitrary+jitter+catchup" => o with { Deadlines = DeadlineMode.Arbitrary, MaxJitterShare = 0.5, CatchUpChance = 0.5 },
            _ => o,
        };
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Observed_responses_never_exceed_the_bound(string mode)
    {
        int sets = int.TryParse(Environment.GetEnvironmentVariable("TIMING_SOAK"), out int n) ? n : 8;
        long seed = long.TryParse(Environment.GetEnvironmentVariable("TIMING_SOAK_SEED"), out long s) ? s : 17;
        var gen = new TaskSetGenerator(Options(mode, seed));
        int exact = 0, exactChecked = 0, bounded = 0, runs = 0;
        double ratio = 0;
        var failures = new List<string>();
        for (int k = 0; k < sets; k++)
        {
            var set = gen.Generate(k);
            var a = ResponseTimeAnalysis.Analyze(set);
            long horizon = Math.Min(20_000, 3 * Hyperperiod(set) + set.Tasks.Max(t => t.Period));
            var rng = SplitMix64.ForItem(seed * 7919 + k, 99);
            var phasings = new List<long[]> { null };
            for (int p = 0; p < 2; p++) phasings.Add(set.Tasks.Select(t => rng.NextLong(0, t.Period)).ToArray());
            // adversarial: tasks less urgent than a pivot start at 0 (and take their locks), the pivot and
            // everything more urgent arrive 1-3 ticks later, while those sections are held
            int pivot = set.Tasks[rng.NextInt(0, set.Tasks.Count - 1)].Priority;
            phasings.Add(set.Tasks.Select(t => t.Priority > pivot ? 0 : rng.NextLong(1, 3)).ToArray());
            foreach (var offsets in phasings)
            {
                var obs = KernelOracle.Run(set, horizon, offsets, rng);
                foreach (var t in a.Tasks)
                {
                    var o = obs[t.Name];
                    runs++;
                    if (t.Wcrt is long bound)
                    {
                        bounded++;
                        ratio += (double)o.MaxResponse / bound;
                        if (o.MaxResponse > bound)
                            failures.Add($"{set.Name} {t.Name}: observed {o.MaxResponse} > bound {bound} (job released {o.WorstRelease}, offsets {(offsets == null ? "as given" : string.Join(",", offsets))})\n{TaskSetWriter.ToJson(set)}");
                    }
                    if (offsets == null && t.SynchronousReleaseIsWorst)
                    {
                        exactChecked++;
                        if (o.MaxResponse == t.Wcrt) exact++;
                        else failures.Add($"{set.Name} {t.Name}: synchronous release observed {o.MaxResponse}, bound {t.Wcrt}: should be equal\n{TaskSetWriter.ToJson(set)}");
                    }
                }
            }
        }
        _out.WriteLine($"{mode}: {sets} sets, {runs} task runs, {bounded} bounded, mean observed/bound {ratio / Math.Max(1, bounded):0.000}, exact {exact}/{exactChecked}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(3)));
        Assert.True(bounded > runs / 2, $"only {bounded} of {runs} runs had a bound to check");
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
