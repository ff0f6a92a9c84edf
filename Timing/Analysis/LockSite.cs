namespace NfRt.Timing;

/// <summary>
/// One <c>lock</c> step of one task, as the analysis sees it: which task, which resource, the lock
/// step it is nested in (null at the outermost level), and the compute ticks inside it.
/// </summary>
internal sealed class LockSite
{
    public int Id;
    public int Task;
    public int Resource;
    public LockSite Parent;
    public LockSegment Segment;
    public SourcePosition Position;
    /// <summary>Every lock step inside this one, at any depth.</summary>
    public readonly List<LockSite> Descendants = new();

    /// <summary>The lock steps this one is nested in, innermost first (filled when the index is built).</summary>
    public LockSite[] Ancestors = Array.Empty<LockSite>();
}
