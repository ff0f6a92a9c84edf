using NfRt.Boards;

namespace NfRt.Simulator.Balloon;

/// <summary>What one run of the demo produced.</summary>
public sealed class BalloonDemoResult
{
    public required BoardProfile Board { get; init; }
    public required int PoolBlocks { get; init; }
    public required int BlockSize { get; init; }
    public required int RetryPeriod { get; init; }
    public required int HostBlocks { get; init; }
    public required int FreedPerPeriod { get; init; }
    public required List<BalloonPeriodRow> Rows { get; init; }
    public required List<BalloonSample> Samples { get; init; }
    /// <summary>Ticks at which conservation was checked (every tick of the run).</summary>
    public required int TicksChecked { get; init; }
    /// <summary>Null when blocks were conserved at every tick, else the first violation.</summary>
    public required string ConservationError { get; init; }
    /// <summary>First period at which both partitions held their targets, or -1.</summary>
    public required int ConvergedAtPeriod { get; init; }
    public BalloonPeriodRow Last => Rows[^1];
    public bool Converged => Last.ACurrent == Last.ATarget && Last.BCurrent == Last.BTarget && ConvergedAtPeriod >= 0;
    public bool Conserved => ConservationError == null;
}
