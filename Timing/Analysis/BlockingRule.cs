namespace NfRt.Timing;

/// <summary>Which bound made a task's blocking term (docs/spec/timing.md §5.4).</summary>
public enum BlockingRule
{
    /// <summary>No less urgent task can delay the task.</summary>
    None,
    /// <summary>Ceiling only: one stretch of one less urgent task, the longest.</summary>
    OneSection,
    /// <summary>Inheritance (or mixed): one stretch per less urgent task, summed (the smaller of the two sums).</summary>
    PerTask,
    /// <summary>Inheritance (or mixed): one stretch per resource, summed (the smaller of the two sums).</summary>
    PerResource,
    /// <summary>Plain lock with a task in between: no bound.</summary>
    Unbounded,
}
