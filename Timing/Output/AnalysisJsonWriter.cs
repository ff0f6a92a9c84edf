using System.Text.Json;

namespace NfRt.Timing;

/// <summary>
/// The <c>analyze --json</c> output, exactly the shape of docs/spec/timing.md §5.7 (tools outside this
/// repository read it): <c>name</c>, <c>schedulable</c>, and per task <c>name</c>, <c>wcet</c>,
/// <c>blocking</c> (null when unbounded), <c>wcrt</c> (null when unbounded or beyond the horizon),
/// <c>deadline</c>, <c>schedulable</c>, <c>blockers</c> (<c>task:resource</c> of each stretch counted in
/// <c>blocking</c>, in order, each once). No other keys.
/// </summary>
public static class AnalysisJsonWriter
{
    /// <summary>The JSON text, indented, LF line ends, final newline.</summary>
    public static string ToJson(AnalysisResult result)
    {
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", result.Name);
            w.WriteBoolean("schedulable", result.Schedulable);
            w.WriteStartArray("tasks");
            foreach (var t in result.Tasks)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteNumber("wcet", t.Wcet);
                if (t.Blocking.Value is long b) w.WriteNumber("blocking", b); else w.WriteNull("blocking");
                if (t.Wcrt is long r) w.WriteNumber("wcrt", r); else w.WriteNull("wcrt");
                w.WriteNumber("deadline", t.Deadline);
                w.WriteBoolean("schedulable", t.Schedulable);
                w.WriteStartArray("blockers");
                foreach (var name in Blockers(t)) w.WriteStringValue(name);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The distinct <c>task:resource</c> names of the stretches in the task's blocking term, in order.</summary>
    public static IReadOnlyList<string> Blockers(TaskResponse t) => t.Blocking.Terms.Select(term => term.Name).Distinct().ToList();
}
