using System.Globalization;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// Strict integer parsing for script fields: an optional sign and decimal digits, nothing else
/// (no spaces inside, no hex, no thousands separators, no culture), within Int32.
/// </summary>
public static class Numbers
{
    /// <summary>Parses <paramref name="text"/>; false for anything that is not a plain decimal int.</summary>
    public static bool TryParse(string text, out int value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text)) return false;
        int start = text[0] is '+' or '-' ? 1 : 0;
        if (start == text.Length) return false;
        for (int i = start; i < text.Length; i++)
            if (text[i] < '0' || text[i] > '9') return false;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
