using NfRt.Timing;

namespace UnitTests.Timing;

/// <summary>
/// The generator (docs/spec/timing.md §7): deterministic per seed and index, valid sets only, UUniFast
/// utilisations that sum to the target, periods in range, distinct deadline-monotonic priorities, a fixed
/// lock order, every protocol exercised.
/// </summary>
public class UnitTestTaskSetGenerator
{
    [Fact]
    public void The_same_seed_gives_the_same_sets_and_set_k_does_not_depend_on_the_others()
    {
        var a = new TaskSetGenerator(new GeneratorOptions { Seed = 42 });
        var b = new TaskSetGenerator(new GeneratorOptions { Seed = 42 });
        var first = a.GenerateMany(20).Select(TaskSetWriter.ToJson).ToList();
        Assert.Equal(first, b.GenerateMany(20).Select(TaskSetWriter.ToJson));
        Assert.Equal(first[17], TaskSetWriter.ToJson(new TaskSetGenerator(new GeneratorOptions { Seed = 42 }).Generate(17)));
        Assert.NotEqual(first, new TaskSetGenerator(new GeneratorOptions { Seed = 43 }).GenerateMany(20).Select(TaskSetWriter.ToJson));
        Assert.Equal(20, first.Distinct().Count());
    }

    [Fact]
    public void A_known_seed_gives_a_known_first_set()
    {
        // pins the sequence: PortableMath and SplitMix64 make it the same on every machine
        var set = new TaskSetGenerator(new GeneratorOptions { Seed = 1 }).Generate(0);
        Assert.Equal("gen-1-00000", set.Name);
        Assert.Equal(TaskSetWriter.ToJson(set), TaskSetWriter.ToJson(new TaskSetGenerator(new GeneratorOptions { Seed = 1 }).Generate(0)));
        Assert.Equal(GoldenFirstSetDigest, Digest(TaskSetWriter.ToJson(set)));
    }

    /// <summary>SHA-256 prefix of <c>Generate(0)</c> under seed 1 (changes only if the generator's algorithm changes).</summary>
    private const string GoldenFirstSetDigest = "30F925A8A6F75167";

    private static string Digest(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];

    [Fact]
    public void Generated_sets_are_valid_and_follow_the_options()
    {
        var o = new GeneratorOptions { Seed = 7, MinTasks = 2, MaxTasks = 9, MinPeriod = 50, MaxPeriod = 500, MinUtilization = 0.4, MaxUtilization = 0.8 };
        var gen = new TaskSetGenerator(o);
        var protocols = new HashSet<LockProtocol>();
        int free = 0, nested = 0, mixed = 0;
        foreach (var set in gen.GenerateMany(400))
        {
            Assert.Empty(TaskSetValidator.Problems(set));
            Assert.InRange(set.Tasks.Count, 2, 9);
            Assert.All(set.Tasks, t => Assert.InRange(t.Period, 50, 500));
            Assert.All(set.Tasks, t => Assert.InRange(t.Wcet, 1, t.Period));
            Assert.Equal(set.Tasks.Count, set.Tasks.Select(t => t.Priority).Distinct().Count());
            // deadline monotonic: a shorter deadline never has a less urgent priority
            foreach (var x in set.Tasks) foreach (var y in set.Tasks)
                if (x.Deadline < y.Deadline) Assert.True(x.Priority < y.Priority);
            double u = set.Tasks.Sum(t => (double)t.Wcet / t.Period);
            Assert.InRange(u, 0.4 - 0.1, 0.8 + 0.1);        // C rounded to whole ticks (at least 1) moves U by up to 0.5/50 per task
            Assert.InRange(set.Resources.Count, 0, 4);
            if (set.Resources.Count == 0) free++;
            foreach (var r in set.Resources) protocols.Add(r.Protocol);
            if (set.Resources.Select(r => r.Protocol).Distinct().Count() > 1) mixed++;
            if (set.Tasks.Any(t => t.Body.OfType<LockSegment>().Any(l => l.Body.OfType<LockSegment>().Any()))) nested++;
        }
        Assert.Equal(3, protocols.Count);
        Assert.InRange(free, 60, 180);                       // 30 % of 400, give or take
        Assert.True(nested > 20, $"nested sections in {nested} sets");
        Assert.True(mixed > 10, $"mixed protocols in {mixed} sets");
    }

    [Fact]
    public void UUniFast_utilisations_are_non_negative_and_sum_to_the_target()
    {
        var rng = new SplitMix64(5);
        for (int k = 0; k < 1000; k++)
        {
            int n = rng.NextInt(1, 12);
            double total = 0.05 + rng.NextDouble();
            var u = UUniFast.Draw(rng, n, total);
            Assert.Equal(n, u.Length);
            Assert.All(u, x => Assert.True(x >= 0));
            Assert.Equal(total, u.Sum(), 9);
        }
    }

    [Fact]
    public void Portable_log_and_exp_agree_with_the_platform_to_a_few_ulps()
    {
        var rng = new SplitMix64(9);
        for (int k = 0; k < 10000; k++)
        {
            double x = PortableMath.Exp(rng.NextDouble() * 40 - 20);
            Assert.Equal(Math.Log(x), PortableMath.Log(x), 1e-12 * Math.Max(1, Math.Abs(Math.Log(x))));
            double y = rng.NextDouble() * 20 - 10;
            Assert.Equal(Math.Exp(y), PortableMath.Exp(y), Math.Exp(y) * 1e-13);
        }
    }

    [Fact]
    public void Bad_options_are_refused_naming_the_problem()
    {
        Assert.Contains("tasks", Assert.Throws<ArgumentException>(() => new TaskSetGenerator(new GeneratorOptions { MinTasks = 5, MaxTasks = 3 })).Message);
        Assert.Contains("utilisation", Assert.Throws<ArgumentException>(() => new TaskSetGenerator(new GeneratorOptions { MaxUtilization = 1.5 })).Message);
        Assert.Contains("periods", Assert.Throws<ArgumentException>(() => new TaskSetGenerator(new GeneratorOptions { MinPeriod = 0 })).Message);
        Assert.Contains("jitter share", Assert.Throws<ArgumentException>(() => new TaskSetGenerator(new GeneratorOptions { MaxJitterShare = -0.1 })).Message);
    }
}
