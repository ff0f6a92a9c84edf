namespace NfRt.Timing;

/// <summary>How jobs of tasks with the analysed task's priority are counted (docs/spec/timing.md §5.3).</summary>
public enum EqualPriorityRule
{
    /// <summary>No other task has this priority.</summary>
    None,
    /// <summary>
    /// FIFO: only jobs released no later than the analysed job joins the ready queue are ahead of it —
    /// one job of each equal-priority task at a synchronous release. Used when the analysed task never
    /// waits on a lock (a woken task goes to the tail of its level) and every task of the level has a
    /// bound below its period (so none runs straight on from one job into the next).
    /// </summary>
    Fifo,
    /// <summary>Every job released before the analysed job completes is counted, as for a more urgent task (the analysed task may wait on a lock, or a task of the level may overrun its period).</summary>
    AllJobs,
}
