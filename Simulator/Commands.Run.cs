using System.Text;
using NfRt.Simulator.Scenarios;
using NfRt.Simulator.Tracing;
using Spectre.Console;

namespace NfRt.Simulator;

/// <summary>
/// <c>run FILE... [--trace OUT.json] [--svg OUT.svg] [-v]</c>: runs each script on a fresh simulated
/// system and prints one report per file ("FILE: Pass", or the failure, the offending line and the
/// thread's status). Exit code 0 only when every file passed, 1 otherwise (syntax errors, failed
/// tests and waits, rejected commands, kernel faults, unreadable files, unwritable outputs).
/// On a terminal a progress bar runs while the scripts do; when the output is redirected the
/// output is plain text, identical from run to run.
/// </summary>
public static partial class Commands
{
    public static int RunScenarios(FileInfo[] files, FileInfo trace, FileInfo svg, bool verbose, TextWriter output)
    {
        files ??= Array.Empty<FileInfo>();
        var results = new List<ScenarioResult>();
        var reports = new List<string>();
        var timelines = new List<Timeline>();
        bool wantTrace = trace != null || svg != null;

        void RunOne(FileInfo file)
        {
            string path = file.ToString();
            var collector = wantTrace ? new TraceCollector(TraceClock.Steps, path) : null;
            var echo = verbose ? new StringWriter() : null;
            var result = ScenarioRunner.RunFile(path, echo, collector);
            results.Add(result);
            var sb = new StringBuilder();
            if (echo != null && echo.ToString().Length > 0) sb.Append(path).Append('\n').Append(echo.ToString().Replace("\r\n", "\n"));
            sb.Append(result.Format());
            reports.Add(sb.ToString());
            if (collector != null && result.Outcome != ScenarioOutcome.FileError && result.Outcome != ScenarioOutcome.SyntaxError)
            {
                timelines.Add(Timeline.Build(collector));
                if (collector.Dropped > 0) reports.Add($"{path}: warning: the trace lost {collector.Dropped} kernel events\n");
            }
        }

        if (IsInteractive(output) && files.Length > 0)
        {
            AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("scenarios", maxValue: files.Length);
                    foreach (var f in files)
                    {
                        task.Description = Markup.Escape(f.Name);
                        RunOne(f);
                        task.Increment(1);
                    }
                });
        }
        else foreach (var f in files) RunOne(f);

        foreach (var r in reports) output.Write(r);
        int passed = results.Count(r => r.Passed);
        if (results.Count > 1) output.WriteLine($"{passed} of {results.Count} scripts passed");

        bool written = true;
        if (trace != null) written &= WriteOutput(output, trace.ToString(), "trace", ChromeTraceWriter.Write(timelines));
        if (svg != null) written &= WriteOutput(output, svg.ToString(), "timeline", SvgTimelineWriter.Write(timelines));
        return passed == results.Count && results.Count > 0 && written ? 0 : 1;
    }

    /// <summary>Writes a UTF-8 (no BOM) file, creating its directory; reports failure instead of throwing.</summary>
    internal static bool WriteOutput(TextWriter output, string path, string what, string content)
    {
        try
        {
            string dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            File.WriteAllText(path, content, new UTF8Encoding(false));
            output.WriteLine($"{what} written to {path}");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            output.WriteLine($"cannot write {what} {path}: {e.Message}");
            return false;
        }
    }

    /// <summary>True when <paramref name="output"/> is the console and the console is an interactive terminal.</summary>
    internal static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
