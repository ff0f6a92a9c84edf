using System.Globalization;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Simulator;

/// <summary>
/// The run-time statistics of a kernel's tasks as a host-side table (docs/spec/scheduler.md §34): one row per
/// task, idle first, read with <see cref="Scheduler.ReadStatistics"/> (which runs nothing, so it can be called
/// between driver calls or after the run). "-" is "none": no job completed, not periodic, no finer clock.
/// </summary>
public static partial class KernelReport
{
    /// <summary>Column titles of <see cref="StatisticsRows"/>.</summary>
    public static readonly string[] StatisticsColumns =
    {
        "task", "prio", "period", "deadline", "jobs", "done", "missed", "skipped", "worst resp", "last resp",
        "cpu ticks", "cpu µs", "worst block", "total block", "boosts",
    };

    /// <summary>One row per task of <paramref name="kernel"/> (idle first, then by id).</summary>
    public static List<string[]> StatisticsRows(Scheduler kernel)
    {
        var rows = new List<string[]>();
        var s = new TaskStatistics();
        for (int id = 0; id <= kernel.TaskCount; id++)
        {
            var t = id == 0 ? kernel.Idle : kernel.TaskById(id);
            if (kernel.ReadStatistics(t, s) != KernelStatus.Ok) continue;
            rows.Add(StatisticsRow(s));
        }
        return rows;
    }

    /// <summary>The row of one snapshot.</summary>
    public static string[] StatisticsRow(TaskStatistics s)
    {
        static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
        string P(long v) => s.IsPeriodic ? N(v) : "-";
        static string Opt(long v) => v < 0 ? "-" : N(v);
        return new[]
        {
            s.Task?.Name ?? "?", s.Task == null ? "-" : N(s.Task.NormalPriority), P(s.Period), P(s.Deadline), P(s.JobsReleased), P(s.JobsCompleted),
            P(s.DeadlinesMissed), P(s.ReleasesSkipped), Opt(s.WorstResponse), Opt(s.LastResponse), N(s.CpuTicks), Opt(s.CpuMicros),
            N(s.WorstBlocking), N(s.TotalBlocking), N(s.Boosts),
        };
    }

    /// <summary>The table as plain text: a header, a rule, the rows; the name column left-aligned, numbers right-aligned.</summary>
    public static string Statistics(Scheduler kernel) => StatisticsTable(StatisticsRows(kernel));

    /// <summary>Plain-text rendering of <paramref name="rows"/> under <see cref="StatisticsColumns"/>.</summary>
    public static string StatisticsTable(IReadOnlyList<string[]> rows)
    {
        var all = new List<string[]> { StatisticsColumns };
        all.AddRange(rows);
        var widths = StatisticsColumns.Select((_, c) => all.Max(r => r[c].Length)).ToArray();
        var w = new StringWriter { NewLine = "\n" };
        void Line(string[] r) => w.WriteLine(string.Join("  ", r.Select((v, c) => c == 0 ? v.PadRight(widths[c]) : v.PadLeft(widths[c]))).TrimEnd());
        Line(StatisticsColumns);
        w.WriteLine(string.Join("  ", widths.Select(n => new string('-', n))));
        foreach (var r in rows) Line(r);
        return w.ToString();
    }
}
