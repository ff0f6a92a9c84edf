namespace NfRt.Simulator.Tracing;

/// <summary>Effective and normal priority of a task from <see cref="Time"/> on: the kernel's numbers (lower = more urgent).</summary>
public readonly record struct PrioPoint(int Task, long Time, int Effective, int Normal);
