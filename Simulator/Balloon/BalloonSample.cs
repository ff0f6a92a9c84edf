namespace NfRt.Simulator.Balloon;

/// <summary>Current and target of both partitions at one tick (recorded whenever one of them changes).</summary>
public sealed record BalloonSample(long Tick, int ACurrent, int ATarget, int BCurrent, int BTarget);
