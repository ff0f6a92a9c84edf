namespace NfRt.Timing;

/// <summary>
/// A resource of a task set: a name, a <see cref="LockProtocol"/>, and for <see cref="LockProtocol.Ceiling"/>
/// an optional explicit ceiling priority (docs/spec/timing.md §4.2).
/// </summary>
public sealed class ResourceSpec
{
    /// <summary>A resource; <paramref name="ceiling"/> only for the ceiling protocol (null: the most urgent user's priority).</summary>
    public ResourceSpec(string name, LockProtocol protocol, int? ceiling = null, SourcePosition position = default)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Protocol = protocol;
        if (ceiling != null && protocol != LockProtocol.Ceiling)
            throw new ArgumentException("a ceiling is given only for the ceiling protocol", nameof(ceiling));
        Ceiling = ceiling;
        Position = position;
    }

    /// <summary>The name tasks lock it by.</summary>
    public string Name { get; }

    /// <summary>How it is locked.</summary>
    public LockProtocol Protocol { get; }

    /// <summary>The ceiling as written in the file (null: not given). See <see cref="TaskSet.CeilingOf"/> for the one in force.</summary>
    public int? Ceiling { get; }

    /// <summary>Where it was declared.</summary>
    public SourcePosition Position { get; }
}
