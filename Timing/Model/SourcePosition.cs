namespace NfRt.Timing;

/// <summary>
/// Where an element of a task set was written: its JSON path (<c>$.tasks[1].body[0]</c>) and the
/// 1-based line and column of its first character. <see cref="None"/> for elements built in code.
/// </summary>
public readonly record struct SourcePosition(string JsonPath, int Line, int Column)
{
    /// <summary>No position (an element built in code, e.g. by the generator).</summary>
    public static readonly SourcePosition None = new("", 0, 0);

    /// <summary>True when the element came from a file.</summary>
    public bool IsKnown => Line > 0;

    /// <summary><c>line L, column C</c>, or the empty string when unknown.</summary>
    public override string ToString() => IsKnown ? $"line {Line}, column {Column}" : "";
}
