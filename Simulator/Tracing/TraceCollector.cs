using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Simulator.Tracing;

/// <summary>
/// Collects a run for traces: the kernel's <see cref="TraceEvent"/>s (as its
/// <see cref="ITraceSink"/>, called outside the critical section in sequence order) plus
/// annotations the kernel cannot see — script steps, lock calls and mutex ownership (an uncontended
/// rt-mutex lock is one CAS and emits no event). Records keep their arrival order, which is
/// deterministic because exactly one task or the driver runs at a time. Names of tasks are
/// captured when they are created, mutex names through a resolver.
/// <para>Bounded (<see cref="TraceLimits"/>): only the kernel events a timeline draws are kept (not
/// ticks, ready/block/wake, ...), only inside the window, and only up to the cap; the rest is
/// counted (<see cref="Before"/>, <see cref="After"/>, <see cref="CapDropped"/>). A small state (per
/// task its priorities, the running task, owned mutexes and lock calls: a few entries per task)
/// is tracked all along, so a window starting late still shows what was going on at its start.</para>
/// </summary>
public sealed class TraceCollector : ITraceSink
{
    private readonly List<TraceRecord> _records = new();
    private readonly Dictionary<int, string> _taskNames = new();
    private Scheduler _kernel;
    private Func<int, string> _mutexName = id => "m" + id;
    private long _unit;

    // state tracked for every record, kept or not (for the snapshot at the window start)
    private readonly SortedDictionary<int, (int Normal, int Effective)> _prio = new();
    private static readonly Comparer<(int Task, string Mutex)> ByTaskThenMutex =
        Comparer<(int Task, string Mutex)>.Create((a, b) => a.Task != b.Task ? a.Task.CompareTo(b.Task) : string.CompareOrdinal(a.Mutex, b.Mutex));
    private readonly SortedSet<(int Task, string Mutex)> _owned = new(ByTaskThenMutex);
    private readonly SortedSet<(int Task, string Mutex)> _waiting = new(ByTaskThenMutex);
    private int _running;
    private bool _inWindow;

    // runs of records with equal units (stored or not): their length places the stored ones in time
    private long _runUnit = long.MinValue;
    private int _run = -1, _runLength;
    private readonly Dictionary<int, int> _runLengths = new();

    public TraceCollector(TraceClock clock, string title, TraceLimits limits = null)
    {
        Clock = clock;
        Title = title;
        Limits = limits ?? new TraceLimits();
    }

    public readonly TraceClock Clock;

    /// <summary>Name of the run (the script file, or the demo variant).</summary>
    public string Title { get; }

    /// <summary>The window and cap this collector keeps to.</summary>
    public TraceLimits Limits { get; }

    /// <summary>Everything kept, in arrival order.</summary>
    public IReadOnlyList<TraceRecord> Records => _records;

    /// <summary>Kernel events the kernel had to drop (its ring was full); 0 for a complete trace.</summary>
    public int Dropped => _kernel?.Trace.Dropped ?? 0;

    /// <summary>Records before the window's first unit, and after its last one: left out.</summary>
    public long Before { get; private set; }
    public long After { get; private set; }

    /// <summary>Records inside the window dropped because the cap was reached, and the unit where that began (-1: never).</summary>
    public long CapDropped { get; private set; }
    public long CapReachedAt { get; private set; } = -1;

    /// <summary>First and last unit the run reached (with or without records kept).</summary>
    public long FirstUnit { get; private set; } = -1;
    public long LastUnit { get; private set; }

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
        if (Drawn(e.Kind)) Add(TraceRecordKind.Kernel, e, e.Task, null);
        else
        {
            // not drawn, not kept; it still takes its place in the unit, so the kept events sit where they always did
            Count(TraceRecordKind.Kernel, e.Tick);
            if (e.Kind == TraceKind.Exit) _prio.Remove(e.Task);
        }
    }

    /// <summary>The kernel events a <see cref="Timeline"/> uses; the others (ticks, ready, block, wake, ...) are not kept.</summary>
    public static bool Drawn(TraceKind kind) => kind switch
    {
        TraceKind.Create or TraceKind.Switch or TraceKind.NormalPriority or TraceKind.PriorityChange or TraceKind.Boost
            or TraceKind.Deboost or TraceKind.Steal or TraceKind.Deadlock or TraceKind.Timeout or TraceKind.IrqEnter
            or TraceKind.Release or TraceKind.DeadlineMiss => true,
        _ => false,
    };

    /// <summary>Number of timed records (kept or not) in run <paramref name="run"/> of equal units.</summary>
    public int RunLength(int run) => _runLengths.TryGetValue(run, out int n) ? n : 0;

    private long UnitOf(TraceRecordKind kind, long tick) => Clock == TraceClock.Steps ? _unit : kind == TraceRecordKind.Kernel ? tick : _kernel?.Now ?? 0;

    /// <summary>Counts a record in its run of equal units; returns its slot (0 for a step).</summary>
    private int Count(TraceRecordKind kind, long tick)
    {
        long unit = UnitOf(kind, tick);
        if (unit != _runUnit)
        {
            _runUnit = unit;
            _run++;
            _runLength = 0;
        }
        if (kind == TraceRecordKind.Step) return 0;
        _runLength++;
        if (_runLengths.ContainsKey(_run)) _runLengths[_run] = _runLength;
        return _runLength;
    }

    private void Add(TraceRecordKind kind, TraceEvent e, int task, string label)
    {
        long unit = UnitOf(kind, e.Tick);
        int slot = Count(kind, e.Tick);
        if (FirstUnit < 0) FirstUnit = unit;
        LastUnit = Math.Max(LastUnit, unit);
        if (unit < Limits.From) Before++;
        else if (unit > Limits.To) After++;
        else
        {
            if (!_inWindow)
            {
                _inWindow = true;
                if (Limits.From > 0) AddSnapshot(unit);
            }
            if (Limits.Full)
            {
                if (CapReachedAt < 0) CapReachedAt = unit;
                CapDropped++;
            }
            else Keep(new TraceRecord(unit, _records.Count, kind, e, task, label) { Slot = slot, Run = _run });
        }
        Track(kind, e, task, label);
    }

    private void Keep(TraceRecord r)
    {
        _records.Add(r);
        Limits.Kept++;
        if (!r.Snapshot && r.Kind != TraceRecordKind.Step) _runLengths[r.Run] = Math.Max(RunLength(r.Run), r.Slot);
    }

    /// <summary>Restates the tracked state at the start of the window (kept even past the cap: a few records per task).</summary>
    private void AddSnapshot(long unit)
    {
        void Snap(TraceRecordKind kind, TraceEvent e, int task, string label) =>
            Keep(new TraceRecord(unit, _records.Count, kind, e, task, label) { Snapshot = true, Run = _run });
        foreach (var (task, p) in _prio)
        {
            Snap(TraceRecordKind.Kernel, new TraceEvent { Kind = TraceKind.Create, Task = task, A = p.Normal, Tick = unit }, task, null);
            if (p.Effective != p.Normal)
                Snap(TraceRecordKind.Kernel, new TraceEvent { Kind = TraceKind.PriorityChange, Task = task, A = p.Normal, B = p.Effective, Tick = unit }, task, null);
        }
        if (_running != 0) Snap(TraceRecordKind.Kernel, new TraceEvent { Kind = TraceKind.Switch, Task = _running, Tick = unit }, _running, null);
        foreach (var (task, mutex) in _owned) Snap(TraceRecordKind.OwnershipBegin, default, task, mutex);
        foreach (var (task, mutex) in _waiting) Snap(TraceRecordKind.WaitBegin, default, task, mutex);
    }

    private void Track(TraceRecordKind kind, TraceEvent e, int task, string label)
    {
        switch (kind)
        {
            case TraceRecordKind.OwnershipBegin: _owned.Add((task, label)); return;
            case TraceRecordKind.OwnershipEnd: _owned.Remove((task, label)); return;
            case TraceRecordKind.WaitBegin: _waiting.Add((task, label)); return;
            case TraceRecordKind.WaitEnd: _waiting.Remove((task, label)); return;
            case TraceRecordKind.Step: return;
        }
        switch (e.Kind)
        {
            case TraceKind.Create: _prio[e.Task] = (e.A, e.A); break;
            case TraceKind.Switch: _running = e.Task; break;
            case TraceKind.NormalPriority when _prio.TryGetValue(e.Task, out var p): _prio[e.Task] = (e.B, p.Effective); break;
            case TraceKind.PriorityChange when _prio.TryGetValue(e.Task, out var p): _prio[e.Task] = (p.Normal, e.B); break;
        }
    }

    /// <summary>
    /// What was left out, one sentence each (empty when the trace is complete): the window and the
    /// records outside it, the cap and the records dropped.
    /// </summary>
    public List<string> Notes()
    {
        var notes = new List<string>();
        string unitName = Clock == TraceClock.Steps ? "step" : "tick";
        if (Limits.Windowed)
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            string options = (Limits.From > 0 ? $"--from {Limits.From.ToString(inv)}" : "")
                             + (Limits.From > 0 && Limits.To != long.MaxValue ? " " : "")
                             + (Limits.To != long.MaxValue ? $"--to {Limits.To.ToString(inv)}" : "");
            string to = Limits.To == long.MaxValue ? "end" : Limits.To.ToString(inv);
            string empty = Limits.From > LastUnit ? $" (the run ended at {unitName} {LastUnit}: the window is empty)" : "";
            notes.Add($"window {options}: {unitName}s {Limits.From}..{to} of {Math.Max(FirstUnit, 0)}..{LastUnit} kept{empty}; "
                      + $"{Before} events before it and {After} after it left out");
        }
        if (CapDropped > 0)
            notes.Add($"event cap reached (--max-events {Limits.MaxEvents}, for all scripts of the run together) in {unitName} {CapReachedAt}: "
                      + $"the trace ends there, {CapDropped} later events dropped; raise --max-events or pick a window with --from/--to");
        return notes;
    }
}
