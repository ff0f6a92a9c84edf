namespace NfRt.Simulator.Tracing;

/// <summary>What one <see cref="TraceRecord"/> is.</summary>
public enum TraceRecordKind { Kernel, Step, OwnershipBegin, OwnershipEnd, WaitBegin, WaitEnd }
