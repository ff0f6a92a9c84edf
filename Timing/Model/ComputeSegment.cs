namespace NfRt.Timing;

/// <summary><c>{"compute": n}</c>: burns exactly n ticks of CPU, preemptible at every tick (the kernel's <c>Busy(n)</c>).</summary>
public sealed class ComputeSegment : Segment
{
    /// <summary>A compute step of <paramref name="ticks"/> (0 or more) ticks.</summary>
    public ComputeSegment(long ticks, SourcePosition position = default) : base(position)
    {
        if (ticks < 0) throw new ArgumentOutOfRangeException(nameof(ticks), ticks, "compute ticks must not be negative");
        Ticks = ticks;
    }

    /// <summary>The ticks burned.</summary>
    public long Ticks { get; }

    /// <inheritdoc/>
    public override long ComputeTicks => Ticks;
}
