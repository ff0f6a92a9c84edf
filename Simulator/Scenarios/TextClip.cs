namespace NfRt.Simulator.Scenarios;

/// <summary>Shortens text quoted in messages, so a huge line or field cannot flood a report.</summary>
public static class TextClip
{
    /// <summary>Longest script line quoted whole in a report (longer: the first this many characters, then "… (N characters)").</summary>
    public const int LineChars = 80;

    /// <summary>Longest field quoted whole in an error message.</summary>
    public const int FieldChars = 40;

    /// <summary><paramref name="s"/> itself when at most <paramref name="max"/> characters, else its start and "… (N characters)".</summary>
    public static string Shorten(string s, int max = LineChars) =>
        s == null || s.Length <= max ? s : s[..max] + $"… ({s.Length} characters)";
}
