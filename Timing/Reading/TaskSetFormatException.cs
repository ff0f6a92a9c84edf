namespace NfRt.Timing;

/// <summary>
/// A task-set file was refused (docs/spec/timing.md §4.5): <see cref="Problem"/> names the JSON path,
/// line and column of the fault and what is wrong; <see cref="Source"/> is the file (or the name given
/// to the reader). The CLI prints <see cref="Exception.Message"/> on stderr and exits 2.
/// </summary>
public sealed class TaskSetFormatException : Exception
{
    /// <summary>A refusal of <paramref name="source"/> for <paramref name="problem"/>.</summary>
    public TaskSetFormatException(string source, TaskSetProblem problem)
        : base(Format(source, problem))
    {
        Source = source;
        Problem = problem;
    }

    /// <summary>The file or name the text came from.</summary>
    public new string Source { get; }

    /// <summary>Where and why.</summary>
    public TaskSetProblem Problem { get; }

    /// <summary>The JSON path of the fault (<c>$</c> for the whole document).</summary>
    public string JsonPath => Problem.Position.JsonPath;

    /// <summary>1-based line of the fault.</summary>
    public int Line => Problem.Position.Line;

    /// <summary>1-based column of the fault.</summary>
    public int Column => Problem.Position.Column;

    /// <summary><c>SOURCE:LINE:COLUMN: $.path: message</c> (the compiler convention editors jump to).</summary>
    private static string Format(string source, TaskSetProblem p)
    {
        string where = p.Position.IsKnown ? $"{source}:{p.Position.Line}:{p.Position.Column}" : source;
        string path = string.IsNullOrEmpty(p.Position.JsonPath) ? "" : p.Position.JsonPath + ": ";
        return $"{where}: {path}{p.Message}";
    }
}
