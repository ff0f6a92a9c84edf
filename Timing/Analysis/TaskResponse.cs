namespace NfRt.Timing;

/// <summary>The analysis of one task (docs/spec/timing.md §5): its bound, how it was made, and the verdict.</summary>
public sealed class TaskResponse
{
    internal TaskResponse(TaskSpec task, BlockingBound blocking, long? wcrt, string unboundedReason, EqualPriorityRule equalRule,
        IReadOnlyList<TaskSpec> equalTasks, int worstJob, long worstJobOffset, long? busyPeriod, bool synchronousReleaseIsWorst)
    {
        Task = task;
        Blocking = blocking;
        Wcrt = wcrt;
        UnboundedReason = unboundedReason;
        EqualRule = equalRule;
        EqualTasks = equalTasks;
        WorstJob = worstJob;
        WorstJobOffset = worstJobOffset;
        BusyPeriod = busyPeriod;
        SynchronousReleaseIsWorst = synchronousReleaseIsWorst;
    }

    /// <summary>The task.</summary>
    public TaskSpec Task { get; }

    /// <summary>Its name.</summary>
    public string Name => Task.Name;

    /// <summary>C: compute ticks of one job.</summary>
    public long Wcet => Task.Wcet;

    /// <summary>The blocking term and the stretches that make it.</summary>
    public BlockingBound Blocking { get; }

    /// <summary>Worst-case response time from the job's nominal release (<c>offset + k·period</c>), jitter included; null: unbounded or beyond the horizon.</summary>
    public long? Wcrt { get; }

    /// <summary>Why <see cref="Wcrt"/> is null, else null.</summary>
    public string UnboundedReason { get; }

    /// <summary>Relative deadline.</summary>
    public long Deadline => Task.Deadline;

    /// <summary>Deadline minus wcrt; null when wcrt is null.</summary>
    public long? Slack => Wcrt is long r ? Task.Deadline - r : null;

    /// <summary>True when the bound exists and is within the deadline.</summary>
    public bool Schedulable => Wcrt is long r && r <= Task.Deadline;

    /// <summary>How equal-priority tasks were counted.</summary>
    public EqualPriorityRule EqualRule { get; }

    /// <summary>Why every equal-priority job was counted (<see cref="EqualPriorityRule.AllJobs"/>), else null.</summary>
    public string EqualReason { get; internal init; }

    /// <summary>The other tasks of the same priority.</summary>
    public IReadOnlyList<TaskSpec> EqualTasks { get; }

    /// <summary>Which job of the busy period gave the bound (0 = the first).</summary>
    public int WorstJob { get; }

    /// <summary>Under the FIFO rule, how late in the busy period the first job of the task was released in the worst case found (0 otherwise).</summary>
    public long WorstJobOffset { get; }

    /// <summary>Length bound of the level's busy period (null: beyond the horizon).</summary>
    public long? BusyPeriod { get; }

    /// <summary>
    /// True when the bound is exactly the response of the first job after a synchronous release (all
    /// offsets 0): the task and every more urgent one lock nothing and suffer no blocking, none has jitter
    /// or an equal priority, and none overruns its period (bound below the period for the more urgent
    /// ones, at most the period for this one, so no release that matters is skipped).
    /// The <c>check</c> command expects equality then (docs/spec/timing.md §6).
    /// </summary>
    public bool SynchronousReleaseIsWorst { get; }
}
