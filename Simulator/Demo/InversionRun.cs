using NfRt.Simulator.Tracing;

namespace NfRt.Simulator.Demo;

/// <summary>The outcome of one run of the inversion demo.</summary>
public sealed record InversionRun(int Mediums, bool Inheritance, long LockTick, long OwnTick, long RemainingCriticalSection, long EndTick, Timeline Timeline)
{
    /// <summary>Ticks the high task waited: from its lock call to owning the mutex.</summary>
    public long BlockingTicks => OwnTick - LockTick;
}
