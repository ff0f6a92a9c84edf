using System.Text;
using static NfRt.Simulator.SvgText;

namespace NfRt.Simulator.Tracing;

/// <summary>
/// Draws timelines as one static SVG (no script, no external resources), one section per
/// timeline: a row per task (name and normal priority at the left, the kernel's numbers: lower = more urgent), dark bars where the task runs,
/// an orange shade where it is boosted by priority inheritance, a thin coloured bar with the
/// mutex name where it owns a mutex, a dashed red line while it is inside a lock call, markers for boost (red ▲), deboost (green ▼), steal
/// (purple ◆), deadlock (black ✕), timeout (orange ●), interrupts (grey ■), and for periodic tasks job
/// releases (blue ↑, at the release tick) and deadline misses (red ● with "!"), each with a
/// tooltip. The x axis is the collector's clock: ticks (demo) or script steps (scenarios,
/// with a row marking each script line; hover for its text), from the timeline's start (0, or a
/// <c>--from</c> window). Bounded: at most <c>maxWidth</c> pixels wide; a longer timeline is drawn
/// up to the width and its section carries a red note saying which units were left out (as it
/// does for the timeline's own notes: window, event cap).
/// <para>Deterministic: a pure function of the timelines, invariant number formatting.</para>
/// </summary>
public static class SvgTimelineWriter
{
    private const double Left = 130, Right = 30, RowH = 36, HeaderH = 52, NoteH = 12, StepRowH = 18, AxisH = 26, LegendH = 16, SectionGap = 20, Top = 10;
    private static readonly string[] MutexColors = { "#e377c2", "#17becf", "#bcbd22", "#8c564b", "#7f7f7f", "#9edae5", "#c49c94", "#dbdb8d" };

    /// <summary>Default and allowed range of the picture's maximum width in pixels (<c>--max-width</c>).</summary>
    public const int DefaultMaxWidth = 20000, MinMaxWidth = 400, MaxMaxWidth = 1_000_000;

    /// <summary>The SVG text, at most <paramref name="maxWidth"/> pixels wide.</summary>
    public static string Write(IReadOnlyList<Timeline> timelines, int maxWidth = DefaultMaxWidth)
    {
        var w = new StringWriter { NewLine = "\n" };
        Write(w, timelines, maxWidth);
        return w.ToString();
    }

    /// <summary>One section of the picture: the timeline, the part of it drawn, and what is said about it.</summary>
    private sealed record Layout(Timeline T, double Px, long DrawEnd, List<string> Notes, double Height);

    /// <summary>
    /// Writes the SVG to <paramref name="w"/>, at most <paramref name="maxWidth"/> pixels wide: a
    /// timeline longer than that is drawn from its start up to the width, and a note in its section
    /// says which units were left out. Returns those notes ("TITLE: note: ...") for the caller to
    /// report; the timelines' own notes (window, event cap) are drawn too but not returned.
    /// </summary>
    public static List<string> Write(TextWriter w, IReadOnlyList<Timeline> timelines, int maxWidth = DefaultMaxWidth)
    {
        maxWidth = Math.Clamp(maxWidth, MinMaxWidth, MaxMaxWidth);
        var layouts = new List<Layout>();
        var clipped = new List<string>();
        double height = Top, width = Math.Min(1000, maxWidth);
        foreach (var t in timelines)
        {
            double px = PxPerUnit(t);
            long fit = Math.Max(1, (long)Math.Floor((maxWidth - Left - Right) / px));
            long drawn = Math.Min(t.Units, fit);
            var notes = new List<string>(t.Notes);
            if (drawn < t.Units)
            {
                string unit = t.Clock == TraceClock.Steps ? "steps" : "ticks";
                long last = t.FirstUnit + t.Units - 1, lastDrawn = t.FirstUnit + drawn - 1;
                string note = $"picture limited to --max-width {maxWidth} px ({F(px)} px per {unit[..^1]}): {unit} {t.FirstUnit}..{lastDrawn} drawn, "
                              + $"{unit} {lastDrawn + 1}..{last} left out; pick the part to draw with --from/--to";
                notes.Add(note);
                clipped.Add($"{t.Title}: note: {note}");
            }
            bool stepRow = t.Clock == TraceClock.Steps && t.Steps.Count > 0;
            double h = HeaderH + notes.Count * NoteH + (stepRow ? StepRowH : 0) + t.Tasks.Count * RowH + AxisH + LegendH;
            layouts.Add(new Layout(t, px, t.Start + drawn * Timeline.UnitMicros, notes, h));
            width = Math.Max(width, Left + drawn * px + Right);
            height += h + SectionGap;
        }
        w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.Write(OutputGuard.TimelineSvgSignature + "\n");
        w.Write($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(width)}\" height=\"{F(height)}\" viewBox=\"0 0 {F(width)} {F(height)}\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        w.Write($"<rect x=\"0\" y=\"0\" width=\"{F(width)}\" height=\"{F(height)}\" fill=\"#ffffff\"/>\n");
        double y = Top;
        var sb = new StringBuilder();
        foreach (var l in layouts)
        {
            sb.Clear();
            Section(sb, l, y);                                      // draws exactly l.Height pixels
            y += l.Height + SectionGap;
            w.Write(sb);
        }
        w.Write("</svg>\n");
        return clipped;
    }

    /// <summary>Pixels per clock unit: 40 per script step; ticks scaled to about 1200 px.</summary>
    public static double PxPerUnit(Timeline t) =>
        t.Clock == TraceClock.Steps ? 40 : Math.Clamp(1200.0 / Math.Max(1, t.Units), 0.25, 14);

    private static double Section(StringBuilder sb, Layout l, double y0)
    {
        var t = l.T;
        double px = l.Px;
        long clip = l.DrawEnd;
        double X(long micros) => Left + (Math.Min(micros, clip) - t.Start) / (double)Timeline.UnitMicros * px;
        bool Shown(long start) => start < clip;
        string unitName = t.Clock == TraceClock.Steps ? "step" : "tick";
        sb.Append($"<g class=\"timeline\" data-title=\"{Esc(t.Title)}\">\n");
        sb.Append($"<text x=\"8\" y=\"{F(y0 + 16)}\" font-size=\"14\" font-weight=\"bold\">{Esc(t.Title)}</text>\n");
        sb.Append($"<text x=\"8\" y=\"{F(y0 + 31)}\" font-size=\"10\" fill=\"#555555\">x axis: {(t.Clock == TraceClock.Steps ? "script steps (one per C: line; the marks above the rows name the script line, hover for its text)" : "kernel ticks")}</text>\n");
        sb.Append($"<text x=\"8\" y=\"{F(y0 + 44)}\" font-size=\"10\" fill=\"#555555\">rows: tasks, under each name its normal priority (kernel numbers: lower = more urgent); dark bar = running, orange shade = boosted by priority inheritance, thin coloured bar = owns a mutex, dashed red = inside a lock call (waiting)</text>\n");
        double y = y0 + HeaderH;
        foreach (var note in l.Notes)
        {
            sb.Append($"<text class=\"note\" x=\"8\" y=\"{F(y + 9)}\" font-size=\"10\" fill=\"#b00000\">note: {Esc(note)}</text>\n");
            y += NoteH;
        }

        if (t.Clock == TraceClock.Steps && t.Steps.Count > 0)
        {
            sb.Append($"<text x=\"8\" y=\"{F(y + 12)}\" font-size=\"10\" fill=\"#555555\">script line</text>\n");
            foreach (var s in t.Steps)
            {
                if (!Shown(s.Time)) break;
                double x = X(s.Time);
                string line = s.Label.Split(':')[0];
                sb.Append($"<g class=\"step\"><title>{Esc(s.Label)}</title><line x1=\"{F(x)}\" y1=\"{F(y + 2)}\" x2=\"{F(x)}\" y2=\"{F(y + 16)}\" stroke=\"#999999\"/>");
                sb.Append($"<text x=\"{F(x + 2)}\" y=\"{F(y + 12)}\" font-size=\"8\" fill=\"#333333\">{Esc(line)}</text></g>\n");
            }
            y += StepRowH;
        }

        double rowsTop = y;
        var mutexes = t.Ownership.Select(o => o.Mutex).Distinct().OrderBy(Timeline.MutexKey).ThenBy(m => m, StringComparer.Ordinal).ToList();
        for (int i = 0; i < t.Tasks.Count; i++)
        {
            var task = t.Tasks[i];
            double ry = rowsTop + i * RowH;
            sb.Append($"<g class=\"row\" data-task=\"{Esc(task.Name)}\">\n");
            sb.Append($"<rect x=\"0\" y=\"{F(ry)}\" width=\"{F(X(t.End) + Right)}\" height=\"{F(RowH)}\" fill=\"{(i % 2 == 0 ? "#f6f6f6" : "#ffffff")}\"/>\n");
            sb.Append($"<text x=\"8\" y=\"{F(ry + 15)}\" font-size=\"11\">{Esc(task.Name)}</text>\n");
            sb.Append($"<text x=\"8\" y=\"{F(ry + 27)}\" font-size=\"8\" fill=\"#777777\">{Esc(NormalHistory(t, task))}</text>\n");
            foreach (var b in t.Boosted.Where(b => b.Task == task.Id && Shown(b.Start)))
                sb.Append($"<rect class=\"boosted\" x=\"{F(X(b.Start))}\" y=\"{F(ry + 2)}\" width=\"{F(X(b.End) - X(b.Start))}\" height=\"{F(RowH - 4)}\" fill=\"#ffd59a\"/>\n");
            foreach (var w in t.Waiting.Where(w => w.Task == task.Id && Shown(w.Start)))
                sb.Append($"<g class=\"waits\"><title>{Esc(task.Name)} in {Esc(Timeline.CallName(w.Mutex))}</title><line x1=\"{F(X(w.Start))}\" y1=\"{F(ry + 13)}\" x2=\"{F(X(w.End))}\" y2=\"{F(ry + 13)}\" stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/></g>\n");
            foreach (var r in t.Running.Where(r => r.Task == task.Id && Shown(r.Start)))
                sb.Append($"<rect class=\"running\" x=\"{F(X(r.Start))}\" y=\"{F(ry + 7)}\" width=\"{F(Math.Max(0.5, X(r.End) - X(r.Start)))}\" height=\"12\" fill=\"#2f5fb3\"/>\n");
            foreach (var o in t.Ownership.Where(o => o.Task == task.Id && Shown(o.Start)))
            {
                double x1 = X(o.Start), w = Math.Max(0.5, X(o.End) - x1);
                string color = MutexColors[Math.Max(0, mutexes.IndexOf(o.Mutex)) % MutexColors.Length];
                sb.Append($"<g class=\"owns\"><title>{Esc(task.Name)} owns {Esc(o.Mutex)}</title><rect x=\"{F(x1)}\" y=\"{F(ry + 22)}\" width=\"{F(w)}\" height=\"6\" fill=\"{color}\"/>");
                if (w >= 18) sb.Append($"<text x=\"{F(x1 + 2)}\" y=\"{F(ry + 34.5)}\" font-size=\"7\" fill=\"#333333\">{Esc(o.Mutex)}</text>");
                sb.Append("</g>\n");
            }
            foreach (var m in t.Instants.Where(m => m.Task == task.Id && Shown(m.Time)))
                sb.Append(Marker(X(m.Time), ry + 4, m));
            sb.Append("</g>\n");
        }
        y = rowsTop + t.Tasks.Count * RowH;

        // axis
        double xEnd = X(t.End);
        sb.Append($"<g class=\"axis\"><line x1=\"{F(Left)}\" y1=\"{F(y + 4)}\" x2=\"{F(xEnd)}\" y2=\"{F(y + 4)}\" stroke=\"#333333\"/>\n");
        long every = LabelEvery(px);
        long lastUnit = Math.Min(t.End, clip) / Timeline.UnitMicros;
        for (long u = (t.FirstUnit + every - 1) / every * every; u <= lastUnit; u += every)
        {
            double x = X(u * Timeline.UnitMicros);
            sb.Append($"<line x1=\"{F(x)}\" y1=\"{F(y + 4)}\" x2=\"{F(x)}\" y2=\"{F(y + 8)}\" stroke=\"#333333\"/><text x=\"{F(x)}\" y=\"{F(y + 18)}\" font-size=\"9\" text-anchor=\"middle\">{u}</text>\n");
        }
        sb.Append($"<text x=\"8\" y=\"{F(y + 18)}\" font-size=\"10\" fill=\"#555555\">{unitName}</text></g>\n");
        y += AxisH;
        // legend
        double lx = Left;
        void Legend(string swatch, string label)
        {
            sb.Append($"<g class=\"legend\" transform=\"translate({F(lx)},{F(y)})\">{swatch}<text x=\"16\" y=\"9\" font-size=\"9\">{Esc(label)}</text></g>\n");
            lx += 22 + label.Length * 5.2;
        }
        Legend("<rect x=\"0\" y=\"2\" width=\"12\" height=\"8\" fill=\"#2f5fb3\"/>", "running");
        Legend("<rect x=\"0\" y=\"0\" width=\"12\" height=\"11\" fill=\"#ffd59a\"/>", "boosted (PI)");
        Legend("<rect x=\"0\" y=\"4\" width=\"12\" height=\"5\" fill=\"#e377c2\"/>", "owns mutex");
        Legend("<line x1=\"0\" y1=\"6\" x2=\"12\" y2=\"6\" stroke=\"#d62728\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>", "in a lock call");
        Legend("<path d=\"M6 1 L11 10 L1 10 Z\" fill=\"#d62728\"/>", "boost");
        Legend("<path d=\"M1 1 L11 1 L6 10 Z\" fill=\"#2ca02c\"/>", "deboost");
        Legend("<path d=\"M6 0 L11 5.5 L6 11 L1 5.5 Z\" fill=\"#9467bd\"/>", "steal");
        Legend("<path d=\"M1 1 L11 11 M11 1 L1 11\" stroke=\"#000000\" stroke-width=\"2\"/>", "deadlock");
        Legend("<circle cx=\"6\" cy=\"6\" r=\"4.5\" fill=\"#ff7f0e\"/>", "timeout");
        Legend("<rect x=\"2\" y=\"2\" width=\"8\" height=\"8\" fill=\"#888888\"/>", "interrupt");
        if (t.Instants.Any(m => m.Kind is "release" or "deadline-miss"))
        {
            // periodic tasks only: timelines without them keep their picture byte for byte
            Legend("<path d=\"M6 11 L6 0 M3 4 L6 0 L9 4\" stroke=\"#1f77b4\" stroke-width=\"1.2\" fill=\"none\"/>", "job release");
            Legend("<circle cx=\"6\" cy=\"6\" r=\"5\" fill=\"#d62728\"/>", "deadline missed");
        }
        y += LegendH;
        sb.Append("</g>\n");
        return y;
    }

    /// <summary>"normal prio 19" or "normal prio 120 → 19 → 39" (the task's normal priorities in order, at most four; kernel numbers).</summary>
    private static string NormalHistory(Timeline t, TaskRow task)
    {
        var values = new List<int>();
        foreach (var p in t.Priorities.Where(p => p.Task == task.Id))
            if (values.Count == 0 || values[^1] != p.Normal) values.Add(p.Normal);
        if (values.Count == 0) values.Add(task.InitialPrio);
        string list = string.Join(" \u2192 ", values.Take(4)) + (values.Count > 4 ? " \u2192 \u2026" : "");
        return "normal prio " + list;
    }

    private static string Marker(double x, double y, Instant m)
    {
        string shape = m.Kind switch
        {
            "boost" => $"<path d=\"M{F(x)} {F(y - 4)} L{F(x + 4)} {F(y + 3)} L{F(x - 4)} {F(y + 3)} Z\" fill=\"#d62728\"/>",
            "deboost" => $"<path d=\"M{F(x - 4)} {F(y - 3)} L{F(x + 4)} {F(y - 3)} L{F(x)} {F(y + 4)} Z\" fill=\"#2ca02c\"/>",
            "steal" => $"<path d=\"M{F(x)} {F(y - 5)} L{F(x + 5)} {F(y)} L{F(x)} {F(y + 5)} L{F(x - 5)} {F(y)} Z\" fill=\"#9467bd\"/>",
            "deadlock" => $"<path d=\"M{F(x - 4)} {F(y - 4)} L{F(x + 4)} {F(y + 4)} M{F(x + 4)} {F(y - 4)} L{F(x - 4)} {F(y + 4)}\" stroke=\"#000000\" stroke-width=\"2\"/>",
            "timeout" => $"<circle cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"4\" fill=\"#ff7f0e\"/>",
            "release" => $"<path d=\"M{F(x)} {F(y + 26)} L{F(x)} {F(y - 3)} M{F(x - 3)} {F(y + 1)} L{F(x)} {F(y - 3)} L{F(x + 3)} {F(y + 1)}\" stroke=\"#1f77b4\" stroke-width=\"1.2\" fill=\"none\"/>",
            "deadline-miss" => $"<circle cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"5\" fill=\"#d62728\"/><text x=\"{F(x)}\" y=\"{F(y + 3.5)}\" font-size=\"9\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#ffffff\">!</text>",
            _ => $"<rect x=\"{F(x - 3)}\" y=\"{F(y - 3)}\" width=\"6\" height=\"6\" fill=\"#888888\"/>",
        };
        return $"<g class=\"{m.Kind}\"><title>{Esc(m.Text)}</title>{shape}</g>\n";
    }

    private static long LabelEvery(double px)
    {
        long[] steps = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000 };
        foreach (long s in steps) if (s * px >= 36) return s;
        return 1000000;
    }
}
