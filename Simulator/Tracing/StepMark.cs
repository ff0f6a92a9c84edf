namespace NfRt.Simulator.Tracing;

/// <summary>Start of a script step (Steps clock) or of a labelled phase.</summary>
public readonly record struct StepMark(long Time, long Unit, string Label);
