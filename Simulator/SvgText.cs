using System.Globalization;
using System.Text;

namespace NfRt.Simulator;

/// <summary>
/// Text and numbers in the simulator's SVG files (the timelines of <c>run --svg</c> and <c>demo</c>, the
/// balloon plot): one XML escape and one number format, so every picture escapes and rounds alike and
/// stays byte-identical from run to run.
/// </summary>
internal static class SvgText
{
    /// <summary>A coordinate or size: rounded to two decimals, invariant culture, no trailing zeros ("12.5", "3").</summary>
    public static string F(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="s"/> as XML text or attribute value: <c>&amp; &lt; &gt; "</c> escaped, control
    /// characters other than tab dropped (XML 1.0 does not allow them).
    /// </summary>
    public static string Esc(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                default:
                    if (c >= 0x20 || c == '\t') sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
