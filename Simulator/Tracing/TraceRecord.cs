using NfRt.Kernel;

namespace NfRt.Simulator.Tracing;

/// <summary>
/// One collected record: a kernel event or an annotation, with its time unit and arrival order.
/// <see cref="Snapshot"/> records are not events: they restate, at the start of a window, what was
/// already true before it (tasks and their priorities, the running task, owned mutexes, lock calls in progress).
/// </summary>
public readonly record struct TraceRecord(long Unit, int Order, TraceRecordKind Kind, TraceEvent Event, int Task, string Label)
{
    public bool Snapshot { get; init; }

    /// <summary>
    /// Position among the timed records of its run of equal units (1-based; steps and snapshots
    /// are 0), counting the records that were not kept too; <see cref="Run"/> numbers those runs.
    /// With <see cref="TraceCollector.RunLength"/> it places the record inside its unit exactly
    /// where it would be in a complete trace.
    /// </summary>
    public int Slot { get; init; }
    public int Run { get; init; }
}
