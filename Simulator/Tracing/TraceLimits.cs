namespace NfRt.Simulator.Tracing;

/// <summary>
/// What a trace keeps: the window of time units <see cref="From"/>..<see cref="To"/> (inclusive;
/// script steps or kernel ticks, the collector's clock) and at most <see cref="MaxEvents"/> records
/// in all. One instance may be shared by several collectors (the files of one run): the cap is then
/// for all of them together, so memory stays bounded however long or many the scripts are.
/// </summary>
public sealed class TraceLimits
{
    /// <summary>Default cap on the records kept for a run's traces.</summary>
    public const int DefaultMaxEvents = 200_000;

    public long From { get; init; }
    public long To { get; init; } = long.MaxValue;
    public int MaxEvents { get; init; } = DefaultMaxEvents;

    /// <summary>True when the window is narrower than the whole run.</summary>
    public bool Windowed => From > 0 || To != long.MaxValue;

    /// <summary>Records kept so far by every collector using these limits.</summary>
    public int Kept { get; internal set; }

    public bool Full => Kept >= MaxEvents;
}
