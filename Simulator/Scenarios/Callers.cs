namespace NfRt.Simulator.Scenarios;

/// <summary>
/// Who makes a command's kernel call (scenario-language.md §17): a test thread 0..63, or — written
/// <c>irq</c> or <c>idle</c> in the second field — an interrupt handler or the idle task (the
/// driver). A <see cref="ScenarioLine.Thread"/> of <see cref="Irq"/> or <see cref="Idle"/> stands for them.
/// </summary>
public static class Callers
{
    /// <summary>The interrupt handler as a caller.</summary>
    public const int Irq = ScriptParser.MaxThreads;

    /// <summary>The idle task (the driver) as a caller.</summary>
    public const int Idle = ScriptParser.MaxThreads + 1;

    /// <summary>True for <see cref="Irq"/> and <see cref="Idle"/>.</summary>
    public static bool IsContext(int thread) => thread is Irq or Idle;

    /// <summary>The caller's name in the second field and in reports: "irq", "idle", or the thread number.</summary>
    public static string FieldText(int thread) => thread switch { Irq => "irq", Idle => "idle", _ => thread.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>How reports name the caller: "irq", "idle", or "thread N".</summary>
    public static string Describe(int thread) => IsContext(thread) ? FieldText(thread) : "thread " + FieldText(thread);

    /// <summary>Parses "irq" or "idle" (any case); false for anything else.</summary>
    public static bool TryParse(string text, out int thread)
    {
        thread = string.Equals(text, "irq", StringComparison.OrdinalIgnoreCase) ? Irq
            : string.Equals(text, "idle", StringComparison.OrdinalIgnoreCase) ? Idle : -1;
        return thread >= 0;
    }
}
