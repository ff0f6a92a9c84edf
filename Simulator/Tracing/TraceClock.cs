namespace NfRt.Simulator.Tracing;

/// <summary>How a collector assigns time units to what it records.</summary>
public enum TraceClock
{
    /// <summary>Kernel ticks: a record's unit is the tick it happened at (the demo).</summary>
    Ticks,
    /// <summary>
    /// Script steps: every <see cref="TraceCollector.BeginStep"/> (one per <c>C:</c> line, a
    /// <c>tick: n</c> line included) starts a new unit. Scenario commands take no virtual time, so
    /// ticks alone would put a whole script at time 0.
    /// </summary>
    Steps,
}
