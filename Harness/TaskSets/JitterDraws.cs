using NfRt.Timing;

namespace NfRt.Harness;

/// <summary>
/// The release jitter of a run (docs/spec/timing.md §4.1 <c>jitter</c>): job j of task i starts
/// <c>Delay(i, j)</c> ticks after its nominal release, a pure function of (seed, i, j) — so a run is the same
/// whatever order the kernel asks in, on every machine. A third of the draws are 0, a third the task's full
/// jitter J and a third uniform in [0, J]: the extremes are where the worst cases lie.
/// </summary>
public sealed class JitterDraws
{
    private readonly long _seed;
    private readonly long[] _jitter;

    /// <summary>Draws for tasks whose largest jitters are <paramref name="jitter"/> (one per task, in the set's order).</summary>
    public JitterDraws(long seed, IReadOnlyList<long> jitter)
    {
        _seed = seed;
        _jitter = jitter.ToArray();
    }

    /// <summary>True when no task has jitter (the runner then needs no callback).</summary>
    public bool None => _jitter.All(j => j == 0);

    /// <summary>The delay of job <paramref name="job"/> (0, 1, ...) of task <paramref name="task"/>, in [0, J].</summary>
    public long Delay(int task, long job)
    {
        long j = _jitter[task];
        if (j == 0) return 0;
        var rng = SplitMix64.ForItem(_seed, ((long)task << 40) ^ job);
        return rng.NextInt(0, 2) switch
        {
            0 => 0,
            1 => j,
            _ => rng.NextLong(0, j),
        };
    }
}
