namespace NfRt.Timing;

/// <summary>
/// One term of a blocking bound: a <see cref="CriticalStretch"/> of a less urgent task, counted for
/// that task (per-task and one-section rules) or for <see cref="ForResource"/> (per-resource rule).
/// </summary>
public sealed class BlockingTerm
{
    internal BlockingTerm(CriticalStretch stretch, ResourceSpec forResource)
    {
        Stretch = stretch;
        ForResource = forResource;
    }

    /// <summary>The stretch counted.</summary>
    public CriticalStretch Stretch { get; }

    /// <summary>Under <see cref="BlockingRule.PerResource"/>, the resource this term stands for; otherwise null.</summary>
    public ResourceSpec ForResource { get; }

    /// <summary>Its length in ticks.</summary>
    public long Length => Stretch.Length;

    /// <summary><c>task:resource</c> (the stretch's opening resource).</summary>
    public string Name => Stretch.Name;
}
