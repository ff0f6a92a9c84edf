namespace NfRt.Simulator.Balloon;

/// <summary>One line of the demo table: the state at the end of a retry period.</summary>
public sealed record BalloonPeriodRow(
    int Period, long Tick,
    int ACurrent, int ATarget, int AFree,
    int BCurrent, int BTarget,
    int PoolFree, int InFlight, int Host, int Total,
    int BGrowCalls, int BGranted, long ARetryDue, long BRetryDue);
