using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NfRt.Simulator.Balloon;

namespace NfRt.Simulator;

/// <summary>
/// The simulator CLI: `run FILE... [--trace OUT.json] [--svg OUT.svg] [-v]` runs rt-tester scenario
/// scripts; `demo [--out DIR] [--timeline N]` runs the priority-inversion demo; `balloon [--svg OUT.svg]`
/// runs the memory-balloon demo; `periodic [--out DIR] [--until T]` runs periodic tasks with deadline monitoring and
/// prints their run-time statistics. Results go to stdout, errors to stderr.
/// <para>Exit codes: 0 everything passed; 1 a script or demo failed, an input could not be read or an
/// output could not be written; 2 the command line is wrong (unknown option, missing or bad value,
/// refused output file): then nothing ran and nothing was written, and stderr says why, one line per
/// problem, followed by the command's usage.</para>
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs <paramref name="args"/>; results go to <paramref name="stdout"/>, errors to <paramref name="stderr"/>. Returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "scenario scripts (.tst); a name starting with '-' goes after --", Arity = ArgumentArity.OneOrMore };
        var trace = new Option<string>("--trace") { Description = "write a Chrome trace-event JSON file (open in Perfetto); must end in .json", HelpName = "OUT.json" };
        var svg = new Option<string>("--svg") { Description = "write an SVG timeline; must end in .svg", HelpName = "OUT.svg" };
        var verbose = new Option<bool>("-v", "--verbose") { Description = "echo every line with the thread's status (P/N in the rt-tester convention: 99 - prio, bigger = more urgent)" };

        var from = IntOption("--from", "first script step kept in --trace/--svg", "STEP", 0, int.MaxValue, null);
        var to = IntOption("--to", "last script step kept in --trace/--svg (default: the end)", "STEP", 0, int.MaxValue, null);
        var maxEvents = IntOption("--max-events", "at most this many trace events kept in memory for --trace/--svg, all files together; later ones are dropped with a note",
            "N", 1, MaxEventsLimit, Tracing.TraceLimits.DefaultMaxEvents);
        var maxWidth = IntOption("--max-width", "maximum SVG width in pixels; steps beyond it are left out with a note", "PX",
            Tracing.SvgTimelineWriter.MinMaxWidth, Tracing.SvgTimelineWriter.MaxMaxWidth, Tracing.SvgTimelineWriter.DefaultMaxWidth);

        var run = new Command("run", "run rt-tester scenario scripts on the simulated board") { files, trace, svg, verbose, from, to, maxEvents, maxWidth };
        run.Validators.Add(c =>
        {
            bool Given(Option o) => c.GetResult(o) is { Implicit: false };
            if (Given(from) && Given(to) && c.GetValue(to) < c.GetValue(from)) c.AddError($"--to {c.GetValue(to)}: must be >= --from {c.GetValue(from)}");
            bool traced = Given(trace) || Given(svg);
            foreach (var o in new Option[] { from, to, maxEvents })
                if (Given(o) && !traced) c.AddError($"{o.Name}: applies only with --trace or --svg");
            if (Given(maxWidth) && !Given(svg)) c.AddError("--max-width: applies only with --svg");
        });
        run.SetAction(r => Commands.RunScenarios(r.GetValue(files), new Commands.RunOptions
        {
            Trace = r.GetValue(trace),
            Svg = r.GetValue(svg),
            Verbose = r.GetValue(verbose),
            From = r.GetValue(from),
            To = GivenValue(r, to),
            MaxEvents = r.GetValue(maxEvents),
            MaxWidth = r.GetValue(maxWidth),
        }, r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));

        var outDir = new Option<string>("--out") { Description = "directory for the demo's trace JSON and SVG", HelpName = "DIR", DefaultValueFactory = _ => Commands.DefaultDemoDir };
        var timelineN = IntOption("--timeline", "number of medium tasks of the run shown as timelines", "N", 0, Commands.MaxTimelineMediums, 2);
        var demo = new Command("demo", "Mars Pathfinder priority inversion on the simulated STM32 board, with and without priority inheritance") { outDir, timelineN };
        demo.SetAction(r => Commands.Demo(r.InvocationConfiguration.Output, r.InvocationConfiguration.Error, r.GetValue(outDir), r.GetValue(timelineN)));

        var balloonSvg = new Option<string>("--svg") { Description = "where to write the SVG plot; must end in .svg", HelpName = "OUT.svg", DefaultValueFactory = _ => BalloonDemo.DefaultSvgPath };
        var balloon = new Command("balloon", "two partitions ballooning under transient pool pressure") { balloonSvg };
        balloon.SetAction(r => Commands.Balloon(r.InvocationConfiguration.Output, r.InvocationConfiguration.Error, r.GetValue(balloonSvg)));

        var root = new RootCommand("nfproj simulator: rt-mutex scenarios, traces and demos on a simulated board") { run, demo, balloon, Commands.PeriodicCommand() };
        Commands.AddTimingCommands(root);
        var result = root.Parse(args);

        var errors = result.Errors.Select(e => e.Message).ToList();
        errors.AddRange(UnknownOptionsTakenAsFiles(result, files, args));
        if (errors.Count > 0)
        {
            foreach (var e in errors.Distinct()) stderr.WriteLine(e);
            stderr.WriteLine();
            var path = new List<string>();
            for (var c = result.CommandResult; c != null && c.Command != root; c = c.Parent as CommandResult) path.Insert(0, c.Command.Name);
            path.Add("--help");
            root.Parse(path).Invoke(new InvocationConfiguration { Output = stderr, Error = stderr });
            return Commands.UsageError;
        }
        return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    /// <summary>
    /// A FILE argument that starts with '-' is an option this command does not know (System.CommandLine
    /// would take it as a file name, since FILE takes any number of values), unless it comes after "--".
    /// </summary>
    private static IEnumerable<string> UnknownOptionsTakenAsFiles(ParseResult result, Argument<FileInfo[]> files, string[] args)
    {
        var tokens = result.GetResult(files)?.Tokens;
        if (tokens == null) yield break;
        int dashDash = Array.IndexOf(args, "--");
        var afterDashDash = dashDash < 0 ? new HashSet<string>() : args.Skip(dashDash + 1).ToHashSet(StringComparer.Ordinal);
        foreach (var t in tokens)
            if (t.Value.Length > 1 && t.Value[0] == '-' && !afterDashDash.Contains(t.Value))
                yield return $"Unknown option '{t.Value}' (a file name starting with '-' goes after --).";
    }

    /// <summary>Largest <c>--max-events</c>.</summary>
    public const int MaxEventsLimit = 5_000_000;

    /// <summary>The option's value when the user gave it on the command line, else null (a default value does not count).</summary>
    internal static int? GivenValue(ParseResult r, Option<int> o) => r.GetResult(o) is { Implicit: false } ? r.GetValue(o) : null;

    /// <summary>
    /// An int option in <paramref name="min"/>..<paramref name="max"/>: "not a number" and "out of
    /// range" are told apart. <paramref name="defaultValue"/> null: no default shown, 0 when absent.
    /// </summary>
    internal static Option<int> IntOption(string name, string description, string helpName, int min, int max, int? defaultValue)
    {
        var option = new Option<int>(name)
        {
            Description = max == int.MaxValue ? $"{description} (>= {min})" : $"{description} ({min}..{max})",
            HelpName = helpName,
        };
        if (defaultValue is int d) option.DefaultValueFactory = _ => d;
        option.CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
            var kind = Scenarios.Numbers.Parse(text, out long value);
            if (kind == Scenarios.NumberKind.NotANumber) r.AddError($"{name} {text}: not a number");
            else if (value < min || value > max) r.AddError($"{name} {Scenarios.TextClip.Shorten(text, Scenarios.TextClip.FieldChars)}: out of range {min}..{max}");
            else return (int)value;
            return defaultValue ?? 0;
        };
        return option;
    }
}
