using System.Globalization;
using System.Text;

namespace NfRt.Timing;

/// <summary>
/// The <c>analyze</c> text report (docs/spec/timing.md §5.7): a table with one row per task (task,
/// priority, C, B, R, D, slack, verdict, and the stretches that make B), the overall verdict, then a
/// note per task whose bound needs explaining (blocking rule, equal priorities, the worst job when it
/// is not the first, jitter, why there is no bound). Plain text, the same for the same input.
/// </summary>
public static class AnalysisTextWriter
{
    /// <summary>The report (LF line ends).</summary>
    public static string ToText(AnalysisResult result)
    {
        var set = result.Set;
        var sb = new StringBuilder();
        sb.Append($"{set.Name}: {Count(set.Tasks.Count, "task")}, {Count(set.Resources.Count, "resource")}; fixed-priority response-time analysis, times in ticks\n\n");
        var header = new[] { "task", "prio", "C", "B", "R", "D", "slack", "verdict", "B is made of" };
        var rows = new List<string[]> { header };
        foreach (var t in result.Tasks)
            rows.Add(new[]
            {
                t.Name, Num(t.Task.Priority), Num(t.Wcet), t.Blocking.Value is long b ? Num(b) : "unbounded",
                t.Wcrt is long r ? Num(r) : "-", Num(t.Deadline), t.Slack is long s ? Num(s) : "-", Verdict(t), Terms(t),
            });
        var widths = new int[header.Length];
        foreach (var row in rows) for (int c = 0; c < row.Length; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (int c = 0; c < row.Length; c++)
            {
                bool left = c == 0 || c >= 7;
                string cell = left ? row[c].PadRight(widths[c]) : row[c].PadLeft(widths[c]);
                line.Append(c == 0 ? "" : "  ").Append(cell);
            }
            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }
        sb.Append('\n');
        var failing = result.Tasks.Where(t => !t.Schedulable).Select(t => t.Name).ToList();
        sb.Append(failing.Count == 0
            ? "verdict: schedulable: every task meets its deadline\n"
            : $"verdict: NOT schedulable: {string.Join(", ", failing)} can miss {(failing.Count == 1 ? "its deadline" : "their deadlines")}\n");
        var notes = result.Tasks.SelectMany(Notes).ToList();
        if (notes.Count > 0)
        {
            sb.Append("\nnotes:\n");
            foreach (var n in notes) sb.Append("  ").Append(n).Append('\n');
        }
        return sb.ToString();
    }

    private static string Verdict(TaskResponse t) => t.Wcrt == null ? (t.Blocking.Value == null ? "UNBOUNDED" : "NO BOUND") : t.Schedulable ? "ok" : "MISS";

    private static string Terms(TaskResponse t)
    {
        if (t.Blocking.Terms.Count == 0) return t.Blocking.Rule == BlockingRule.Unbounded ? "(see notes)" : "-";
        return string.Join(" + ", t.Blocking.Terms.Select(term =>
            term.ForResource != null && term.ForResource != term.Stretch.Opening
                ? $"{term.Name} {Num(term.Length)} (for {term.ForResource.Name})"
                : $"{term.Name} {Num(term.Length)}"));
    }

    private static IEnumerable<string> Notes(TaskResponse t)
    {
        string who = t.Name + ": ";
        switch (t.Blocking.Rule)
        {
            case BlockingRule.OneSection:
                yield return who + "B = the longest stretch of one less urgent task holding a resource whose ceiling is at least as urgent (ceiling protocol: blocked at most once)";
                break;
            case BlockingRule.PerTask:
                yield return who + "B = one stretch per less urgent task (smaller than one per resource); a stretch counts nested and transitive blocking";
                break;
            case BlockingRule.PerResource:
                yield return who + "B = one stretch per resource (smaller than one per less urgent task); a stretch counts nested and transitive blocking";
                break;
        }
        if (t.EqualRule == EqualPriorityRule.Fifo)
            yield return who + $"equal priority with {Names(t.EqualTasks)}: FIFO, one job of each released no later than this job (one each at a synchronous release)";
        else if (t.EqualRule == EqualPriorityRule.AllJobs)
            yield return who + $"equal priority with {Names(t.EqualTasks)}: every job of theirs released before this job completes is counted ({t.EqualReason})";
        if (t.Wcrt != null && t.WorstJob > 0)
            yield return who + $"the worst response is job {t.WorstJob + 1} of the busy period, not the first";
        if (t.Wcrt != null && t.WorstJobOffset > 0)
            yield return who + $"the worst case has its first job released {Num(t.WorstJobOffset)} ticks into the busy period (FIFO among equals)";
        if (t.Task.Jitter > 0 && t.Wcrt != null)
            yield return who + $"R includes the release jitter {Num(t.Task.Jitter)} (measured from offset + k*period)";
        if (t.UnboundedReason != null)
            yield return who + "no bound: " + t.UnboundedReason;
    }

    private static string Names(IEnumerable<TaskSpec> tasks) => string.Join(", ", tasks.Select(e => e.Name));

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    private static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);
}
