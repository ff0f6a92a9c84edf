namespace NfRt.Timing;

/// <summary>How generated deadlines relate to periods.</summary>
public enum DeadlineMode
{
    /// <summary>Deadline = period (the default).</summary>
    Implicit,
    /// <summary>Deadline drawn in [C, period].</summary>
    Constrained,
    /// <summary>Deadline drawn in [C, 3·period] (arbitrary deadlines: the busy period may hold several jobs).</summary>
    Arbitrary,
}
