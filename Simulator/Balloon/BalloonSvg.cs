using System.Globalization;
using System.Text;

namespace NfRt.Simulator.Balloon;

/// <summary>
/// Writes the demo's plot: Current (solid) and Target (dashed) of both partitions over time, as
/// step lines in a self-contained SVG (no scripts, no external fonts). Time in seconds on x,
/// blocks on y, one vertical guide per retry period.
/// </summary>
public static class BalloonSvg
{
    private const int Width = 820, Height = 420, Left = 60, Right = 150, Top = 40, Bottom = 50;
    private const string ColorA = "#1f77b4", ColorB = "#d62728";

    /// <summary>Writes the plot to <paramref name="path"/> (directories created) and returns the full path.</summary>
    public static string Write(string path, BalloonDemoResult r)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, Render(r));
        return full;
    }

    /// <summary>The SVG document text.</summary>
    public static string Render(BalloonDemoResult r)
    {
        long tEnd = Math.Max(1, r.Rows[^1].Tick);
        int yMax = 0;
        foreach (var s in r.Samples) yMax = Math.Max(yMax, Math.Max(Math.Max(s.ACurrent, s.ATarget), Math.Max(s.BCurrent, s.BTarget)));
        yMax = (yMax / 16 + 1) * 16;
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        double X(long tick) => Left + plotW * tick / tEnd;
        double Y(int v) => Top + plotH * (1 - (double)v / yMax);
        static string F(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);

        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append("  ").Append(OutputGuard.BalloonSvgSignature).Append('\n');
        sb.Append("  <title>Memory balloon: Current and Target per partition</title>\n");
        sb.Append($"  <rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        sb.Append($"  <text x=\"{Left}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Memory balloon on {Esc(r.Board.Name)}: A shrinks, B grows, pool free 0</text>\n");

        // grid: one vertical line per retry period, horizontal every 16 blocks
        for (long t = 0; t <= tEnd; t += r.RetryPeriod)
        {
            sb.Append($"  <line x1=\"{F(X(t))}\" y1=\"{Top}\" x2=\"{F(X(t))}\" y2=\"{Top + plotH}\" stroke=\"#dddddd\"/>\n");
            sb.Append($"  <text x=\"{F(X(t))}\" y=\"{F(Top + plotH + 18)}\" text-anchor=\"middle\">{t / r.RetryPeriod} s</text>\n");
        }
        for (int v = 0; v <= yMax; v += 16)
        {
            sb.Append($"  <line x1=\"{Left}\" y1=\"{F(Y(v))}\" x2=\"{F(Left + plotW)}\" y2=\"{F(Y(v))}\" stroke=\"#eeeeee\"/>\n");
            sb.Append($"  <text x=\"{Left - 8}\" y=\"{F(Y(v) + 4)}\" text-anchor=\"end\">{v}</text>\n");
        }
        sb.Append($"  <line x1=\"{Left}\" y1=\"{F(Top + plotH)}\" x2=\"{F(Left + plotW)}\" y2=\"{F(Top + plotH)}\" stroke=\"black\"/>\n");
        sb.Append($"  <line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{F(Top + plotH)}\" stroke=\"black\"/>\n");
        sb.Append($"  <text x=\"{F(Left + plotW / 2)}\" y=\"{Height - 12}\" text-anchor=\"middle\">time (retry periods of {r.RetryPeriod} ticks)</text>\n");
        sb.Append($"  <text x=\"16\" y=\"{F(Top + plotH / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {F(Top + plotH / 2)})\">blocks ({r.BlockSize} B)</text>\n");

        void Series(string id, Func<BalloonSample, int> value, string color, bool dashed)
        {
            var pts = new StringBuilder();
            int? prev = null;
            foreach (var s in r.Samples)
            {
                int v = value(s);
                if (prev.HasValue && prev.Value != v) pts.Append($"{F(X(s.Tick))},{F(Y(prev.Value))} ");
                pts.Append($"{F(X(s.Tick))},{F(Y(v))} ");
                prev = v;
            }
            if (prev.HasValue) pts.Append($"{F(X(tEnd))},{F(Y(prev.Value))}");
            string dash = dashed ? " stroke-dasharray=\"6 4\"" : "";
            sb.Append($"  <polyline id=\"{id}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{(dashed ? 1.5 : 2.5).ToString(CultureInfo.InvariantCulture)}\"{dash} points=\"{pts.ToString().Trim()}\"/>\n");
        }
        Series("a-target", s => s.ATarget, ColorA, true);
        Series("b-target", s => s.BTarget, ColorB, true);
        Series("a-current", s => s.ACurrent, ColorA, false);
        Series("b-current", s => s.BCurrent, ColorB, false);

        // legend
        double lx = Left + plotW + 16;
        string[] labels = { "A Current", "A Target", "B Current", "B Target" };
        string[] colors = { ColorA, ColorA, ColorB, ColorB };
        for (int i = 0; i < 4; i++)
        {
            double ly = Top + 10 + i * 22;
            string dash = i % 2 == 1 ? " stroke-dasharray=\"6 4\"" : "";
            sb.Append($"  <line x1=\"{F(lx)}\" y1=\"{F(ly)}\" x2=\"{F(lx + 28)}\" y2=\"{F(ly)}\" stroke=\"{colors[i]}\" stroke-width=\"2.5\"{dash}/>\n");
            sb.Append($"  <text x=\"{F(lx + 34)}\" y=\"{F(ly + 4)}\">{labels[i]}</text>\n");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string Esc(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
