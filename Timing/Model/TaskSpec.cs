namespace NfRt.Timing;

/// <summary>
/// A periodic task of a task set (docs/spec/timing.md §4.1): released at <c>offset + k·period</c>,
/// possibly up to <see cref="Jitter"/> ticks late, with a relative deadline, a priority (lower number =
/// more urgent) and a body of compute and lock steps.
/// </summary>
public sealed class TaskSpec
{
    /// <summary>
    /// A task. <paramref name="deadline"/> null means the period; <paramref name="offset"/> and
    /// <paramref name="jitter"/> default to 0 and <paramref name="overrun"/> to skip, as in the file format.
    /// Values are checked by <see cref="TaskSetValidator"/>, not here.
    /// </summary>
    public TaskSpec(string name, int priority, long period, IReadOnlyList<Segment> body, long? deadline = null, long offset = 0,
        long jitter = 0, OverrunPolicy overrun = OverrunPolicy.Skip, SourcePosition position = default)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Priority = priority;
        Period = period;
        Body = body ?? throw new ArgumentNullException(nameof(body));
        Deadline = deadline ?? period;
        DeadlineGiven = deadline != null;
        Offset = offset;
        Jitter = jitter;
        Overrun = overrun;
        Position = position;
        long sum = 0;
        foreach (var s in Body) sum += s.ComputeTicks;
        Wcet = sum;
    }

    /// <summary>Unique name within the set.</summary>
    public string Name { get; }

    /// <summary>Priority, 0 .. 1023; lower is more urgent. Equal priorities are served FIFO.</summary>
    public int Priority { get; }

    /// <summary>Ticks between releases (at least 1).</summary>
    public long Period { get; }

    /// <summary>Relative deadline in ticks: the file's value, or the period when not given.</summary>
    public long Deadline { get; }

    /// <summary>True when the file gave the deadline explicitly (the writer then writes it back).</summary>
    public bool DeadlineGiven { get; }

    /// <summary>First release (tick).</summary>
    public long Offset { get; }

    /// <summary>Release jitter: a release may come up to this many ticks after <c>offset + k·period</c>.</summary>
    public long Jitter { get; }

    /// <summary>Overrun policy.</summary>
    public OverrunPolicy Overrun { get; }

    /// <summary>The job's steps, run in order.</summary>
    public IReadOnlyList<Segment> Body { get; }

    /// <summary>Where the task was written.</summary>
    public SourcePosition Position { get; }

    /// <summary>Worst-case execution time: every compute tick of the body, sections included.</summary>
    public long Wcet { get; }
}
