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
/// instant events for boost, deboost, steal, deadlock, timeout and interrupts;</item>
/// <item>one counter track ("C") per task, "&lt;task&gt; priority", with series P (effective) and N
/// (normal), both as 99 - prio;</item>
/// <item>one track per mutex (tid 1000+) with an "X" event per ownership interval, named after the owner;</item>
/// <item>an async slice ("b"/"e", category "lock") per lock call that waited, named "lock &lt;mutex&gt;";</item>
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
        var events = new List<string>();
        for (int p = 0; p < timelines.Count; p++) AddTimeline(events, timelines[p], p + 1);
        var sb = new StringBuilder();
        sb.Append("{\"displayTimeUnit\":\"ms\",\"otherData\":{\"generator\":\"nfproj simulator\",\"axis\":")
          .Append(Str(AxisNote(timelines)))
          .Append("},\"traceEvents\":[\n");
        for (int i = 0; i < events.Count; i++)
        {
            sb.Append(events[i]);
            sb.Append(i + 1 < events.Count ? ",\n" : "\n");
        }
        sb.Append("]}\n");
        return sb.ToString();
    }

    private static string AxisNote(IReadOnlyList<Timeline> timelines) =>
        timelines.Count > 0 && timelines[0].Clock == TraceClock.Steps
            ? "1 ms = one script step (one C: line, a tick line included); events inside a step are spread in their order"
            : "1 ms = one kernel tick; events inside a tick are spread in their order";

    private static void AddTimeline(List<string> events, Timeline t, int pid)
    {
        events.Add(Meta(pid, 0, "process_name", t.Title));
        events.Add($"{{\"ph\":\"M\",\"name\":\"process_sort_index\",\"pid\":{pid},\"tid\":0,\"args\":{{\"sort_index\":{pid}}}}}");
        var mutexes = t.Ownership.Select(o => o.Mutex).Distinct().OrderBy(MutexKey).ThenBy(m => m, StringComparer.Ordinal).ToList();
        if (t.Clock == TraceClock.Steps) events.Add(Meta(pid, 0, "thread_name", "script"));
        int sort = 1;
        foreach (var task in t.Tasks)
        {
            events.Add(Meta(pid, task.Id, "thread_name", task.Name));
            events.Add($"{{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":{pid},\"tid\":{task.Id},\"args\":{{\"sort_index\":{sort++}}}}}");
        }
        for (int m = 0; m < mutexes.Count; m++)
        {
            events.Add(Meta(pid, 1000 + m, "thread_name", mutexes[m] + " owner"));
            events.Add($"{{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":{pid},\"tid\":{1000 + m},\"args\":{{\"sort_index\":{sort++}}}}}");
        }

        var timed = new List<(long Ts, int Order, string Json)>();
        int order = 0;
        for (int i = 0; i < t.Steps.Count; i++)
        {
            var s = t.Steps[i];
            if (t.Clock != TraceClock.Steps) continue;
            long end = i + 1 < t.Steps.Count ? t.Steps[i + 1].Time : t.End;
            timed.Add((s.Time, order++, $"{{\"ph\":\"X\",\"cat\":\"script\",\"name\":{Str(s.Label)},\"pid\":{pid},\"tid\":0,\"ts\":{s.Time},\"dur\":{end - s.Time},\"args\":{{\"step\":{s.Unit}}}}}"));
        }
        foreach (var r in t.Running)
            timed.Add((r.Start, order++, $"{{\"ph\":\"X\",\"cat\":\"sched\",\"name\":\"running\",\"pid\":{pid},\"tid\":{r.Task},\"ts\":{r.Start},\"dur\":{r.End - r.Start}}}"));
        foreach (var o in t.Ownership)
            timed.Add((o.Start, order++, $"{{\"ph\":\"X\",\"cat\":\"mutex\",\"name\":{Str(TaskName(t, o.Task))},\"pid\":{pid},\"tid\":{1000 + mutexes.IndexOf(o.Mutex)},\"ts\":{o.Start},\"dur\":{o.End - o.Start},\"args\":{{\"mutex\":{Str(o.Mutex)}}}}}"));
        for (int w = 0; w < t.Waiting.Count; w++)
        {
            var x = t.Waiting[w];
            string name = Str("lock " + x.Mutex);
            timed.Add((x.Start, order++, $"{{\"ph\":\"b\",\"cat\":\"lock\",\"name\":{name},\"id\":{w + 1},\"pid\":{pid},\"tid\":{x.Task},\"ts\":{x.Start},\"args\":{{\"task\":{Str(TaskName(t, x.Task))}}}}}"));
            timed.Add((x.End, order++, $"{{\"ph\":\"e\",\"cat\":\"lock\",\"name\":{name},\"id\":{w + 1},\"pid\":{pid},\"tid\":{x.Task},\"ts\":{x.End}}}"));
        }
        foreach (var p in t.Priorities)
            timed.Add((p.Time, order++, $"{{\"ph\":\"C\",\"name\":{Str(TaskName(t, p.Task) + " priority")},\"pid\":{pid},\"ts\":{p.Time},\"args\":{{\"P\":{p.P},\"N\":{p.N}}}}}"));
        foreach (var x in t.Instants)
            timed.Add((x.Time, order++, $"{{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"pi\",\"name\":{Str(x.Kind)},\"pid\":{pid},\"tid\":{x.Task},\"ts\":{x.Time},\"args\":{{\"detail\":{Str(x.Text)}}}}}"));
        foreach (var e in timed.OrderBy(e => e.Ts).ThenBy(e => e.Order)) events.Add(e.Json);
    }

    private static string Meta(int pid, int tid, string name, string value) =>
        $"{{\"ph\":\"M\",\"name\":\"{name}\",\"pid\":{pid},\"tid\":{tid},\"args\":{{\"name\":{Str(value)}}}}}";

    internal static string TaskName(Timeline t, int id) => t.Tasks.FirstOrDefault(x => x.Id == id)?.Name ?? "task" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Sort key of a mutex name: its number for "L12"-style names, else int.MaxValue.</summary>
    internal static int MutexKey(string name)
    {
        int i = name.Length;
        while (i > 0 && char.IsDigit(name[i - 1])) i--;
        return i < name.Length && int.TryParse(name[i..], NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : int.MaxValue;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Str(string s) => JsonSerializer.Serialize(s ?? "", JsonOptions);
}
