namespace NfRt.Timing;

/// <summary>One reason a task set is refused: where (JSON path, line, column) and why.</summary>
public readonly record struct TaskSetProblem(SourcePosition Position, string Message)
{
    /// <summary><c>$.path (line L, column C): message</c>.</summary>
    public override string ToString() =>
        Position.IsKnown ? $"{Position.JsonPath} (line {Position.Line}, column {Position.Column}): {Message}"
        : string.IsNullOrEmpty(Position.JsonPath) ? Message : $"{Position.JsonPath}: {Message}";
}
