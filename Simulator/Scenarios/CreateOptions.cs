using NfRt.Harness;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The options of a create command (scenario-language.md §18), parsed and range-checked, so that
/// creating the object at run time cannot fail. The argument is <c>none</c> or a comma-separated
/// list of options, each at most once, names case-insensitive, values plain decimal numbers:
/// <list type="bullet">
/// <item><c>mutexcreate</c>: <c>ceiling=K</c> (K on the user scale of <c>prioeq</c>, -40..99; stored here
/// as the kernel priority 99 - K), <c>recursive</c>, <c>robust</c>;</item>
/// <item><c>semcreate</c>: <c>count=N</c> (0..max, default 0), <c>max=N</c> (1..2147483647, default 64);</item>
/// <item><c>qcreate</c>: <c>capacity=N</c> (1..1024, default 2).</item>
/// </list>
/// Options the command does not have, repeated options, missing or extra values, non-numbers and
/// values out of range are errors naming the option.
/// </summary>
public sealed record CreateOptions(int Ceiling, bool Recursive, bool Robust, int Count, int Max, int Capacity)
{
    /// <summary>Most units of a semaphore created without <c>max=</c> (also of one created on first use).</summary>
    public const int DefaultMax = 64;

    /// <summary>Messages of a queue created without <c>capacity=</c> (also of one created on first use).</summary>
    public const int DefaultCapacity = 2;

    /// <summary>Largest <c>capacity=</c>.</summary>
    public const int MaxCapacity = 1024;

    /// <summary>The options of an object created on first use: no ceiling, not recursive, not robust, count 0, max 64, capacity 2.</summary>
    public static readonly CreateOptions Defaults = new(-1, false, false, 0, DefaultMax, DefaultCapacity);

    /// <summary>Lowest ceiling on the user scale (the least urgent kernel level).</summary>
    public static int MinCeiling => RtTesterProfile.ToUser(RtTesterProfile.Levels - 1);

    /// <summary>Parses the argument <paramref name="text"/> of create command <paramref name="op"/>; null and <paramref name="options"/> set, or the error.</summary>
    public static string Parse(CommandOpcode op, string text, out CreateOptions options)
    {
        options = null;
        string cmd = Opcodes.Name(op);
        string expected = op switch
        {
            CommandOpcode.MutexCreate => "ceiling=K, recursive, robust",
            CommandOpcode.SemCreate => "count=N, max=N",
            _ => "capacity=N",
        };
        var o = Defaults;
        if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase)) { options = o; return null; }
        var seen = new HashSet<string>();
        bool countGiven = false;
        foreach (string raw in text.Split(','))
        {
            string item = raw.Trim();
            if (item.Length == 0) return $"{cmd} option list '{Clip(text)}' has an empty item";
            int eq = item.IndexOf('=');
            string name = (eq < 0 ? item : item[..eq]).Trim().ToLowerInvariant();
            string valueText = eq < 0 ? null : item[(eq + 1)..].Trim();
            bool known = op switch
            {
                CommandOpcode.MutexCreate => name is "ceiling" or "recursive" or "robust",
                CommandOpcode.SemCreate => name is "count" or "max",
                _ => name is "capacity",
            };
            if (name == "none") return $"'none' must be the only {cmd} option";
            if (!known) return $"unknown {cmd} option '{Clip(item)}' (expected {expected}, or none)";
            if (!seen.Add(name)) return $"{cmd} option '{name}' given twice";
            bool flag = name is "recursive" or "robust";
            if (flag && valueText != null) return $"{cmd} option '{name}' takes no value";
            if (flag)
            {
                o = name == "recursive" ? o with { Recursive = true } : o with { Robust = true };
                continue;
            }
            if (valueText == null) return $"{cmd} option '{name}' needs a value ({name}={(name == "ceiling" ? "K" : "N")})";
            if (Numbers.Parse(valueText, out long v) == NumberKind.NotANumber) return $"{cmd} {name} '{Clip(valueText)}' is not a number";
            string shown = ScriptParser.Shown(valueText, v);
            switch (name)
            {
                case "ceiling":
                    if (v < MinCeiling || v > RtTesterProfile.MaxFifo) return $"{cmd} ceiling {shown} out of range {MinCeiling}..{RtTesterProfile.MaxFifo}";
                    o = o with { Ceiling = RtTesterProfile.FromFifo((int)v) };
                    break;
                case "count":
                    if (v < 0 || v > int.MaxValue) return $"{cmd} count {shown} out of range 0..{int.MaxValue}";
                    o = o with { Count = (int)v };
                    countGiven = true;
                    break;
                case "max":
                    if (v < 1 || v > int.MaxValue) return $"{cmd} max {shown} out of range 1..{int.MaxValue}";
                    o = o with { Max = (int)v };
                    break;
                default:
                    if (v < 1 || v > MaxCapacity) return $"{cmd} capacity {shown} out of range 1..{MaxCapacity}";
                    o = o with { Capacity = (int)v };
                    break;
            }
        }
        if (countGiven && o.Count > o.Max) return $"{cmd} count {o.Count} out of range 0..{o.Max} (the max)";
        options = o;
        return null;
    }

    private static string Clip(string s) => TextClip.Shorten(s, TextClip.FieldChars);
}
