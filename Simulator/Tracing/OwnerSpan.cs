namespace NfRt.Simulator.Tracing;

/// <summary>Task <see cref="Task"/> owned <see cref="Mutex"/> during [Start, End).</summary>
public readonly record struct OwnerSpan(int Task, string Mutex, long Start, long End);
