using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NfRt.Timing;

/// <summary>
/// Writes a <see cref="TaskSet"/> in the file format of docs/spec/timing.md §4, laid out like the
/// spec's example (one resource per line, one task per line or two). Keys that hold their default
/// (deadline = period when not given, offset 0, jitter 0, overrun skip) are left out. Reading the
/// text back with <see cref="TaskSetReader"/> gives an equal set; the same set always gives the same bytes.
/// </summary>
public static class TaskSetWriter
{
    /// <summary>The JSON text (LF line ends, final newline).</summary>
    public static string ToJson(TaskSet set)
    {
        var sb = new StringBuilder();
        sb.Append("{\n  \"name\": ").Append(Str(set.Name)).Append(",\n");
        if (set.Resources.Count > 0)
        {
            sb.Append("  \"resources\": [\n");
            for (int i = 0; i < set.Resources.Count; i++)
            {
                var r = set.Resources[i];
                sb.Append("    { \"name\": ").Append(Str(r.Name)).Append(", \"protocol\": ").Append(Str(ProtocolName(r.Protocol)));
                if (r.Ceiling is int c) sb.Append(", \"ceiling\": ").Append(Num(c));
                sb.Append(" }").Append(i + 1 < set.Resources.Count ? ",\n" : "\n");
            }
            sb.Append("  ],\n");
        }
        sb.Append("  \"tasks\": [\n");
        for (int i = 0; i < set.Tasks.Count; i++)
        {
            var t = set.Tasks[i];
            sb.Append("    { \"name\": ").Append(Str(t.Name)).Append(", \"priority\": ").Append(Num(t.Priority)).Append(", \"period\": ").Append(Num(t.Period));
            if (t.DeadlineGiven || t.Deadline != t.Period) sb.Append(", \"deadline\": ").Append(Num(t.Deadline));
            if (t.Offset != 0) sb.Append(", \"offset\": ").Append(Num(t.Offset));
            if (t.Jitter != 0) sb.Append(", \"jitter\": ").Append(Num(t.Jitter));
            if (t.Overrun != OverrunPolicy.Skip) sb.Append(", \"overrun\": ").Append(Str(OverrunName(t.Overrun)));
            sb.Append(",\n      \"body\": ");
            Body(sb, t.Body);
            sb.Append(" }").Append(i + 1 < set.Tasks.Count ? ",\n" : "\n");
        }
        sb.Append("  ]\n}\n");
        return sb.ToString();
    }

    /// <summary>The protocol's name in the file format.</summary>
    public static string ProtocolName(LockProtocol p) => p switch
    {
        LockProtocol.Inherit => "inherit",
        LockProtocol.Ceiling => "ceiling",
        _ => "plain",
    };

    /// <summary>The overrun policy's name in the file format.</summary>
    public static string OverrunName(OverrunPolicy p) => p == OverrunPolicy.CatchUp ? "catchup" : "skip";

    private static void Body(StringBuilder sb, IReadOnlyList<Segment> body)
    {
        sb.Append('[');
        for (int k = 0; k < body.Count; k++)
        {
            sb.Append(k == 0 ? " " : ", ");
            switch (body[k])
            {
                case ComputeSegment c:
                    sb.Append("{ \"compute\": ").Append(Num(c.Ticks)).Append(" }");
                    break;
                case LockSegment l:
                    sb.Append("{ \"lock\": ").Append(Str(l.Resource)).Append(", \"body\": ");
                    Body(sb, l.Body);
                    sb.Append(" }");
                    break;
            }
        }
        sb.Append(body.Count > 0 ? " ]" : "]");
    }

    private static string Str(string s) => JsonSerializer.Serialize(s);

    private static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);
}
