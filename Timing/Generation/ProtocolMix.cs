namespace NfRt.Timing;

/// <summary>Which lock protocols a generated task set uses.</summary>
public enum ProtocolMix
{
    /// <summary>Each set draws one of: all inherit, all ceiling, all plain, mixed (the default: every protocol is exercised).</summary>
    Random,
    /// <summary>Every resource <c>inherit</c>.</summary>
    Inherit,
    /// <summary>Every resource <c>ceiling</c>.</summary>
    Ceiling,
    /// <summary>Every resource <c>plain</c>.</summary>
    Plain,
    /// <summary>Each resource draws its own protocol.</summary>
    Mixed,
}
