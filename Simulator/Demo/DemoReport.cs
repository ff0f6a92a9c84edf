using System.Text;
using NfRt.Simulator.Tracing;

namespace NfRt.Simulator.Demo;

/// <summary>
/// Text renderings of the inversion demo: the blocking-time table (plain text; the CLI uses a
/// Spectre table on a terminal) and an ASCII timeline of one run, one column per tick (several
/// ticks per column for long runs). Deterministic: a pure function of the runs.
/// </summary>
public static class DemoReport
{
    public static string Intro(string board) =>
        $"Mars Pathfinder priority inversion on the simulated {board} board (1 tick = 1 ms; priorities are the kernel's: lower number = more urgent):\n" +
        $"  asi_met (low, prio {InversionDemo.LowPrio}) locks the bus mutex at tick 0 for a {InversionDemo.CriticalSection}-tick critical section;\n" +
        $"  bc_dist (high, prio {InversionDemo.HighPrio}) wakes at tick {InversionDemo.HighWakes} and locks the bus mutex;\n" +
        $"  N comm tasks (medium, prio {InversionDemo.MediumPrio}) wake at tick {InversionDemo.MediumsWake} and compute for {InversionDemo.MediumWork} ticks each.\n" +
        "Blocking time of the high task = ticks from its lock call to owning the bus mutex.\n";

    public static readonly string[] Columns = { "N medium tasks", "plain mutex (no PI)", "rt-mutex (PI)", "remaining critical section" };

    /// <summary>One table row per N: N, plain blocking, rt-mutex blocking, remaining critical section at the lock call.</summary>
    public static IEnumerable<string[]> Rows(IEnumerable<(InversionRun Plain, InversionRun Pi)> runs) =>
        runs.Select(r => new[] { r.Plain.Mediums.ToString(), r.Plain.BlockingTicks.ToString(), r.Pi.BlockingTicks.ToString(), r.Pi.RemainingCriticalSection.ToString() });

    public static string PlainTable(IEnumerable<(InversionRun Plain, InversionRun Pi)> runs)
    {
        var rows = Rows(runs).ToList();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        sb.Append("  ").Append(string.Join(" | ", Columns.Select((c, i) => c.PadLeft(widths[i])))).Append('\n');
        sb.Append("  ").Append(string.Join("-+-", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (var r in rows) sb.Append("  ").Append(string.Join(" | ", r.Select((c, i) => c.PadLeft(widths[i])))).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// The run as one row per task: <c>#</c> running, <c>^</c> running while boosted by inheritance,
    /// <c>~</c> the high task waiting for the bus mutex, <c>.</c> otherwise. In each column only the
    /// task that ran longest in it is marked as running.
    /// </summary>
    public static string AsciiTimeline(InversionRun run, int maxColumns = 120)
    {
        var t = run.Timeline;
        long units = Math.Max(1, t.Units);
        long perCol = Math.Max(1, (units + maxColumns - 1) / maxColumns);
        int cols = (int)((units + perCol - 1) / perCol);
        int nameWidth = Math.Max(8, t.Tasks.Max(x => x.Name.Length));
        var high = t.Tasks.First(x => x.Name == "bc_dist");
        var grid = t.Tasks.ToDictionary(x => x.Id, _ => Enumerable.Repeat('.', cols).ToArray());
        for (int c = 0; c < cols; c++)
        {
            long from = c * perCol * Timeline.UnitMicros, to = (c + 1) * perCol * Timeline.UnitMicros;
            TaskRow best = null;
            long bestTime = 0;
            foreach (var task in t.Tasks)
            {
                long ran = t.RunningWithin(task.Id, from, to);
                if (ran > bestTime) { bestTime = ran; best = task; }
            }
            if (best != null) grid[best.Id][c] = t.BoostedWithin(best.Id, from, to) ? '^' : '#';
            long tickFrom = c * perCol, tickTo = (c + 1) * perCol;
            if (grid[high.Id][c] == '.' && tickTo > run.LockTick && tickFrom < run.OwnTick) grid[high.Id][c] = '~';
        }
        var sb = new StringBuilder();
        sb.Append(t.Title).Append(": high task blocked ").Append(run.BlockingTicks).Append(" ticks\n");
        var axis = new char[cols + 8];
        Array.Fill(axis, ' ');
        for (int c = 0; c < cols; c += 10)
        {
            string label = (c * perCol).ToString();
            for (int i = 0; i < label.Length; i++) axis[c + i] = label[i];
        }
        sb.Append("  ").Append("tick".PadRight(nameWidth)).Append(' ').Append(new string(axis).TrimEnd()).Append('\n');
        foreach (var task in t.Tasks)
            sb.Append("  ").Append(task.Name.PadRight(nameWidth)).Append(' ').Append(new string(grid[task.Id])).Append('\n');
        sb.Append("  ").Append(new string(' ', nameWidth)).Append(' ')
          .Append(perCol == 1 ? "one column per tick" : $"one column per {perCol} ticks")
          .Append("; # running, ^ running boosted by inheritance, ~ high task waiting for the bus mutex\n");
        return sb.ToString();
    }
}
