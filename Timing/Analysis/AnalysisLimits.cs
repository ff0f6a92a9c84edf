namespace NfRt.Timing;

/// <summary>
/// The horizon of the analysis (docs/spec/timing.md §5.6). A task's <c>wcrt</c> is null ("beyond the
/// horizon") when its level's busy period or a response time would exceed <see cref="HorizonTicks"/>,
/// when the tasks at least as urgent as it use more than the whole CPU, or when its fixed-point
/// iterations together exceed <see cref="MaxSteps"/> (a busy period of very many short jobs).
/// </summary>
public static class AnalysisLimits
{
    /// <summary>Longest busy period or response time computed: 10^9 ticks (11.6 days at 1 ms a tick).</summary>
    public const long HorizonTicks = 1_000_000_000;

    /// <summary>Most fixed-point steps spent on one task.</summary>
    public const int MaxSteps = 2_000_000;

    /// <summary>Most release offsets examined for one task under the FIFO rule for equal priorities; beyond it, or beyond <see cref="MaxSteps"/> steps spent on them, the rule falls back to counting every job (sound, less tight).</summary>
    public const int MaxFifoCandidates = 20_000;
}
