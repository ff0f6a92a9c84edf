namespace NfRt.Simulator.Scenarios;

/// <summary>How a scenario ended.</summary>
public enum ScenarioOutcome
{
    Pass,
    /// <summary>A line could not be parsed (or the file is not a script).</summary>
    SyntaxError,
    /// <summary>A <c>T:</c> condition was false.</summary>
    TestFailed,
    /// <summary>A <c>W:</c> condition was still false when the system went quiescent.</summary>
    WaitFailed,
    /// <summary>A command went to a busy thread (-EBUSY).</summary>
    CommandRejected,
    /// <summary>A kernel invariant broke or a task body threw: a kernel (or runner) bug.</summary>
    KernelFault,
    /// <summary>The file could not be read (missing, a directory, no permission).</summary>
    FileError,
}

/// <summary>
/// The result of one script. <see cref="Headline"/> is the line the original rt-tester would print
/// (<c>Pass</c>, <c>Test failed in line N</c>, <c>Wait failed in line N</c>, <c>Syntax error in line N</c>),
/// extended with this project's outcomes (<c>Command rejected in line N</c>, <c>Kernel fault in line N</c>,
/// <c>Cannot read file</c>); <see cref="Detail"/> says why, <see cref="LineText"/> is the offending line and
/// <see cref="Status"/> the status of the thread it names (when there is one).
/// </summary>
public sealed record ScenarioResult(string Name, ScenarioOutcome Outcome, int Line, string LineText, string Detail, string Status)
{
    public bool Passed => Outcome == ScenarioOutcome.Pass;

    public string Headline => Outcome switch
    {
        ScenarioOutcome.Pass => "Pass",
        ScenarioOutcome.SyntaxError => $"Syntax error in line {Line}",
        ScenarioOutcome.TestFailed => $"Test failed in line {Line}",
        ScenarioOutcome.WaitFailed => $"Wait failed in line {Line}",
        ScenarioOutcome.CommandRejected => $"Command rejected in line {Line}",
        ScenarioOutcome.KernelFault => $"Kernel fault in line {Line}",
        _ => "Cannot read file",
    };

    /// <summary>
    /// The report: "NAME: Headline[: detail]", then the offending line (longer than
    /// <see cref="TextClip.LineChars"/> characters: its start and "… (N characters)") and the thread's status, indented.
    /// </summary>
    public string Format()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(Name).Append(": ").Append(Headline);
        if (!string.IsNullOrEmpty(Detail)) sb.Append(": ").Append(Detail);
        sb.Append('\n');
        if (Outcome != ScenarioOutcome.Pass && Outcome != ScenarioOutcome.FileError && Line > 0)
        {
            if (!string.IsNullOrEmpty(LineText)) sb.Append("    line ").Append(Line).Append(": ").Append(TextClip.Shorten(LineText)).Append('\n');
            if (!string.IsNullOrEmpty(Status)) sb.Append("    ").Append(Status).Append('\n');
        }
        return sb.ToString();
    }
}
