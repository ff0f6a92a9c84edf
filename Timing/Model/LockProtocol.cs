namespace NfRt.Timing;

/// <summary>How a resource of a task set is locked (docs/spec/timing.md §4.2).</summary>
public enum LockProtocol
{
    /// <summary><c>"inherit"</c>: the rt-mutex with transitive priority inheritance.</summary>
    Inherit,
    /// <summary><c>"ceiling"</c>: the rt-mutex with the immediate priority ceiling option.</summary>
    Ceiling,
    /// <summary><c>"plain"</c>: a lock without inheritance (priority inversion is unbounded).</summary>
    Plain,
}
