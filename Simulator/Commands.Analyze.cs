using System.CommandLine;
using NfRt.Timing;

namespace NfRt.Simulator;

/// <summary>
/// <c>analyze FILE [--json]</c> (docs/spec/timing.md §5.7): fixed-priority response-time analysis of a
/// task-set file. Prints the table (or, with <c>--json</c>, the contract's JSON) on stdout. Exit code
/// 0 when every task is schedulable, 1 when one is not, 2 when the file is bad or unreadable: then
/// stderr has one line <c>FILE:LINE:COLUMN: $.json.path: what is wrong</c> and stdout stays empty.
/// Writes no file.
/// </summary>
public static partial class Commands
{
    /// <summary>Analyses <paramref name="file"/>: results to <paramref name="output"/>, a refusal to <paramref name="error"/>. Returns the exit code.</summary>
    public static int Analyze(string file, bool json, TextWriter output, TextWriter error)
    {
        TaskSet set;
        try
        {
            set = TaskSetReader.ReadFile(file);
        }
        catch (TaskSetFormatException e)
        {
            error.WriteLine(e.Message);
            return UsageError;
        }
        var result = ResponseTimeAnalysis.Analyze(set);
        output.Write(json ? AnalysisJsonWriter.ToJson(result) : AnalysisTextWriter.ToText(result));
        return result.Schedulable ? 0 : 1;
    }

    /// <summary>The <c>analyze</c> command for System.CommandLine.</summary>
    internal static Command AnalyzeCommand()
    {
        var file = new Argument<string>("FILE") { Description = "task-set file (JSON, docs/spec/timing.md §4)" };
        var json = new Option<bool>("--json") { Description = "print the result as JSON (docs/spec/timing.md §5.7) instead of the table" };
        var command = new Command("analyze", "response-time analysis of a task set: worst-case response, blocking and verdict per task (exit 0 schedulable, 1 not, 2 bad file)") { file, json };
        command.SetAction(r => Analyze(r.GetValue(file), r.GetValue(json), r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }
}
