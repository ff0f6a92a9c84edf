using System.CommandLine;
using NfRt.Harness;
using NfRt.Kernel;
using NfRt.Simulator.Tracing;
using NfRt.Sync;

namespace NfRt.Simulator;

/// <summary>
/// <c>periodic [--out DIR] [--until T]</c>: periodic tasks, deadline monitoring and the run-time statistics
/// (docs/spec/scheduler.md §33-§34) on a small built-in task set run by <see cref="TaskSetRunner"/> on the
/// simulated STM32 board: a control loop and a sensor task sharing a bus (rt-mutex, inheritance) and a log
/// (ceiling) with a logger, the sensor's deadline shorter than its period so that it misses at the critical
/// instant. Prints each task's jobs, worst response, misses and worst blocking, then the kernel's statistics
/// table; writes the Chrome trace JSON and the SVG timeline (releases and misses marked) to DIR (default
/// out/periodic/). Exit code 0 when the run completed and the files were written, 1 otherwise; 2 for a
/// refused output.
/// </summary>
public static partial class Commands
{
    public const string DefaultPeriodicDir = "out/periodic";

    /// <summary>The built-in task set of <c>periodic</c>.</summary>
    public static SimTaskSet PeriodicDemoSet => new("sensor-bus", new[]
    {
        new SimResource("bus", SimProtocol.Inherit),
        new SimResource("log", SimProtocol.Ceiling),
    }, new[]
    {
        new SimTask("control", 3, 20, new SimSegment[] { new SimCompute(2), new SimLock("bus", new SimSegment[] { new SimCompute(1) }), new SimCompute(1) }),
        new SimTask("sensor", 5, 25, new SimSegment[] { new SimCompute(3), new SimLock("log", new SimSegment[] { new SimCompute(1) }) }, Deadline: 6),
        new SimTask("logger", 10, 50, new SimSegment[] { new SimLock("bus", new SimSegment[] { new SimCompute(3), new SimLock("log", new SimSegment[] { new SimCompute(2) }) }) }, Offset: 18),
    });

    /// <summary>The <c>periodic</c> command for the CLI.</summary>
    internal static Command PeriodicCommand()
    {
        var outDir = new Option<string>("--out") { Description = "directory for the trace JSON and SVG timeline", HelpName = "DIR", DefaultValueFactory = _ => DefaultPeriodicDir };
        var until = Program.IntOption("--until", "ticks to run", "T", 1, 100_000, 200);
        var cmd = new Command("periodic", "periodic tasks, deadline monitoring and run-time statistics of a small task set on the simulated board") { outDir, until };
        cmd.SetAction(r => Periodic(r.InvocationConfiguration.Output, r.InvocationConfiguration.Error, r.GetValue(outDir), r.GetValue(until)));
        return cmd;
    }

    /// <summary>Runs the built-in set for <paramref name="until"/> ticks; results to <paramref name="output"/>, problems to <paramref name="error"/>.</summary>
    public static int Periodic(TextWriter output, TextWriter error, string outDir, int until)
    {
        string dirError = OutputGuard.CheckDirectory("--out", outDir);
        if (dirError != null)
        {
            error.WriteLine(dirError);
            return UsageError;
        }
        string stem = Path.Combine(outDir, "periodic");
        if (Refused(new[] { new PlannedOutput("--out", stem + ".json", OutputKind.TraceJson), new PlannedOutput("--out", stem + ".svg", OutputKind.TimelineSvg) },
                Array.Empty<string>(), error))
            return UsageError;
        var set = PeriodicDemoSet;
        var trace = new TraceCollector(TraceClock.Ticks, $"periodic task set {set.Name}, {until} ticks, STM32F429 (simulated)");
        TaskSetRun run;
        try
        {
            run = TaskSetRunner.Run(set, until, onKernel: k =>
            {
                k.Trace.Sink = trace;
                trace.Attach(k, id => RtMutexSystem.Of(k).MutexAt(id - 1)?.Name ?? "m" + id);
            });
        }
        catch (HarnessException e)
        {
            error.WriteLine($"periodic: {e.Message}");
            return 1;
        }
        output.WriteLine($"task set {set.Name}: {set.Tasks.Count} periodic tasks, {until} ticks from the synchronous release");
        output.WriteLine();
        foreach (var t in run.Tasks)
        {
            var spec = set.Tasks.First(s => s.Name == t.Name);
            output.WriteLine($"  {t.Name,-8} T={spec.Period,-3} D={(spec.Deadline == 0 ? spec.Period : spec.Deadline),-3} jobs {t.Jobs,3}  worst response {t.MaxResponse,3}  misses {t.Misses,2}  worst blocking {t.MaxBlocking,2}");
        }
        output.WriteLine();
        output.WriteLine("run-time statistics (kernel ticks; TaskStatistics, docs/spec/scheduler.md §34):");
        output.Write(KernelReport.StatisticsTable(run.Tasks.Select(t => KernelReport.StatisticsRow(t.Statistics)).ToList()));
        output.WriteLine();
        var timelines = new[] { Timeline.Build(trace) };
        bool written = WriteOutput(output, error, stem + ".json", "trace (Chrome trace-event JSON, open in Perfetto)", w => w.Write(ChromeTraceWriter.Write(timelines)))
                     & WriteOutput(output, error, stem + ".svg", "timeline (SVG)", w => w.Write(SvgTimelineWriter.Write(timelines)));
        return written ? 0 : 1;
    }
}
