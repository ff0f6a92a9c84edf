using System.Globalization;

namespace NfRt.Simulator.Scenarios;

/// <summary>What <see cref="Numbers.Parse"/> found.</summary>
public enum NumberKind
{
    /// <summary>A decimal integer within Int64.</summary>
    Number,
    /// <summary>Not an optional sign followed by decimal digits.</summary>
    NotANumber,
    /// <summary>Decimal digits, but beyond Int64 (the value is clamped to long.MinValue/MaxValue).</summary>
    Huge,
}

/// <summary>
/// Strict integer parsing for script fields: an optional sign and decimal digits, nothing else
/// (no spaces inside, no hex, no thousands separators, no culture). Leading zeros are allowed.
/// </summary>
public static class Numbers
{
    /// <summary>Parses <paramref name="text"/>; false for anything that is not a plain decimal int (too large included).</summary>
    public static bool TryParse(string text, out int value)
    {
        value = 0;
        if (Parse(text, out long wide) != NumberKind.Number || wide < int.MinValue || wide > int.MaxValue) return false;
        value = (int)wide;
        return true;
    }

    /// <summary>
    /// Parses <paramref name="text"/> as a decimal integer of any length: a number beyond Int64 is
    /// <see cref="NumberKind.Huge"/> with <paramref name="value"/> clamped, so range checks still
    /// see which side it is on (a number too large is "out of range", not "not a number").
    /// </summary>
    public static NumberKind Parse(string text, out long value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text)) return NumberKind.NotANumber;
        bool negative = text[0] == '-';
        int start = text[0] is '+' or '-' ? 1 : 0;
        if (start == text.Length) return NumberKind.NotANumber;
        for (int i = start; i < text.Length; i++)
            if (text[i] < '0' || text[i] > '9') return NumberKind.NotANumber;
        while (start < text.Length - 1 && text[start] == '0') start++;
        if (text.Length - start <= 18)
        {
            value = long.Parse(text.AsSpan(start), NumberStyles.None, CultureInfo.InvariantCulture);
            if (negative) value = -value;
            return NumberKind.Number;
        }
        if (long.TryParse(text.AsSpan(start), NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            if (negative) value = -value;
            return NumberKind.Number;
        }
        value = negative ? long.MinValue : long.MaxValue;
        return NumberKind.Huge;
    }
}
