using System.Text;
using System.Text.Json;
using NfRt.Harness;
using NfRt.Timing;

namespace NfRt.Simulator.TimingReports;

/// <summary>
/// <c>simulate</c>'s outputs (docs/spec/timing.md §6): the text table — per task its jobs, worst observed response,
/// misses, worst observed blocking and the phasing that gave the worst response — and the contract's JSON:
/// <c>name</c>, <c>phasings</c>, and per task <c>name</c>, <c>jobs</c>, <c>maxResponse</c>, <c>misses</c>,
/// <c>maxBlocking</c>; <c>maxResponse</c> is null when no job was observed. No other keys.
/// </summary>
public static class SimulationReport
{
    /// <summary>The JSON text, indented, LF line ends, final newline.</summary>
    public static string ToJson(SimulationResult r)
    {
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", r.Set.Name);
            w.WriteNumber("phasings", r.Runs.Count);
            w.WriteStartArray("tasks");
            foreach (var t in r.Tasks)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteNumber("jobs", t.Jobs);
                if (t.MaxResponse >= 0) w.WriteNumber("maxResponse", t.MaxResponse); else w.WriteNull("maxResponse");
                w.WriteNumber("misses", t.Misses);
                w.WriteNumber("maxBlocking", t.MaxBlocking);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>One line: how many phasings of which kinds, their horizons and the seed.</summary>
    public static string Summary(SimulationResult r, long seed)
    {
        var kinds = r.Runs.GroupBy(p => p.Phasing.Kind).OrderBy(g => g.Key).Select(g => g.Count() == 1 && g.Key is PhasingKind.AsGiven or PhasingKind.Synchronous
            ? g.First().Phasing.KindName : $"{g.Count()} {g.First().Phasing.KindName}");
        long lo = r.Runs.Min(p => p.Horizon), hi = r.Runs.Max(p => p.Horizon);
        return $"{r.Runs.Count} phasing{(r.Runs.Count == 1 ? "" : "s")} ({string.Join(", ", kinds)}), {(lo == hi ? $"{lo}" : $"{lo}..{hi}")} ticks each, seed {seed}";
    }

    /// <summary>The text output: a title, the table and notes.</summary>
    public static string ToText(SimulationResult r, long seed)
    {
        var sb = new StringBuilder();
        sb.Append($"task set {r.Set.Name} on the kernel (simulated board): {Summary(r, seed)}\n\n");
        var rows = new List<string[]> { new[] { "task", "prio", "jobs", "worst response", "misses", "worst blocking", "worst phasing" } };
        for (int i = 0; i < r.Tasks.Count; i++)
        {
            var t = r.Tasks[i];
            rows.Add(new[]
            {
                t.Name, r.Set.Tasks[i].Priority.ToString(), t.Jobs.ToString(),
                t.MaxResponse < 0 ? "-" : t.MaxResponse + (t.OpenAtHorizon ? " (open)" : ""),
                t.Misses.ToString(), t.MaxBlocking.ToString(), t.WorstPhasing < 0 ? "-" : t.WorstPhasing.ToString(),
            });
        }
        sb.Append(Table(rows));
        sb.Append('\n');
        foreach (var p in r.Runs.Where(p => r.Tasks.Any(t => t.WorstPhasing == p.Phasing.Index)).Select(p => p.Phasing))
            sb.Append($"phasing {p.Index} ({p.KindName}): offsets {string.Join(",", p.Offsets)}; {p.Why}\n");
        if (r.Tasks.Any(t => t.OpenAtHorizon)) sb.Append("(open): a job still running or waiting at the horizon; its response is at least its age then.\n");
        if (r.Set.Tasks.Any(t => t.Jitter > 0)) sb.Append("jitter: each job's start is drawn in [0, J] from the phasing's jitter seed (0, J or uniform, a third each).\n");
        if (r.HorizonNote != null) sb.Append("horizon: " + r.HorizonNote + "\n");
        return sb.ToString();
    }

    /// <summary>Left-aligned columns separated by two spaces, trailing spaces trimmed.</summary>
    internal static string Table(IReadOnlyList<string[]> rows)
    {
        int n = rows[0].Length;
        var widths = Enumerable.Range(0, n).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in rows)
            sb.Append(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()).Append('\n');
        return sb.ToString();
    }

    /// <summary>The phasing drawn by <c>--svg</c>/<c>--trace</c>: the one with the largest observed response relative to its deadline (the first such).</summary>
    public static PhasingRun WorstRun(SimulationResult r)
    {
        PhasingRun best = r.Runs[0];
        double worst = -1;
        foreach (var p in r.Runs)
            for (int i = 0; i < r.Set.Tasks.Count; i++)
            {
                double q = (double)p.MaxResponse[i] / r.Set.Tasks[i].Deadline;
                if (q > worst) { worst = q; best = p; }
            }
        return best;
    }
}
