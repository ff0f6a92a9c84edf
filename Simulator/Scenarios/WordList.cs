namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The argument of <c>qcontentseq</c> (scenario-language.md §22): the words a queue holds, in the
/// order <c>qreceive</c> would get them, as a comma-separated list of plain decimal ints, or
/// <c>empty</c>. At most <see cref="CreateOptions.MaxCapacity"/> words (no queue holds more).
/// </summary>
public static class WordList
{
    /// <summary>Parses <paramref name="text"/>; null and <paramref name="words"/> set, or the error.</summary>
    public static string Parse(string text, out int[] words)
    {
        words = null;
        if (string.Equals(text, "empty", StringComparison.OrdinalIgnoreCase)) { words = Array.Empty<int>(); return null; }
        string[] items = text.Split(',');
        if (items.Length > CreateOptions.MaxCapacity)
            return $"qcontentseq lists {items.Length} words; no queue holds more than {CreateOptions.MaxCapacity}";
        var list = new int[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            string item = items[i].Trim();
            if (Numbers.Parse(item, out long v) == NumberKind.NotANumber)
                return $"qcontentseq word '{TextClip.Shorten(item, TextClip.FieldChars)}' is not a number (expected words like 5,7 or empty)";
            if (v < int.MinValue || v > int.MaxValue)
                return $"qcontentseq word {ScriptParser.Shown(item, v)} out of range -2147483648..2147483647";
            list[i] = (int)v;
        }
        words = list;
        return null;
    }

    /// <summary>The list as a script writes it: "5,7", or "empty".</summary>
    public static string Format(IReadOnlyList<int> words) => words.Count == 0 ? "empty" : string.Join(",", words);
}
