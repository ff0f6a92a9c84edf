namespace NfRt.Timing;

/// <summary>
/// What <see cref="TaskSetGenerator"/> draws (docs/spec/timing.md §7). Every field has a default; ranges
/// are inclusive. The same options and seed always give the same sets, on every machine.
/// </summary>
public sealed record GeneratorOptions
{
    /// <summary>The seed; set k of a seed is the same whatever else is generated.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Number of tasks per set.</summary>
    public int MinTasks { get; init; } = 3;
    /// <summary>Number of tasks per set.</summary>
    public int MaxTasks { get; init; } = 8;

    /// <summary>Total utilisation per set, drawn uniformly, then split by UUniFast.</summary>
    public double MinUtilization { get; init; } = 0.3;
    /// <summary>Total utilisation per set.</summary>
    public double MaxUtilization { get; init; } = 0.9;

    /// <summary>Periods, log-uniform in this range (ticks).</summary>
    public long MinPeriod { get; init; } = 10;
    /// <summary>Periods, log-uniform in this range (ticks).</summary>
    public long MaxPeriod { get; init; } = 1000;

    /// <summary>Deadlines.</summary>
    public DeadlineMode Deadlines { get; init; } = DeadlineMode.Implicit;

    /// <summary>Share of sets without any resource (0..1): the ones whose synchronous release must match the bound exactly.</summary>
    public double ResourceFreeShare { get; init; } = 0.3;

    /// <summary>Resources per set that has resources (1..4 by default).</summary>
    public int MinResources { get; init; } = 1;
    /// <summary>Resources per set that has resources.</summary>
    public int MaxResources { get; init; } = 4;

    /// <summary>Protocols.</summary>
    public ProtocolMix Protocols { get; init; } = ProtocolMix.Random;

    /// <summary>Chance that a task (of a set with resources) has critical sections.</summary>
    public double LockingShare { get; init; } = 0.7;

    /// <summary>Longest critical section as a share of the task's C.</summary>
    public double MaxSectionShare { get; init; } = 0.5;

    /// <summary>Chance that a section holds a nested one (on a resource later in the set's lock order).</summary>
    public double NestingChance { get; init; } = 0.4;

    /// <summary>Chance that a task gets the priority of the task just before it in priority order (0: all distinct).</summary>
    public double EqualPriorityChance { get; init; } = 0;

    /// <summary>Chance that a task catches up overruns instead of skipping them.</summary>
    public double CatchUpChance { get; init; } = 0;

    /// <summary>Largest release jitter as a share of the period (0: none).</summary>
    public double MaxJitterShare { get; init; } = 0;

    /// <summary>Largest offset as a share of the period (0: all tasks released together at tick 0).</summary>
    public double MaxOffsetShare { get; init; } = 0;

    /// <summary>Why these options cannot generate, or null.</summary>
    public string Problem()
    {
        if (MinTasks < 1 || MaxTasks < MinTasks || MaxTasks > TaskSetLimits.MaxTasks) return $"tasks must be 1 <= min <= max <= {TaskSetLimits.MaxTasks}";
        if (!(MinUtilization > 0) || MaxUtilization < MinUtilization || MaxUtilization > 1) return "utilisation must be 0 < min <= max <= 1";
        if (MinPeriod < 1 || MaxPeriod < MinPeriod || MaxPeriod > 1_000_000) return "periods must be 1 <= min <= max <= 1000000";
        if (MinResources < 1 || MaxResources < MinResources || MaxResources > 16) return "resources must be 1 <= min <= max <= 16";
        foreach (var (name, v) in new[] { ("resource-free share", ResourceFreeShare), ("locking share", LockingShare), ("section share", MaxSectionShare),
                     ("nesting chance", NestingChance), ("equal-priority chance", EqualPriorityChance), ("catch-up chance", CatchUpChance),
                     ("jitter share", MaxJitterShare), ("offset share", MaxOffsetShare) })
            if (!(v >= 0 && v <= 1)) return $"{name} must be in 0..1";
        return null;
    }
}
