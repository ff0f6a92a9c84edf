using System.Text;
using NfRt.Simulator.Scenarios;
using NfRt.Simulator.Tracing;
using Spectre.Console;

namespace NfRt.Simulator;

/// <summary>
/// <c>run FILE... [--trace OUT.json] [--svg OUT.svg] [-v]</c>: runs each script on a fresh simulated
/// system and prints one report per file ("FILE: Pass", or the failure, the offending line and the
/// thread's status) on stdout; an unreadable file, an unwritable output and warnings go to stderr.
/// Exit code 0 only when every file passed, 1 otherwise (syntax errors, failed tests and waits,
/// rejected commands, kernel faults, unreadable files, unwritable outputs), 2 when an output was
/// refused (nothing ran). On a terminal a progress bar runs while the scripts do, advancing per
/// script line; when the output is redirected the output is plain text, identical from run to run.
/// </summary>
public static partial class Commands
{
    /// <summary>Options of <c>run</c> (see Simulator/README.md).</summary>
    public sealed class RunOptions
    {
        /// <summary>Output paths (null: not written).</summary>
        public string Trace { get; init; }
        public string Svg { get; init; }
        public bool Verbose { get; init; }
        /// <summary>Window of script steps kept in the traces (inclusive); <see cref="To"/> null: to the end.</summary>
        public long From { get; init; }
        public long? To { get; init; }
        /// <summary>Cap on the trace records kept for all files together.</summary>
        public int MaxEvents { get; init; } = TraceLimits.DefaultMaxEvents;
        /// <summary>Maximum SVG width in pixels.</summary>
        public int MaxWidth { get; init; } = SvgTimelineWriter.DefaultMaxWidth;
    }

    /// <summary>Exit code when the command line is wrong or an output is refused: nothing ran, nothing was written.</summary>
    public const int UsageError = 2;

    /// <summary>Runs the scripts with everything written to <paramref name="output"/> (tests and embedding).</summary>
    public static int RunScenarios(FileInfo[] files, FileInfo trace, FileInfo svg, bool verbose, TextWriter output) =>
        RunScenarios(files, new RunOptions { Trace = trace?.ToString(), Svg = svg?.ToString(), Verbose = verbose }, output, output);

    /// <summary>Runs the scripts with default limits; results to <paramref name="output"/>, problems to <paramref name="error"/>.</summary>
    public static int RunScenarios(FileInfo[] files, string trace, string svg, bool verbose, TextWriter output, TextWriter error) =>
        RunScenarios(files, new RunOptions { Trace = trace, Svg = svg, Verbose = verbose }, output, error);

    /// <summary>
    /// Runs the scripts: reports and results to <paramref name="output"/>, problems of the command
    /// line and of the outputs, and notes about what the traces leave out, to <paramref name="error"/>.
    /// Outputs are checked by <see cref="OutputGuard"/> first: a refused one means exit code
    /// <see cref="UsageError"/>, no script run. The traces of all files share one
    /// <see cref="TraceLimits"/> (window and event cap), so memory stays bounded.
    /// </summary>
    public static int RunScenarios(FileInfo[] files, RunOptions options, TextWriter output, TextWriter error)
    {
        files ??= Array.Empty<FileInfo>();
        options ??= new RunOptions();
        string trace = options.Trace, svg = options.Svg;
        bool verbose = options.Verbose;
        var planned = new List<PlannedOutput>();
        if (trace != null) planned.Add(new PlannedOutput("--trace", trace, OutputKind.TraceJson));
        if (svg != null) planned.Add(new PlannedOutput("--svg", svg, OutputKind.TimelineSvg));
        if (Refused(planned, files.Select(f => f.ToString()), error)) return UsageError;
        var results = new List<ScenarioResult>();
        var reports = new List<(string Text, bool IsError)>();
        var timelines = new List<Timeline>();
        bool wantTrace = trace != null || svg != null;
        var limits = new TraceLimits { From = options.From, To = options.To ?? long.MaxValue, MaxEvents = options.MaxEvents };

        void RunOne(FileInfo file, Action<int, int> progress)
        {
            string path = file.ToString();
            var collector = wantTrace ? new TraceCollector(TraceClock.Steps, path, limits) : null;
            var echo = verbose ? new StringWriter() : null;
            var result = ScenarioRunner.RunFile(path, echo, collector, progress);
            results.Add(result);
            var sb = new StringBuilder();
            if (echo != null && echo.ToString().Length > 0) sb.Append(path).Append('\n').Append(echo.ToString().Replace("\r\n", "\n"));
            sb.Append(result.Format());
            // an unreadable file is an error of the command line (stderr); everything else is the script's result (stdout)
            reports.Add((sb.ToString(), result.Outcome == ScenarioOutcome.FileError));
            if (collector != null && result.Outcome != ScenarioOutcome.FileError && result.Outcome != ScenarioOutcome.SyntaxError)
            {
                timelines.Add(Timeline.Build(collector));
                if (collector.Dropped > 0) reports.Add(($"{path}: warning: the trace lost {collector.Dropped} kernel events\n", true));
            }
        }

        if (IsInteractive(output) && files.Length > 0)
        {
            AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    // the bar moves inside a file too: value = files done + the running file's fraction of lines done
                    var task = ctx.AddTask("scenarios", maxValue: files.Length);
                    for (int i = 0; i < files.Length; i++)
                    {
                        int index = i;
                        task.Description = Markup.Escape(files.Length > 1 ? $"{files[i].Name} ({i + 1}/{files.Length})" : files[i].Name);
                        RunOne(files[i], (done, total) => task.Value = index + (total == 0 ? 1.0 : (double)done / total));
                        task.Value = i + 1;
                    }
                });
        }
        else foreach (var f in files) RunOne(f, null);

        foreach (var (text, isError) in reports) (isError ? error : output).Write(text);
        int passed = results.Count(r => r.Passed);
        if (results.Count > 1) output.WriteLine($"{passed} of {results.Count} scripts passed");

        bool written = true;
        var svgNotes = new List<string>();
        if (trace != null) written &= WriteOutput(output, error, trace, "trace", w => ChromeTraceWriter.Write(w, timelines));
        if (svg != null) written &= WriteOutput(output, error, svg, "timeline", w => svgNotes = SvgTimelineWriter.Write(w, timelines, options.MaxWidth));
        foreach (var t in timelines)
            foreach (var note in t.Notes) error.WriteLine($"{t.Title}: note: {note}");
        foreach (var note in svgNotes) error.WriteLine(note);
        return passed == results.Count && results.Count > 0 && written ? 0 : 1;
    }

    /// <summary>Checks <paramref name="planned"/> against the output-file safety rule; prints each refusal and returns true when there is one.</summary>
    internal static bool Refused(IReadOnlyList<PlannedOutput> planned, IEnumerable<string> inputs, TextWriter error)
    {
        var refusals = OutputGuard.Check(planned, inputs);
        foreach (var r in refusals) error.WriteLine(r);
        return refusals.Count > 0;
    }

    /// <summary>
    /// Writes a UTF-8 (no BOM) file through <paramref name="write"/>, creating its directory: first to
    /// a temporary file next to it, then moved over the target, so a failed write leaves no half file.
    /// Says "WHAT written to PATH" (or <paramref name="announce"/>) on <paramref name="output"/>, or reports the failure on <paramref name="error"/> instead of throwing.
    /// </summary>
    internal static bool WriteOutput(TextWriter output, TextWriter error, string path, string what, Action<TextWriter> write, string announce = null)
    {
        string tmp = null;
        try
        {
            string full = Path.GetFullPath(path);
            string dir = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            tmp = Path.Combine(dir ?? "", "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
            using (var w = new StreamWriter(tmp, false, new UTF8Encoding(false), 1 << 16)) write(w);
            File.Move(tmp, full, overwrite: true);
            tmp = null;
            output.WriteLine(announce ?? $"{what} written to {path}");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"cannot write {what} {path}: {e.Message}");
            return false;
        }
        finally
        {
            if (tmp != null) try { File.Delete(tmp); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>True when <paramref name="output"/> is the console and the console is an interactive terminal.</summary>
    internal static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
