using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Simulator.Tracing;

/// <summary>How a collector assigns time units to what it records.</summary>
public enum TraceClock
{
    /// <summary>Kernel ticks: a record's unit is the tick it happened at (the demo).</summary>
    Ticks,
    /// <summary>
    /// Script steps: every <see cref="TraceCollector.BeginStep"/> (one per <c>C:</c> line, a
    /// <c>tick: n</c> line included) starts a new unit. Scenario commands take no virtual time, so
    /// ticks alone would put a whole script at time 0.
    /// </summary>
    Steps,
}

/// <summary>What one <see cref="TraceRecord"/> is.</summary>
public enum TraceRecordKind { Kernel, Step, OwnershipBegin, OwnershipEnd, WaitBegin, WaitEnd }

/// <summary>One collected record: a kernel event or an annotation, with its time unit and arrival order.</summary>
public readonly record struct TraceRecord(long Unit, int Order, TraceRecordKind Kind, TraceEvent Event, int Task, string Label);

/// <summary>
/// Collects a run for traces: the kernel's <see cref="TraceEvent"/>s (as its
/// <see cref="ITraceSink"/>, called outside the critical section in sequence order) plus
/// annotations the kernel cannot see — script steps, lock calls and mutex ownership (an uncontended
/// rt-mutex lock is one CAS and emits no event). Records keep their arrival order, which is
/// deterministic because exactly one task or the driver runs at a time. Names of tasks are
/// captured when they are created, mutex names through a resolver.
/// </summary>
public sealed class TraceCollector : ITraceSink
{
    private readonly List<TraceRecord> _records = new();
    private readonly Dictionary<int, string> _taskNames = new();
    private Scheduler _kernel;
    private Func<int, string> _mutexName = id => "m" + id;
    private long _unit;

    public TraceCollector(TraceClock clock, string title)
    {
        Clock = clock;
        Title = title;
    }

    public readonly TraceClock Clock;

    /// <summary>Name of the run (the script file, or the demo variant).</summary>
    public string Title { get; }

    /// <summary>Everything recorded, in arrival order.</summary>
    public IReadOnlyList<TraceRecord> Records => _records;

    /// <summary>Kernel events the kernel had to drop (its ring was full); 0 for a complete trace.</summary>
    public int Dropped => _kernel?.Trace.Dropped ?? 0;

    /// <summary>Connects the kernel (for the clock and task names) and a mutex-id → name resolver.</summary>
    public void Attach(Scheduler kernel, Func<int, string> mutexName)
    {
        _kernel = kernel;
        if (mutexName != null) _mutexName = mutexName;
    }

    /// <summary>Name of task <paramref name="id"/> ("idle" for 0).</summary>
    public string TaskName(int id) => id == 0 ? "idle" : _taskNames.TryGetValue(id, out var n) ? n : "task" + id;

    /// <summary>Name of the rt-mutex with kernel id <paramref name="id"/>.</summary>
    public string MutexName(int id) => _mutexName(id);

    /// <summary>Steps clock: a new script step starts (label = the script line).</summary>
    public void BeginStep(string label)
    {
        if (Clock == TraceClock.Steps) _unit++;
        Add(TraceRecordKind.Step, default, 0, label);
    }

    /// <summary>Task <paramref name="task"/> calls lock on <paramref name="mutex"/> (the call may block).</summary>
    public void WaitBegin(int task, string mutex) => Add(TraceRecordKind.WaitBegin, default, task, mutex);

    /// <summary>The lock call of <paramref name="task"/> on <paramref name="mutex"/> returned.</summary>
    public void WaitEnd(int task, string mutex) => Add(TraceRecordKind.WaitEnd, default, task, mutex);

    /// <summary>Task <paramref name="task"/> now owns <paramref name="mutex"/> outright.</summary>
    public void OwnershipBegin(int task, string mutex) => Add(TraceRecordKind.OwnershipBegin, default, task, mutex);

    /// <summary>Task <paramref name="task"/> is about to release <paramref name="mutex"/>.</summary>
    public void OwnershipEnd(int task, string mutex) => Add(TraceRecordKind.OwnershipEnd, default, task, mutex);

    void ITraceSink.OnEvent(TraceEvent e)
    {
        if (e.Kind == TraceKind.Create && _kernel != null) _taskNames[e.Task] = _kernel.TaskById(e.Task)?.Name ?? "task" + e.Task;
        Add(TraceRecordKind.Kernel, e, e.Task, null);
    }

    private void Add(TraceRecordKind kind, TraceEvent e, int task, string label)
    {
        long unit = Clock == TraceClock.Steps ? _unit : kind == TraceRecordKind.Kernel ? e.Tick : _kernel?.Now ?? 0;
        _records.Add(new TraceRecord(unit, _records.Count, kind, e, task, label));
    }
}
