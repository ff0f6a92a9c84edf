namespace NfRt.Simulator.Tracing;

/// <summary>A point event: boost, deboost, steal, deadlock, timeout, irq, release (a periodic job's release), deadline-miss.</summary>
public readonly record struct Instant(int Task, long Time, string Kind, string Text);
