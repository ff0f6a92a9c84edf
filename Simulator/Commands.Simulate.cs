using System.CommandLine;
using NfRt.Harness;
using NfRt.Simulator.TimingReports;
using NfRt.Simulator.Tracing;
using NfRt.Sync;
using NfRt.Timing;

namespace NfRt.Simulator;

/// <summary>
/// <c>simulate FILE [--json] [--until T] [--search N] [--seed S] [--svg OUT] [--trace OUT]</c> (docs/spec/timing.md §6):
/// runs the task set on the real kernel on the simulated board (<see cref="TaskSetSimulation"/>): the offsets as given,
/// the synchronous release when those are not all 0, then N adversarial and random phasings (<see cref="PhasingPlan"/>),
/// the file's jitter applied. Prints per task jobs, worst response, misses and worst blocking (or the contract's JSON);
/// <c>--svg</c>/<c>--trace</c> draw the phasing with the worst response relative to its deadline. Exit 0 when it ran
/// (whatever the deadlines did: judging is <c>check</c>'s job), 1 on a kernel fault or an output that could not be
/// written, 2 for a bad file (one line <c>FILE:LINE:COLUMN: $.path: what</c>) or a refused option or output (nothing runs).
/// </summary>
public static partial class Commands
{
    /// <summary>Default <c>--search</c> of <c>simulate</c> and <c>check</c>.</summary>
    public const int DefaultSearch = 100;

    /// <summary>Largest <c>--search</c>.</summary>
    public const int MaxSearch = 100_000;

    /// <summary>Options of <c>simulate</c>.</summary>
    public sealed record SimulateOptions
    {
        public bool Json { get; init; }
        public long? Until { get; init; }
        public int Search { get; init; } = DefaultSearch;
        public long Seed { get; init; } = 1;
        public string Svg { get; init; }
        public string Trace { get; init; }
    }

    /// <summary>Simulates <paramref name="file"/>: results to <paramref name="output"/>, problems to <paramref name="error"/>. Returns the exit code.</summary>
    public static int Simulate(string file, SimulateOptions options, TextWriter output, TextWriter error)
    {
        var planned = new List<PlannedOutput>();
        if (options.Trace != null) planned.Add(new PlannedOutput("--trace", options.Trace, OutputKind.TraceJson));
        if (options.Svg != null) planned.Add(new PlannedOutput("--svg", options.Svg, OutputKind.TimelineSvg));
        if (Refused(planned, new[] { file }, error)) return UsageError;
        if (!ReadTaskSet(file, error, out var set)) return UsageError;
        var sim = new SimulationOptions { Search = options.Search, Seed = options.Seed, Until = options.Until };
        SimulationResult result;
        try
        {
            result = TaskSetSimulation.Run(set, sim);
        }
        catch (HarnessException e)
        {
            error.WriteLine($"simulate: {e.Message}");
            return 1;
        }
        output.Write(options.Json ? SimulationReport.ToJson(result) : SimulationReport.ToText(result, options.Seed));
        if (planned.Count == 0) return 0;
        var worst = SimulationReport.WorstRun(result).Phasing;
        var trace = new TraceCollector(TraceClock.Ticks, $"task set {set.Name}, phasing {worst.Index} ({worst.KindName}: offsets {string.Join(",", worst.Offsets)})");
        try
        {
            TaskSetSimulation.Run(set, new[] { worst }, sim, (_, k) =>
            {
                k.Trace.Sink = trace;
                trace.Attach(k, id => RtMutexSystem.Of(k).MutexAt(id - 1)?.Name ?? "m" + id);
            });
        }
        catch (HarnessException e)
        {
            error.WriteLine($"simulate: {e.Message}");
            return 1;
        }
        var timelines = new[] { Timeline.Build(trace) };
        var say = options.Json ? TextWriter.Null : output;   // --json keeps stdout pure JSON
        bool written = true;
        if (options.Trace != null) written &= WriteOutput(say, error, options.Trace, $"trace of phasing {worst.Index} (Chrome trace-event JSON, open in Perfetto)", w => ChromeTraceWriter.Write(w, timelines));
        if (options.Svg != null) written &= WriteOutput(say, error, options.Svg, $"timeline of phasing {worst.Index} (SVG)", w => SvgTimelineWriter.Write(w, timelines));
        foreach (var note in timelines[0].Notes) error.WriteLine($"note: {note}");
        return written ? 0 : 1;
    }

    /// <summary>Reads a task-set file; a refusal goes to <paramref name="error"/> as one line (docs/spec/timing.md §4.5).</summary>
    internal static bool ReadTaskSet(string file, TextWriter error, out TaskSet set)
    {
        try
        {
            set = TaskSetReader.ReadFile(file);
            return true;
        }
        catch (TaskSetFormatException e)
        {
            error.WriteLine(e.Message);
            set = null;
            return false;
        }
    }

    /// <summary>The <c>--search</c>, <c>--seed</c> and <c>--until</c> options shared by simulate and check.</summary>
    internal static (Option<int> Search, Option<int> Seed, Option<int> Until) PhasingOptions(int defaultSearch) => (
        Program.IntOption("--search", "search phasings after the offsets as given: adversarial (a less urgent task holds a lock at a more urgent release) and random", "N", 0, MaxSearch, defaultSearch),
        Program.IntOption("--seed", "seed of the search phasings and jitter draws", "S", 0, int.MaxValue, 1),
        Program.IntOption("--until", "largest horizon of one phasing in ticks (default: hyperperiod + largest offset, at most 1000000)", "T", 1, int.MaxValue, null));

    /// <summary>The <c>simulate</c> command for System.CommandLine.</summary>
    internal static Command SimulateCommand()
    {
        var file = new Argument<string>("FILE") { Description = "task-set file (JSON, docs/spec/timing.md §4)" };
        var json = new Option<bool>("--json") { Description = "print the result as JSON (docs/spec/timing.md §6) instead of the table" };
        var (search, seed, until) = PhasingOptions(DefaultSearch);
        var svg = new Option<string>("--svg") { Description = "write an SVG timeline of the worst phasing; must end in .svg", HelpName = "OUT.svg" };
        var trace = new Option<string>("--trace") { Description = "write a Chrome trace-event JSON of the worst phasing; must end in .json", HelpName = "OUT.json" };
        var command = new Command("simulate", "run a task set on the real kernel (simulated board) with the offsets as given and N adversarial/random phasings: jobs, worst response, misses, worst blocking per task")
            { file, json, search, seed, until, svg, trace };
        command.SetAction(r => Simulate(r.GetValue(file), new SimulateOptions
        {
            Json = r.GetValue(json),
            Search = r.GetValue(search),
            Seed = r.GetValue(seed),
            Until = Program.GivenValue(r, until),
            Svg = r.GetValue(svg),
            Trace = r.GetValue(trace),
        }, r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }
}
