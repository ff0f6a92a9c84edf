using System.Text;
using NfRt.Harness;
using NfRt.Timing;

namespace NfRt.Simulator.TimingReports;

/// <summary>
/// <c>check</c>'s text output (docs/spec/timing.md §6): per task the bound, the worst observed response, the phasing
/// that gave it and the verdict (<c>ok</c>, <c>exact</c>, <c>VIOLATION</c>, <c>INEXACT</c>, <c>no bound</c>), a verdict
/// line, and — when the check failed — the offending phasing as a task-set file a user can save and re-run
/// (<see cref="Scenario"/>).
/// </summary>
public static class CheckReport
{
    /// <summary>The text: title, table, notes, verdict and, on failure, the scenario.</summary>
    public static string ToText(CrossCheckResult r, string file, long seed)
    {
        var sb = new StringBuilder();
        sb.Append($"check {r.Analysis.Name}: analysis bound vs the kernel, {SimulationReport.Summary(r.Simulation, seed)}\n\n");
        var rows = new List<string[]> { new[] { "task", "prio", "D", "bound", "observed", "phasing", "verdict" } };
        for (int i = 0; i < r.Tasks.Count; i++)
        {
            var t = r.Tasks[i];
            var a = r.Analysis.Tasks[i];
            rows.Add(new[]
            {
                t.Name, a.Task.Priority.ToString(), a.Deadline.ToString(), t.Bound?.ToString() ?? "-",
                t.Observed < 0 ? "-" : t.Observed + (t.OpenAtHorizon ? " (open)" : ""), t.WorstPhasing < 0 ? "-" : t.WorstPhasing.ToString(),
                Verdict(t),
            });
        }
        sb.Append(SimulationReport.Table(rows)).Append('\n');
        foreach (var t in r.Tasks.Where(t => t.Outcome != CheckOutcome.Ok || t.MarkedExact))
            sb.Append($"{t.Name}: {t.Reason}\n");
        if (r.Simulation.HorizonNote != null) sb.Append("horizon: " + r.Simulation.HorizonNote + "\n");
        int exact = r.Tasks.Count(t => t.ExactChecked && t.Outcome == CheckOutcome.Ok);
        int noBound = r.Tasks.Count(t => t.Outcome == CheckOutcome.NoBound);
        if (r.Passed)
            sb.Append($"verdict: PASS: every observed response is within its bound"
                + (exact > 0 ? $"; {exact} task{(exact == 1 ? "" : "s")} met the bound exactly at the synchronous release (§6)" : "")
                + (noBound > 0 ? $"; {noBound} without a bound (not judged)" : "") + "\n");
        else
        {
            int v = r.Tasks.Count(t => t.Outcome == CheckOutcome.Violation), x = r.Tasks.Count(t => t.Outcome == CheckOutcome.Inexact);
            sb.Append($"verdict: FAIL: {v} observed response{(v == 1 ? "" : "s")} above the bound, {x} inexact match{(x == 1 ? "" : "es")} at the synchronous release\n");
            if (r.Offending is { } p)
            {
                string name = Path.GetFileNameWithoutExtension(file) + $"-phasing-{p.Index}.json";
                sb.Append($"\nphasing {p.Index} ({p.KindName}: {p.Why}) did it. To re-run it, save the set below as {name} (a new file) and run\n");
                sb.Append($"  dotnet run --project Simulator -- simulate {name} --search 0 --seed {p.JitterSeed}\n\n");
                sb.Append(TaskSetWriter.ToJson(Scenario(r.Simulation.Set, p)));   // the set that ran, with the phasing's offsets
            }
        }
        return sb.ToString();
    }

    private static string Verdict(TaskCheck t) => t.Outcome switch
    {
        CheckOutcome.Violation => "VIOLATION",
        CheckOutcome.Inexact => "INEXACT",
        CheckOutcome.NoBound => "no bound",
        _ => t.ExactChecked ? "exact" : "ok",
    };

    /// <summary>The set with the phasing's offsets written in (named after it): its "offsets as given" run is that phasing.</summary>
    public static TaskSet Scenario(TaskSet set, Phasing p) =>
        new($"{set.Name}-phasing-{p.Index}", set.Resources,
            set.Tasks.Select((t, i) => new TaskSpec(t.Name, t.Priority, t.Period, t.Body, t.DeadlineGiven ? t.Deadline : null, p.Offsets[i], t.Jitter, t.Overrun)).ToList());
}
