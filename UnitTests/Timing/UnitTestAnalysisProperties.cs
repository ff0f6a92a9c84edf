using CsCheck;
using NfRt.Timing;
using static UnitTests.Timing.TaskSetBuilder;

namespace UnitTests.Timing;

/// <summary>
/// Properties of the analysis (CsCheck, random task sets, shrunk on failure): sufficient utilisation
/// bounds imply schedulable, bounds grow with work, less urgent tasks never change more urgent bounds,
/// and the results are deterministic and survive a write/read round trip of the set.
/// </summary>
public class UnitTestAnalysisProperties
{
    /// <summary>1-6 resource-free tasks (C 1..20, T 2..200), rate-monotonic distinct priorities.</summary>
    private static readonly Gen<(int C, int T)[]> Tasks = Gen.Select(Gen.Int[1, 20], Gen.Int[2, 200], (c, t) => (c, Math.Max(c, t))).Array[1, 6];

    private static TaskSet RateMonotonic((int C, int T)[] ts)
    {
        var order = ts.Select((t, i) => (t, i)).OrderBy(p => p.t.T).ThenBy(p => p.i).Select(p => p.i).ToList();
        return Set(ts.Select((t, i) => Task($"t{i}", order.IndexOf(i) + 1, t.T, C(t.C))).ToArray());
    }

    [Fact]
    public void Under_the_Liu_and_Layland_bound_every_rate_monotonic_set_is_schedulable()
    {
        // Liu and Layland (1973): U <= n(2^(1/n) - 1) suffices under RM with D = T.
        Tasks.Sample(ts =>
        {
            double u = ts.Sum(t => (double)t.C / t.T), n = ts.Length;
            if (u > n * (Math.Pow(2, 1 / n) - 1)) return true;
            return ResponseTimeAnalysis.Analyze(RateMonotonic(ts)).Schedulable;
        }, iter: 3000);
    }

    [Fact]
    public void Under_the_hyperbolic_bound_every_rate_monotonic_set_is_schedulable()
    {
        // Bini, Buttazzo and Buttazzo, "Rate monotonic analysis: the hyperbolic bound" (IEEE ToC 2003): Π(U_i + 1) <= 2 suffices.
        Tasks.Sample(ts =>
        {
            double p = ts.Aggregate(1.0, (acc, t) => acc * ((double)t.C / t.T + 1));
            return p > 2 || ResponseTimeAnalysis.Analyze(RateMonotonic(ts)).Schedulable;
        }, iter: 3000);
    }

    [Fact]
    public void A_bound_is_at_least_its_own_work_and_grows_with_more_urgent_work()
    {
        Gen.Select(Tasks, Gen.Int[0, 5], (ts, k) => (ts, k)).Sample(c =>
        {
            var (ts, k) = c;
            var set = RateMonotonic(ts);
            var before = ResponseTimeAnalysis.Analyze(set);
            foreach (var t in before.Tasks) if (t.Wcrt is long r && r < t.Wcet) return false;
            // one more tick for task k (mod n): its own bound grows by at least one, no bound shrinks
            int j = k % ts.Length;
            if (ts[j].C >= ts[j].T) return true;              // C + 1 would not fit in the period
            var bigger = ts.Select((t, i) => i == j ? (t.C + 1, t.T) : t).ToArray();
            var after = ResponseTimeAnalysis.Analyze(RateMonotonic(bigger));
            for (int i = 0; i < ts.Length; i++)
            {
                var b = before.Tasks[i].Wcrt; var a = after.Tasks[i].Wcrt;
                if (b == null) { if (a != null) return false; continue; }
                if (a != null && a < b) return false;
                if (i == j && a != null && a < b + 1) return false;
            }
            return true;
        }, iter: 2000);
    }

    [Fact]
    public void A_less_urgent_task_without_locks_changes_no_more_urgent_bound()
    {
        Gen.Select(Tasks, Gen.Int[1, 30], Gen.Int[2, 400], (ts, c, t) => (ts, c, t)).Sample(x =>
        {
            var set = RateMonotonic(x.ts);
            var extra = Set(set.Tasks.Append(Task("low", set.Tasks.Count + 1, Math.Max(x.c, x.t), C(x.c))).ToArray());
            var a = ResponseTimeAnalysis.Analyze(set);
            var b = ResponseTimeAnalysis.Analyze(extra);
            return a.Tasks.Select(t => t.Wcrt).SequenceEqual(b.Tasks.Take(set.Tasks.Count).Select(t => t.Wcrt));
        }, iter: 2000);
    }

    [Fact]
    public void Generated_sets_with_locks_keep_the_bound_above_work_plus_blocking_and_round_trip_through_the_file_format()
    {
        Gen.Long[0, 1_000_000].Sample(seed =>
        {
            var gen = new TaskSetGenerator(new GeneratorOptions { Seed = seed, ResourceFreeShare = 0, EqualPriorityChance = 0.2, MaxJitterShare = 0.2, Deadlines = DeadlineMode.Arbitrary });
            var set = gen.Generate(0);
            var a = ResponseTimeAnalysis.Analyze(set);
            string json = AnalysisJsonWriter.ToJson(a);
            var again = ResponseTimeAnalysis.Analyze(TaskSetReader.Parse(TaskSetWriter.ToJson(set), set.Name));
            if (AnalysisJsonWriter.ToJson(again) != json) return false;
            if (AnalysisTextWriter.ToText(again) != AnalysisTextWriter.ToText(a)) return false;
            int leastUrgent = set.Tasks.Max(t => t.Priority);
            foreach (var t in a.Tasks)
            {
                if (t.Wcrt is long r && t.Blocking.Value is long b && r < t.Wcet + b + t.Task.Jitter) return false;
                if (t.Task.Priority == leastUrgent && t.Blocking.Value != 0) return false;   // nobody less urgent to block it
                if (t.Blocking.Value is long bb && bb != t.Blocking.Terms.Sum(term => term.Length)) return false;
                if (t.Blocking.Terms.Any(term => term.Stretch.Task.Priority <= t.Task.Priority)) return false;   // blockers are less urgent
            }
            return true;
        }, iter: 500);
    }

    [Fact]
    public void Switching_every_resource_from_inheritance_to_ceiling_never_raises_a_blocking_term()
    {
        // Same sections: under the immediate ceiling a task is blocked by one stretch at most, under
        // inheritance by up to one per task or per resource, so the ceiling's B is never larger.
        Gen.Long[0, 1_000_000].Sample(seed =>
        {
            var set = new TaskSetGenerator(new GeneratorOptions { Seed = seed, ResourceFreeShare = 0, Protocols = ProtocolMix.Inherit, LockingShare = 1 }).Generate(0);
            var inherit = ResponseTimeAnalysis.Analyze(set);
            var ceiling = ResponseTimeAnalysis.Analyze(WithProtocol(set, LockProtocol.Ceiling));
            for (int i = 0; i < set.Tasks.Count; i++)
                if (ceiling.Tasks[i].Blocking.Value > inherit.Tasks[i].Blocking.Value) return false;
            return true;
        }, iter: 500);
    }
}
