namespace NfRt.Timing;

/// <summary>A task body flattened into the order it runs: lock, unlock, or compute for some ticks.</summary>
internal readonly record struct BodyEvent(BodyEventKind Kind, LockSite Site, long Ticks);

/// <summary>The kinds of <see cref="BodyEvent"/>.</summary>
internal enum BodyEventKind { Lock, Unlock, Compute }
