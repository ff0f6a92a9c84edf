using System.Text;
using System.Globalization;
using System.Text.Json;
using NfRt.Harness;
using NfRt.Timing;

namespace NfRt.Simulator.TimingReports;

/// <summary>
/// <c>campaign</c>'s outputs (docs/spec/timing.md §7): task sets, tasks, soundness violations, the exact-match rate over
/// the tasks §6 marks, the observed/bound distribution of the tasks of sets with resources and of those of them with a
/// blocking term above 0 (min, deciles, median, mean, max and a 10 % histogram), the speed, and the first failures by generator seed and index. The JSON has the
/// same figures: <c>sets</c>, <c>setsWithResources</c>, <c>tasks</c>, <c>tasksBounded</c>, <c>tasksWithoutBound</c>,
/// <c>violations</c>, <c>exactChecked</c>, <c>exactMatched</c>, <c>kernelFaults</c>, <c>phasings</c>,
/// <c>simulatedTicks</c>, <c>seconds</c>, <c>setsPerSecond</c>, <c>ticksPerSecond</c>, <c>ratio</c> (<c>count</c>,
/// <c>min</c>, <c>median</c>, <c>mean</c>, <c>max</c>, <c>deciles</c> p10..p90, <c>histogram</c> 10 buckets),
/// <c>blockedRatio</c> (the same for the tasks with a blocking term > 0),
/// <c>passed</c> and <c>failures</c> (<c>seed</c>, <c>index</c>, <c>name</c>, <c>what</c>).
/// </summary>
public static class CampaignReport
{
    /// <summary>How many failures are listed.</summary>
    public const int FailuresShown = 10;

    private static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>The text output.</summary>
    public static string ToText(CampaignResult r, GeneratorOptions g, SimulationOptions s, int first)
    {
        var sb = new StringBuilder();
        sb.Append($"campaign: generator seed {g.Seed}, sets {first}..{first + r.Sets - 1}, protocol {g.Protocols.ToString().ToLowerInvariant()}, deadlines {g.Deadlines.ToString().ToLowerInvariant()}, "
            + $"{g.MinTasks}-{g.MaxTasks} tasks, periods {g.MinPeriod}-{g.MaxPeriod}, utilisation {g.MinUtilization * 100:0}-{g.MaxUtilization * 100:0} %, resource-free {g.ResourceFreeShare * 100:0} %"
            + (g.MaxJitterShare > 0 ? $", jitter {g.MaxJitterShare * 100:0} %" : "") + (g.EqualPriorityChance > 0 ? $", equal priorities {g.EqualPriorityChance * 100:0} %" : "")
            + (g.CatchUpChance > 0 ? $", catch-up {g.CatchUpChance * 100:0} %" : "") + (g.MaxOffsetShare > 0 ? $", offsets {g.MaxOffsetShare * 100:0} %" : "") + "; "
            + $"--search {s.Search}, horizon at most {s.Until} ticks per phasing\n\n");
        sb.Append($"task sets               {r.Sets} ({r.SetsWithResources} with resources)\n");
        sb.Append($"tasks                   {r.Tasks} ({r.TasksBounded} with a bound, {r.TasksWithoutBound} without)\n");
        sb.Append($"phasings run            {r.Phasings}, {r.SimulatedTicks} simulated ticks\n");
        sb.Append($"soundness violations    {r.Violations}   (observed response > bound; must be 0)\n");
        sb.Append($"exact match (§6 tasks)  {r.ExactMatched} of {r.ExactChecked}" + (r.ExactChecked > 0 ? $" = {100.0 * r.ExactMatched / r.ExactChecked:0.##} %" : "") + "   (must be 100 %)\n");
        if (r.KernelFaults > 0) sb.Append($"kernel faults           {r.KernelFaults}\n");
        Distribution(sb, "observed/bound, tasks of sets with resources", r.Ratios);
        Distribution(sb, "observed/bound, those of them with a blocking term > 0", r.BlockedRatios);
        sb.Append($"speed                   {r.SetsPerSecond:0.0} task sets/s, {r.TicksPerSecond:0} simulated ticks/s ({r.Seconds:0.0} s)\n");
        if (r.Failures.Count > 0)
        {
            sb.Append($"\nfailures ({r.Failures.Count}; remake a set with: dotnet run --project Simulator -- generate --out DIR --seed {g.Seed} --count INDEX+1 [same generator options], "
                + $"then check DIR/gen-{g.Seed}-INDEX.json --search {s.Search} --seed {s.Seed}+INDEX{(s.Until is long u ? $" --until {u}" : "")}):\n");
            foreach (var f in r.Failures.Take(FailuresShown)) sb.Append($"  {f.Name} (seed {f.Seed}, index {f.Index}): {f.What}\n");
            if (r.Failures.Count > FailuresShown) sb.Append($"  ... and {r.Failures.Count - FailuresShown} more\n");
        }
        sb.Append(r.Passed ? "verdict: PASS\n" : "verdict: FAIL\n");
        return sb.ToString();
    }

    private static void Distribution(StringBuilder sb, string title, IReadOnlyList<double> ratios)
    {
        bool any = ratios.Count > 0;
        sb.Append($"{title} ({ratios.Count}): min {F(any ? ratios.Min() : double.NaN)}  median {F(CampaignResult.Quantile(ratios, 0.5))}  "
            + $"mean {F(any ? ratios.Average() : double.NaN)}  max {F(any ? ratios.Max() : double.NaN)}\n");
        sb.Append("  deciles p10..p90       " + string.Join(" ", Enumerable.Range(1, 9).Select(i => F(CampaignResult.Quantile(ratios, i / 10.0)))) + "\n");
        var h = CampaignResult.Histogram(ratios);
        sb.Append("  histogram (10 % buckets, the last is [0.9, 1.0])\n");
        for (int i = 0; i < 10; i++)
            sb.Append($"    [{i / 10.0:0.0}, {(i + 1) / 10.0:0.0}{(i == 9 ? "]" : ")")} {h[i],8}  {new string('#', any ? (int)Math.Round(40.0 * h[i] / ratios.Count) : 0)}\n");
    }

    /// <summary>The JSON output (indented, LF, final newline).</summary>
    public static string ToJson(CampaignResult r)
    {
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("sets", r.Sets);
            w.WriteNumber("setsWithResources", r.SetsWithResources);
            w.WriteNumber("tasks", r.Tasks);
            w.WriteNumber("tasksBounded", r.TasksBounded);
            w.WriteNumber("tasksWithoutBound", r.TasksWithoutBound);
            w.WriteNumber("violations", r.Violations);
            w.WriteNumber("exactChecked", r.ExactChecked);
            w.WriteNumber("exactMatched", r.ExactMatched);
            w.WriteNumber("kernelFaults", r.KernelFaults);
            w.WriteNumber("phasings", r.Phasings);
            w.WriteNumber("simulatedTicks", r.SimulatedTicks);
            w.WriteNumber("seconds", Math.Round(r.Seconds, 3));
            w.WriteNumber("setsPerSecond", Math.Round(r.SetsPerSecond, 2));
            w.WriteNumber("ticksPerSecond", Math.Round(r.TicksPerSecond));
            Ratio(w, "ratio", r.Ratios);
            Ratio(w, "blockedRatio", r.BlockedRatios);
            w.WriteBoolean("passed", r.Passed);
            w.WriteStartArray("failures");
            foreach (var f in r.Failures)
            {
                w.WriteStartObject();
                w.WriteNumber("seed", f.Seed);
                w.WriteNumber("index", f.Index);
                w.WriteString("name", f.Name);
                w.WriteString("what", f.What);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Ratio(Utf8JsonWriter w, string name, IReadOnlyList<double> ratios)
    {
        void Num(string key, double v)
        {
            if (double.IsNaN(v)) w.WriteNull(key); else w.WriteNumber(key, Math.Round(v, 4));
        }
        bool any = ratios.Count > 0;
        w.WriteStartObject(name);
        w.WriteNumber("count", ratios.Count);
        Num("min", any ? ratios.Min() : double.NaN);
        Num("median", CampaignResult.Quantile(ratios, 0.5));
        Num("mean", any ? ratios.Average() : double.NaN);
        Num("max", any ? ratios.Max() : double.NaN);
        w.WriteStartArray("deciles");
        for (int i = 1; i <= 9; i++)
        {
            double q = CampaignResult.Quantile(ratios, i / 10.0);
            if (double.IsNaN(q)) w.WriteNullValue(); else w.WriteNumberValue(Math.Round(q, 4));
        }
        w.WriteEndArray();
        w.WriteStartArray("histogram");
        foreach (int n in CampaignResult.Histogram(ratios)) w.WriteNumberValue(n);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
