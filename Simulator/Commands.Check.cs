using System.CommandLine;
using NfRt.Harness;
using NfRt.Simulator.TimingReports;
using NfRt.Timing;

namespace NfRt.Simulator;

/// <summary>
/// <c>check FILE [--search N] [--seed S] [--until T]</c> (docs/spec/timing.md §6): analyses the task set and runs it
/// on the kernel (<see cref="CrossCheck"/>), then compares task by task. Exit 1 when an observed response exceeds its
/// bound, or when a task the analysis marks <c>SynchronousReleaseIsWorst</c> observed less than its bound at the
/// synchronous release (§6 says they are equal) — then stdout ends with the offending phasing as a task-set file to
/// save under a new name and re-run; exit 0 otherwise (tasks without a bound are named, not judged); exit 2 for a bad
/// file or option; 1 for a kernel fault. Writes no file.
/// </summary>
public static partial class Commands
{
    /// <summary>Checks <paramref name="file"/>; results to <paramref name="output"/>, problems to <paramref name="error"/>. Returns the exit code.</summary>
    public static int Check(string file, SimulationOptions options, TextWriter output, TextWriter error) => Check(file, options, output, error, null);

    /// <summary>
    /// The command with a test seam: <paramref name="analyse"/> replaces the analysis of the set read (null: the real
    /// one). Tests give it the analysis of a deliberately different set (a task's compute made shorter) to drive the
    /// failure path with a bound that is really wrong for what runs.
    /// </summary>
    internal static int Check(string file, SimulationOptions options, TextWriter output, TextWriter error, Func<TaskSet, AnalysisResult> analyse)
    {
        if (!ReadTaskSet(file, error, out var set)) return UsageError;
        CrossCheckResult result;
        try
        {
            result = CrossCheck.Compare((analyse ?? ResponseTimeAnalysis.Analyze)(set), TaskSetSimulation.Run(set, options));
        }
        catch (HarnessException e)
        {
            error.WriteLine($"check: {e.Message}");
            return 1;
        }
        output.Write(CheckReport.ToText(result, file, options.Seed));
        return result.Passed ? 0 : 1;
    }

    /// <summary>The <c>check</c> command for System.CommandLine.</summary>
    internal static Command CheckCommand()
    {
        var file = new Argument<string>("FILE") { Description = "task-set file (JSON, docs/spec/timing.md §4)" };
        var (search, seed, until) = PhasingOptions(DefaultSearch);
        var command = new Command("check", "analyse a task set and run it on the kernel: exit 1 (with a re-runnable phasing) when an observed response exceeds its bound, 0 otherwise")
            { file, search, seed, until };
        command.SetAction(r => Check(r.GetValue(file), new SimulationOptions
        {
            Search = r.GetValue(search),
            Seed = r.GetValue(seed),
            Until = Program.GivenValue(r, until),
        }, r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }
}
