namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The global event counter of a scenario (scenario-language.md, "Events"): reset to 0 by
/// <c>resetevent</c>, incremented at every lock-state transition (lock start, block, wake,
/// lockcont, lock return, before and after each unlock). A thread's E field is the value
/// returned by its latest <see cref="Next"/>. Touched only by the one running task or the
/// driver (baton passing), so a plain int suffices.
/// </summary>
public sealed class EventCounter
{
    /// <summary>Current value.</summary>
    public int Value { get; private set; }

    /// <summary>Increments and returns the new value.</summary>
    public int Next() => ++Value;

    /// <summary>Back to 0 (<c>resetevent</c>).</summary>
    public void Reset() => Value = 0;
}
