namespace NfRt.Harness;

/// <summary>How a <see cref="Phasing"/> was chosen (docs/spec/timing.md §6).</summary>
public enum PhasingKind
{
    /// <summary>The offsets written in the file.</summary>
    AsGiven,
    /// <summary>Every task released at tick 0 (the critical instant of §6's exact match); run when the file's offsets are not all 0.</summary>
    Synchronous,
    /// <summary>A less urgent task released first so that it holds a lock when a more urgent group is released.</summary>
    Adversarial,
    /// <summary>Offsets drawn uniformly in [0, period) per task.</summary>
    Random,
}

/// <summary>
/// One run's first releases: <see cref="Offsets"/> (one per task, in the set's order) and the seed of its jitter
/// draws, <see cref="JitterSeed"/>: the jitter of a phasing is the same as that of the offsets as given under
/// <c>--seed JitterSeed</c>, so a phasing is re-run exactly by a file with these offsets and
/// <c>simulate FILE --search 0 --seed JitterSeed</c> (<see cref="JitterDraws"/>).
/// </summary>
/// <param name="Index">Position in the plan (0: the offsets as given).</param>
/// <param name="Kind">How it was chosen.</param>
/// <param name="Offsets">First release per task.</param>
/// <param name="JitterSeed">Seed of the jitter draws.</param>
/// <param name="Why">One line saying what it provokes (for adversarial phasings: which task holds which lock when whom is released).</param>
public sealed record Phasing(int Index, PhasingKind Kind, IReadOnlyList<long> Offsets, long JitterSeed, string Why)
{
    /// <summary>True when every offset is 0.</summary>
    public bool IsSynchronous => Offsets.All(o => o == 0);

    /// <summary>"adversarial", "random", ...: the kind as the outputs print it.</summary>
    public string KindName => Kind switch
    {
        PhasingKind.AsGiven => "as given",
        PhasingKind.Synchronous => "synchronous",
        PhasingKind.Adversarial => "adversarial",
        _ => "random",
    };
}
