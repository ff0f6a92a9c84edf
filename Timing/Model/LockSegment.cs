namespace NfRt.Timing;

/// <summary>
/// <c>{"lock": R, "body": [...]}</c>: locks resource R, runs the inner body, unlocks R. Lock and
/// unlock take no virtual time. Bodies nest; a resource is never locked again inside itself.
/// </summary>
public sealed class LockSegment : Segment
{
    /// <summary>A critical section on <paramref name="resource"/> around <paramref name="body"/>.</summary>
    public LockSegment(string resource, IReadOnlyList<Segment> body, SourcePosition position = default) : base(position)
    {
        Resource = resource ?? throw new ArgumentNullException(nameof(resource));
        Body = body ?? throw new ArgumentNullException(nameof(body));
        long sum = 0;
        foreach (var s in Body) sum += s.ComputeTicks;
        ComputeTicks = sum;
    }

    /// <summary>The name of the resource locked (declared in <see cref="TaskSet.Resources"/>).</summary>
    public string Resource { get; }

    /// <summary>The steps run while the resource is held.</summary>
    public IReadOnlyList<Segment> Body { get; }

    /// <summary>CPU ticks burned while the resource is held (the length of this critical section).</summary>
    public override long ComputeTicks { get; }
}
