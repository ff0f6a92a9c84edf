namespace NfRt.Simulator.Tracing;

/// <summary>A task row of a timeline.</summary>
public sealed record TaskRow(int Id, string Name, int InitialPrio);
