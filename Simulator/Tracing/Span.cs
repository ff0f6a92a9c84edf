namespace NfRt.Simulator.Tracing;

/// <summary>A closed interval [Start, End) in timeline microseconds, of one task.</summary>
public readonly record struct Span(int Task, long Start, long End);
