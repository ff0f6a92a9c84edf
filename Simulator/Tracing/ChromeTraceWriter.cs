using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NfRt.Simulator.Tracing;

/// <summary>
/// Writes timelines as Chrome trace-event JSON (the "JSON Object Format": opens in Perfetto and
/// chrome://tracing). One process per timeline (pid 1, 2, ...), inside it:
/// <list type="bullet">
/// <item>one thread track per task (tid = task id) with "X" complete events "running", and "i"
/// instant events for boost, deboost, steal, deadlock, timeout and interrupts (category "pi"), and for periodic
/// tasks job releases and deadline misses (category "timing", names "release", "deadline-miss");</item>
/// <item>one counter track ("C") per task, "&lt;task&gt; priority (lower = more urgent)", with series
/// "effective" and "normal": the kernel's priority numbers, as the API takes them;</item>
/// <item>one track per mutex (tid 1000+) with an "X" event per ownership interval, named after the owner;</item>
/// <item>an async slice ("b"/"e", category "lock") per lock call that waited, named "lock &lt;mutex&gt;" (a semaphore,
/// queue or event-flags wait: "wait &lt;object&gt;", scenario-language.md §16);</item>
/// <item>for scenario runs a "script" track (tid 0) with one "X" event per step, named after its line.</item>
/// </list>
/// <para>Time: <c>ts</c>/<c>dur</c> are timeline microseconds, so one tick or one script step shows
/// as 1 ms (see <see cref="Timeline"/>). The output is a pure function of the timelines
/// (fixed event order, invariant formatting, "\n" line ends): same run, same bytes.</para>
/// </summary>
public static class ChromeTraceWriter
{
    public static string Write(IReadOnlyList<Timeline> timelines)
    {
        var w = new StringWriter { NewLine = "\n" };
        Write(w, timelines);
        return w.ToString();
    }

    /// <summary>
    /// Streams the JSON to <paramref name="w"/>. Memory: a small index entry per event of one
    /// timeline at a time (the event text is formatted while writing), so the bound on a
    /// timeline's size (the collector's event cap) bounds this too. Timelines with notes (what the
    /// collector left out) say so in <c>otherData.notes</c> and in their process's labels.
    /// </summary>
    public static void Write(TextWriter w, IReadOnlyList<Timeline> timelines)
    {
        w.Write("{\"displayTimeUnit\":\"ms\",\"otherData\":{\"generator\":\"nfproj simulator\",\"axis\":");
        w.Write(Str(AxisNote(timelines)));
        var notes = timelines.SelectMany(t => t.Notes.Select(n => t.Title + ": " + n)).ToList();
        w.Write(",\"priorities\":" + Str("kernel priorities: lower number = more urgent"));
        if (notes.Count > 0) w.Write(",\"notes\":[" + string.Join(",", notes.Select(Str)) + "]");
        w.Write("},\"traceEvents\":[\n");
        bool first = true;
        void Emit(string json)
        {
            if (!first) w.Write(",\n");
            w.Write(json);
            first = false;
        }
        for (int p = 0; p < timelines.Count; p++) AddTimeline(Emit, timelines[p], p + 1);
        if (!first) w.Write("\n");
        w.Write("]}\n");
    }

    private static string AxisNote(IReadOnlyList<Timeline> timelines) =>
        timelines.Count > 0 && timelines[0].Clock == TraceClock.Steps
            ? "1 ms = one script step (one C: line, a tick line included); events inside a step are spread in their order"
            : "1 ms = one kernel tick; events inside a tick are spread in their order";

    private enum Cat : byte { Step, Running, Owner, WaitBegin, WaitEnd, Priority, Instant }

    private static void AddTimeline(Action<string> emit, Timeline t, int pid)
    {
        emit(Meta(pid, 0, "process_name", t.Title));
        emit($"{{\"ph\":\"M\",\"name\":\"process_sort_index\",\"pid\":{pid},\"tid\":0,\"args\":{{\"sort_index\":{pid}}}}}");
        if (t.Notes.Count > 0)
            emit($"{{\"ph\":\"M\",\"name\":\"process_labels\",\"pid\":{pid},\"tid\":0,\"args\":{{\"labels\":{Str(string.Join("; ", t.Notes))}}}}}");
        var mutexes = t.Ownership.Select(o => o.Mutex).Distinct().OrderBy(Timeline.MutexKey).ThenBy(m => m, StringComparer.Ordinal).ToList();
        var mutexIndex = mutexes.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i, StringComparer.Ordinal);
        if (t.Clock == TraceClock.Steps) emit(Meta(pid, 0, "thread_name", "script"));
        int sort = 1;
        foreach (var task in t.Tasks)
        {
            emit(Meta(pid, task.Id, "thread_name", task.Name));
            emit($"{{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":{pid},\"tid\":{task.Id},\"args\":{{\"sort_index\":{sort++}}}}}");
        }
        for (int m = 0; m < mutexes.Count; m++)
        {
            emit(Meta(pid, 1000 + m, "thread_name", mutexes[m] + " owner"));
            emit($"{{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":{pid},\"tid\":{1000 + m},\"args\":{{\"sort_index\":{sort++}}}}}");
        }

        // index entries (time, arrival order, what, which), sorted by time then order; formatted while written
        var timed = new List<(long Ts, int Order, Cat Cat, int Index)>();
        int order = 0;
        if (t.Clock == TraceClock.Steps)
            for (int i = 0; i < t.Steps.Count; i++) timed.Add((t.Steps[i].Time, order++, Cat.Step, i));
        for (int i = 0; i < t.Running.Count; i++) timed.Add((t.Running[i].Start, order++, Cat.Running, i));
        for (int i = 0; i < t.Ownership.Count; i++) timed.Add((t.Ownership[i].Start, order++, Cat.Owner, i));
        for (int i = 0; i < t.Waiting.Count; i++)
        {
            timed.Add((t.Waiting[i].Start, order++, Cat.WaitBegin, i));
            timed.Add((t.Waiting[i].End, order++, Cat.WaitEnd, i));
        }
        for (int i = 0; i < t.Priorities.Count; i++) timed.Add((t.Priorities[i].Time, order++, Cat.Priority, i));
        for (int i = 0; i < t.Instants.Count; i++) timed.Add((t.Instants[i].Time, order++, Cat.Instant, i));
        timed.Sort((a, b) => a.Ts != b.Ts ? a.Ts.CompareTo(b.Ts) : a.Order.CompareTo(b.Order));

        foreach (var (_, _, cat, i) in timed)
        {
            switch (cat)
            {
                case Cat.Step:
                {
                    var s = t.Steps[i];
                    long end = i + 1 < t.Steps.Count ? t.Steps[i + 1].Time : t.End;
                    emit($"{{\"ph\":\"X\",\"cat\":\"script\",\"name\":{Str(s.Label)},\"pid\":{pid},\"tid\":0,\"ts\":{s.Time},\"dur\":{end - s.Time},\"args\":{{\"step\":{s.Unit}}}}}");
                    break;
                }
                case Cat.Running:
                {
                    var r = t.Running[i];
                    emit($"{{\"ph\":\"X\",\"cat\":\"sched\",\"name\":\"running\",\"pid\":{pid},\"tid\":{r.Task},\"ts\":{r.Start},\"dur\":{r.End - r.Start}}}");
                    break;
                }
                case Cat.Owner:
                {
                    var o = t.Ownership[i];
                    emit($"{{\"ph\":\"X\",\"cat\":\"mutex\",\"name\":{Str(TaskName(t, o.Task))},\"pid\":{pid},\"tid\":{1000 + mutexIndex[o.Mutex]},\"ts\":{o.Start},\"dur\":{o.End - o.Start},\"args\":{{\"mutex\":{Str(o.Mutex)}}}}}");
                    break;
                }
                case Cat.WaitBegin:
                {
                    var x = t.Waiting[i];
                    emit($"{{\"ph\":\"b\",\"cat\":\"lock\",\"name\":{Str(Timeline.CallName(x.Mutex))},\"id\":{i + 1},\"pid\":{pid},\"tid\":{x.Task},\"ts\":{x.Start},\"args\":{{\"task\":{Str(TaskName(t, x.Task))}}}}}");
                    break;
                }
                case Cat.WaitEnd:
                {
                    var x = t.Waiting[i];
                    emit($"{{\"ph\":\"e\",\"cat\":\"lock\",\"name\":{Str(Timeline.CallName(x.Mutex))},\"id\":{i + 1},\"pid\":{pid},\"tid\":{x.Task},\"ts\":{x.End}}}");
                    break;
                }
                case Cat.Priority:
                {
                    var p = t.Priorities[i];
                    emit($"{{\"ph\":\"C\",\"name\":{Str(TaskName(t, p.Task) + " priority (" + Timeline.PriorityNote + ")")},\"pid\":{pid},\"ts\":{p.Time},\"args\":{{\"effective\":{p.Effective},\"normal\":{p.Normal}}}}}");
                    break;
                }
                default:
                {
                    var x = t.Instants[i];
                    string category = x.Kind is "release" or "deadline-miss" ? "timing" : "pi";
                    emit($"{{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"{category}\",\"name\":{Str(x.Kind)},\"pid\":{pid},\"tid\":{x.Task},\"ts\":{x.Time},\"args\":{{\"detail\":{Str(x.Text)}}}}}");
                    break;
                }
            }
        }
    }

    private static string Meta(int pid, int tid, string name, string value) =>
        $"{{\"ph\":\"M\",\"name\":\"{name}\",\"pid\":{pid},\"tid\":{tid},\"args\":{{\"name\":{Str(value)}}}}}";

    internal static string TaskName(Timeline t, int id) => t.Tasks.FirstOrDefault(x => x.Id == id)?.Name ?? "task" + id.ToString(CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Str(string s) => JsonSerializer.Serialize(s ?? "", JsonOptions);
}
