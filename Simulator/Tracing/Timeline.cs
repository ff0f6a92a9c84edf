using System.Globalization;
using NfRt.Kernel;

namespace NfRt.Simulator.Tracing;

/// <summary>
/// A run as intervals, ready to draw: per task the running intervals (from Switch events),
/// the boosted intervals (effective priority more urgent than normal) and priority samples,
/// mutex ownership and lock-call intervals (from annotations), point events, and script steps.
/// <para><b>Time axis.</b> One unit of the collector's clock (a kernel tick, or a script step)
/// is 1000 timeline microseconds. Within a unit, records keep their arrival order and are
/// spread evenly: a step marker (and the snapshot restating the state at a window's start) sits at
/// the unit's start, the k-th of n other records at unit·1000 + k·1000/(n+1). Pure integer
/// arithmetic, so the same run gives the same numbers. A windowed timeline (<c>--from</c>) starts
/// at <see cref="Start"/> instead of 0.</para>
/// <para>Priorities are the kernel's numbers, as the API takes them: lower = more urgent
/// (<see cref="PriorityNote"/>). Not the rt-tester's P = 99 - prio, which only the scenario
/// runner's status line and its <c>T: prioeq:</c> checks use.</para>
/// </summary>
public sealed class Timeline
{
    public const long UnitMicros = 1000;

    /// <summary>
    /// The name of a wait in traces: "lock L3" for a scenario mutex (L0..L63), "wait S0" for a
    /// semaphore, queue or event-flags wait (S, Q, F; scenario-language.md §16).
    /// </summary>
    public static string CallName(string obj) => (obj.Length > 0 && obj[0] != 'L' ? "wait " : "lock ") + obj;

    public string Title { get; private init; }
    public TraceClock Clock { get; private init; }
    /// <summary>Where the timeline starts (timeline microseconds): 0, or the start of a <c>--from</c> window.</summary>
    public long Start { get; private set; }
    public long End { get; private set; }
    /// <summary>The first unit shown and the number of units shown.</summary>
    public long FirstUnit => Start / UnitMicros;
    public long Units => (End - Start) / UnitMicros;
    /// <summary>What the collector left out (window, event cap), one sentence each; empty for a complete trace.</summary>
    public List<string> Notes { get; } = new();
    public List<TaskRow> Tasks { get; } = new();
    public List<Span> Running { get; } = new();
    public List<Span> Boosted { get; } = new();
    public List<OwnerSpan> Ownership { get; } = new();
    /// <summary>Lock calls that took time: from the call to its return (blocked, paused, retrying).</summary>
    public List<OwnerSpan> Waiting { get; } = new();
    public List<PrioPoint> Priorities { get; } = new();
    public List<Instant> Instants { get; } = new();
    public List<StepMark> Steps { get; } = new();

    /// <summary>How timelines show priorities; every label with a priority says it.</summary>
    public const string PriorityNote = "lower = more urgent";

    /// <summary>Builds the timeline of everything <paramref name="c"/> recorded.</summary>
    public static Timeline Build(TraceCollector c)
    {
        var t = new Timeline { Title = c.Title, Clock = c.Clock, Start = c.Limits.From * UnitMicros };
        t.Notes.AddRange(c.Notes());
        var times = AssignTimes(c);
        var normal = new Dictionary<int, int>();
        var effective = new Dictionary<int, int>();
        var runningSince = new Dictionary<int, long>();
        var boostedSince = new Dictionary<int, long>();
        var owned = new Dictionary<(int, string), long>();
        var waiting = new Dictionary<(int, string), long>();
        long last = 0;

        void UpdateBoost(int task, long time)
        {
            bool boosted = effective[task] < normal[task];
            if (boosted && !boostedSince.ContainsKey(task)) boostedSince[task] = time;
            else if (!boosted && boostedSince.Remove(task, out long since) && time > since) t.Boosted.Add(new Span(task, since, time));
        }

        for (int i = 0; i < c.Records.Count; i++)
        {
            var r = c.Records[i];
            long time = times[i];
            last = Math.Max(last, time);
            switch (r.Kind)
            {
                case TraceRecordKind.Step:
                    t.Steps.Add(new StepMark(time, r.Unit, r.Label));
                    continue;
                case TraceRecordKind.OwnershipBegin:
                    owned.TryAdd((r.Task, r.Label), time);
                    continue;
                case TraceRecordKind.OwnershipEnd:
                    if (owned.Remove((r.Task, r.Label), out long from)) t.Ownership.Add(new OwnerSpan(r.Task, r.Label, from, time));
                    continue;
                case TraceRecordKind.WaitBegin:
                    waiting[(r.Task, r.Label)] = time;
                    continue;
                case TraceRecordKind.WaitEnd:
                    // a lock call that returned within its own clock unit did not wait: not drawn
                    if (waiting.Remove((r.Task, r.Label), out long called) && time / UnitMicros > called / UnitMicros)
                        t.Waiting.Add(new OwnerSpan(r.Task, r.Label, called, time));
                    continue;
            }
            var e = r.Event;
            switch (e.Kind)
            {
                case TraceKind.Create:
                    t.Tasks.Add(new TaskRow(e.Task, c.TaskName(e.Task), e.A));
                    normal[e.Task] = effective[e.Task] = e.A;
                    t.Priorities.Add(new PrioPoint(e.Task, time, e.A, e.A));
                    break;
                case TraceKind.Switch:
                    if (e.A != 0 && runningSince.Remove(e.A, out long start) && time > start) t.Running.Add(new Span(e.A, start, time));
                    if (e.Task != 0) runningSince[e.Task] = time;
                    break;
                case TraceKind.NormalPriority:
                    if (!normal.ContainsKey(e.Task)) break;
                    normal[e.Task] = e.B;
                    t.Priorities.Add(new PrioPoint(e.Task, time, effective[e.Task], e.B));
                    UpdateBoost(e.Task, time);
                    break;
                case TraceKind.PriorityChange:
                    if (!normal.ContainsKey(e.Task)) break;
                    effective[e.Task] = e.B;
                    t.Priorities.Add(new PrioPoint(e.Task, time, e.B, normal[e.Task]));
                    UpdateBoost(e.Task, time);
                    break;
                case TraceKind.Boost:
                    t.Instants.Add(new Instant(e.Task, time, "boost", $"boost {c.TaskName(e.Task)}: prio {e.A} -> {e.B} ({PriorityNote})"));
                    break;
                case TraceKind.Deboost:
                    t.Instants.Add(new Instant(e.Task, time, "deboost", $"deboost {c.TaskName(e.Task)}: prio {e.A} -> {e.B} ({PriorityNote})"));
                    break;
                case TraceKind.Steal:
                    t.Instants.Add(new Instant(e.Task, time, "steal", $"{c.TaskName(e.Task)} steals {c.MutexName(e.B)} from pending owner {c.TaskName(e.A)}"));
                    break;
                case TraceKind.Deadlock:
                    t.Instants.Add(new Instant(e.Task, time, "deadlock", $"deadlock: {c.TaskName(e.Task)} locking {c.MutexName(e.A)}"));
                    break;
                case TraceKind.Timeout:
                    t.Instants.Add(new Instant(e.Task, time, "timeout", $"timeout: {c.TaskName(e.Task)}"));
                    break;
                case TraceKind.IrqEnter:
                    t.Instants.Add(new Instant(e.Task, time, "irq", $"interrupt line {e.A}"));
                    break;
                case TraceKind.Release:
                    // drawn at the release tick itself (on the tick clock): a late job's release stays on its grid
                    // (a release before a --from window that was taken inside it sits at the window's start)
                    long at = c.Clock == TraceClock.Ticks ? Math.Max(e.A * UnitMicros, t.Start) : time;
                    string skipped = e.B > 0 ? $" ({e.B} release{(e.B == 1 ? "" : "s")} skipped before it)" : "";
                    t.Instants.Add(new Instant(e.Task, at, "release", $"{c.TaskName(e.Task)}: job released at tick {e.A}, taken at tick {e.Tick}{skipped}"));
                    break;
                case TraceKind.DeadlineMiss:
                    t.Instants.Add(new Instant(e.Task, time, "deadline-miss", $"{c.TaskName(e.Task)} missed its deadline: response {e.A} > deadline {e.B} ticks"));
                    break;
            }
        }

        long lastUnit = c.Records.Count == 0 ? c.Limits.From : c.Records[^1].Unit;
        t.End = Math.Max((lastUnit + 1) * UnitMicros, ((last / UnitMicros) + 1) * UnitMicros);
        foreach (var (task, since) in runningSince.OrderBy(p => p.Key)) if (t.End > since) t.Running.Add(new Span(task, since, t.End));
        foreach (var (task, since) in boostedSince.OrderBy(p => p.Key)) if (t.End > since) t.Boosted.Add(new Span(task, since, t.End));
        foreach (var ((task, mutex), since) in owned.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2, StringComparer.Ordinal))
            t.Ownership.Add(new OwnerSpan(task, mutex, since, t.End));
        foreach (var ((task, mutex), since) in waiting.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2, StringComparer.Ordinal))
            t.Waiting.Add(new OwnerSpan(task, mutex, since, t.End));
        t.Waiting.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Task.CompareTo(b.Task));
        t.Running.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Task.CompareTo(b.Task));
        t.Boosted.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Task.CompareTo(b.Task));
        t.Ownership.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Task.CompareTo(b.Task));
        return t;
    }

    /// <summary>
    /// Timeline microseconds of every kept record (see the class remarks): a step or snapshot at its
    /// unit's start, the k-th of the n timed records of its run of equal units (kept or not) at
    /// unit·1000 + k·1000/(n+1).
    /// </summary>
    private static long[] AssignTimes(TraceCollector c)
    {
        var records = c.Records;
        var times = new long[records.Count];
        for (int x = 0; x < records.Count; x++)
        {
            var r = records[x];
            times[x] = r.Kind == TraceRecordKind.Step || r.Snapshot
                ? r.Unit * UnitMicros
                : r.Unit * UnitMicros + r.Slot * UnitMicros / (c.RunLength(r.Run) + 1);
        }
        return times;
    }

    /// <summary>Running time of <paramref name="task"/> inside [from, to).</summary>
    public long RunningWithin(int task, long from, long to) =>
        Running.Where(s => s.Task == task && s.End > from && s.Start < to).Sum(s => Math.Min(s.End, to) - Math.Max(s.Start, from));

    /// <summary>True when <paramref name="task"/> is boosted at some time inside [from, to).</summary>
    public bool BoostedWithin(int task, long from, long to) => Boosted.Any(s => s.Task == task && s.End > from && s.Start < to);

    /// <summary>Sort key of a mutex name: its number for "L12"-style names, else int.MaxValue (the writers list mutexes in this order).</summary>
    internal static int MutexKey(string name)
    {
        int i = name.Length;
        while (i > 0 && char.IsDigit(name[i - 1])) i--;
        return i < name.Length && int.TryParse(name[i..], NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : int.MaxValue;
    }
}
