namespace NfRt.Timing;

/// <summary>
/// One step of a task's body (docs/spec/timing.md §4.3): <see cref="ComputeSegment"/> burns CPU,
/// <see cref="LockSegment"/> holds a resource around an inner body.
/// </summary>
public abstract class Segment
{
    private protected Segment(SourcePosition position) => Position = position;

    /// <summary>Where the segment was written (<see cref="SourcePosition.None"/> when built in code).</summary>
    public SourcePosition Position { get; }

    /// <summary>CPU ticks this segment burns, nested bodies included.</summary>
    public abstract long ComputeTicks { get; }
}
