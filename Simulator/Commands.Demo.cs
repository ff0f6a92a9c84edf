using NfRt.Boards;
using NfRt.Simulator.Demo;
using NfRt.Simulator.Tracing;
using Spectre.Console;

namespace NfRt.Simulator;

/// <summary>
/// <c>demo [--out DIR] [--timeline N]</c>: the priority-inversion demo. Runs the Mars Pathfinder
/// scenario for N = 0, 1, 2, 5, 10, 50 medium tasks with a plain mutex and with the rt-mutex,
/// prints the high task's blocking times (a Spectre table on a terminal, plain text otherwise),
/// an ASCII timeline of both runs for N = <c>--timeline</c> (default 2), and writes their Chrome
/// trace JSON and SVG timeline to DIR (default out/demo/). Exit code 0 when the rt-mutex bounded
/// every blocking time by the remaining critical section (and the files were written).
/// </summary>
public static partial class Commands
{
    public const string DefaultDemoDir = "out/demo";

    /// <summary>Largest <c>--timeline</c> N.</summary>
    public const int MaxTimelineMediums = 200;

    public static int Demo(TextWriter output) => Demo(output, DefaultDemoDir, 2);

    public static int Demo(TextWriter output, string outDir, int timelineMediums) => Demo(output, output, outDir, timelineMediums);

    /// <summary>
    /// The demo; results to <paramref name="output"/>, problems to <paramref name="error"/>. The two
    /// files it writes are checked by <see cref="OutputGuard"/> before anything runs.
    /// </summary>
    public static int Demo(TextWriter output, TextWriter error, string outDir, int timelineMediums)
    {
        if (timelineMediums < 0 || timelineMediums > MaxTimelineMediums)
        {
            error.WriteLine($"--timeline {timelineMediums}: out of range 0..{MaxTimelineMediums}");
            return UsageError;
        }
        string dirError = OutputGuard.CheckDirectory("--out", outDir);
        if (dirError != null)
        {
            error.WriteLine(dirError);
            return UsageError;
        }
        string stem = Path.Combine(outDir, $"inversion-n{timelineMediums}");
        if (Refused(new[] { new PlannedOutput("--out", stem + ".json", OutputKind.TraceJson), new PlannedOutput("--out", stem + ".svg", OutputKind.TimelineSvg) },
                Array.Empty<string>(), error))
            return UsageError;
        bool interactive = IsInteractive(output);
        var ns = InversionDemo.DefaultMediums.ToList();
        var runs = new List<(InversionRun Plain, InversionRun Pi)>();
        void RunAll()
        {
            foreach (int n in ns) runs.Add((InversionDemo.Run(n, false), InversionDemo.Run(n, true)));
        }
        if (interactive) AnsiConsole.Status().Start("running the inversion scenarios...", _ => RunAll());
        else RunAll();
        (InversionRun Plain, InversionRun Pi) shown = ns.Contains(timelineMediums)
            ? runs[ns.IndexOf(timelineMediums)]
            : (InversionDemo.Run(timelineMediums, false), InversionDemo.Run(timelineMediums, true));

        output.Write(DemoReport.Intro(BoardProfiles.Stm32.Name));
        output.WriteLine();
        if (interactive)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("high task blocking time (ticks)");
            foreach (var c in DemoReport.Columns) table.AddColumn(new TableColumn(c).RightAligned());
            foreach (var row in DemoReport.Rows(runs)) table.AddRow(row);
            AnsiConsole.Write(table);
        }
        else output.Write(DemoReport.PlainTable(runs));
        output.WriteLine();
        output.Write(DemoReport.AsciiTimeline(shown.Plain));
        output.WriteLine();
        output.Write(DemoReport.AsciiTimeline(shown.Pi));
        output.WriteLine();

        var timelines = new[] { shown.Plain.Timeline, shown.Pi.Timeline };
        bool written = WriteOutput(output, error, stem + ".json", "trace (Chrome trace-event JSON, open in Perfetto)", w => w.Write(ChromeTraceWriter.Write(timelines)))
                     & WriteOutput(output, error, stem + ".svg", "timeline (SVG)", w => w.Write(SvgTimelineWriter.Write(timelines)));

        bool bounded = runs.All(r => r.Pi.BlockingTicks == r.Pi.RemainingCriticalSection);
        output.WriteLine(bounded
            ? "With the rt-mutex the high task waits exactly for the rest of the critical section, whatever N is."
            : "UNEXPECTED: the rt-mutex did not bound the blocking time by the remaining critical section.");
        return bounded && written ? 0 : 1;
    }
}
