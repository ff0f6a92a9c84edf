using NfRt.Timing;

namespace NfRt.Harness;

/// <summary>How one task's observation compares with its bound.</summary>
public enum CheckOutcome
{
    /// <summary>Observed ≤ bound (and, where §6 asks, exactly the bound at the synchronous release).</summary>
    Ok,
    /// <summary>Observed > bound: the analysis is not sound for this set (or the kernel misbehaved). Never expected.</summary>
    Violation,
    /// <summary>§6's exact match failed: a task marked <c>SynchronousReleaseIsWorst</c> observed less than its bound at the synchronous release.</summary>
    Inexact,
    /// <summary>The analysis gives no bound (unbounded blocking or beyond its horizon): nothing to compare, not a violation.</summary>
    NoBound,
}

/// <summary>
/// One task of a cross-check. <see cref="SynchronousObserved"/> is the worst response of the synchronous release
/// (all offsets 0) run, null when the plan had none or its horizon was shorter than the bound (then
/// <see cref="ExactChecked"/> is false). <see cref="Blocking"/> is the analysis' blocking term (null: unbounded).
/// </summary>
public sealed record TaskCheck(string Name, long? Bound, long? Blocking, long Observed, int WorstPhasing, bool OpenAtHorizon, bool MarkedExact, bool ExactChecked,
    long? SynchronousObserved, CheckOutcome Outcome, string Reason);

/// <summary>A cross-check: the analysis, the simulation, the per-task outcomes and the first phasing that broke a bound (null: none).</summary>
public sealed record CrossCheckResult(AnalysisResult Analysis, SimulationResult Simulation, IReadOnlyList<TaskCheck> Tasks, Phasing Offending)
{
    /// <summary>No observed response above its bound.</summary>
    public bool Sound => Tasks.All(t => t.Outcome != CheckOutcome.Violation);

    /// <summary>Every task §6 marks met its bound exactly at the synchronous release.</summary>
    public bool Exact => Tasks.All(t => t.Outcome != CheckOutcome.Inexact);

    /// <summary>Sound and exact: <c>check</c> exits 0.</summary>
    public bool Passed => Sound && Exact;
}

/// <summary>
/// <c>check</c>'s and <c>campaign</c>'s comparison (docs/spec/timing.md §6): every observed response must be at most the
/// analysed bound (<c>wcrt</c>); a task the analysis marks <see cref="TaskResponse.SynchronousReleaseIsWorst"/> must
/// observe exactly its bound at the synchronous release; a task without a bound is reported, not judged.
/// <see cref="Compare"/> takes any analysis and simulation of sets with the same task names in the same order, so tests
/// can give it a deliberately wrong analysis and see the failure path work.
/// </summary>
public static class CrossCheck
{
    /// <summary>Analyses and simulates <paramref name="set"/>, then compares.</summary>
    public static CrossCheckResult Run(TaskSet set, SimulationOptions options) =>
        Compare(ResponseTimeAnalysis.Analyze(set), TaskSetSimulation.Run(set, options));

    /// <summary>Compares <paramref name="analysis"/> with <paramref name="simulation"/> task by task (same names, same order).</summary>
    public static CrossCheckResult Compare(AnalysisResult analysis, SimulationResult simulation)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(simulation);
        if (analysis.Tasks.Count != simulation.Tasks.Count || analysis.Tasks.Where((t, i) => t.Name != simulation.Tasks[i].Name).Any())
            throw new ArgumentException("the analysis and the simulation are not of the same tasks");
        var sync = simulation.Runs.FirstOrDefault(r => r.Phasing.IsSynchronous);
        var checks = new List<TaskCheck>();
        int offending = -1;
        for (int i = 0; i < analysis.Tasks.Count; i++)
        {
            var a = analysis.Tasks[i];
            var o = simulation.Tasks[i];
            long? syncObserved = sync != null && a.Wcrt is long w && sync.Horizon >= w ? sync.MaxResponse[i] : null;
            bool exactChecked = a.SynchronousReleaseIsWorst && syncObserved != null;
            CheckOutcome outcome;
            string reason;
            if (a.Wcrt is not long bound)
            {
                outcome = CheckOutcome.NoBound;
                reason = "no bound: " + (a.UnboundedReason ?? "the analysis gives none");
            }
            else if (o.MaxResponse > bound)
            {
                outcome = CheckOutcome.Violation;
                reason = $"observed {o.MaxResponse}{(o.OpenAtHorizon ? " (a job still open at the horizon)" : "")} > bound {bound}";
                if (offending < 0 || o.WorstPhasing < offending) offending = o.WorstPhasing;
            }
            else if (exactChecked && syncObserved != bound)
            {
                outcome = CheckOutcome.Inexact;
                reason = $"synchronous release observed {syncObserved}, bound {bound}: §6 says they are equal";
                if (offending < 0 || sync.Phasing.Index < offending) offending = sync.Phasing.Index;
            }
            else
            {
                outcome = CheckOutcome.Ok;
                reason = exactChecked ? $"exact: the synchronous release observed the bound {bound}"
                    : a.SynchronousReleaseIsWorst ? "exact match not checked: no synchronous run reached the bound's length (raise --until)"
                    : $"observed {o.MaxResponse} <= bound {bound}";
            }
            checks.Add(new TaskCheck(a.Name, a.Wcrt, a.Blocking.Value, o.MaxResponse, o.WorstPhasing, o.OpenAtHorizon, a.SynchronousReleaseIsWorst, exactChecked, syncObserved, outcome, reason));
        }
        var phasing = offending < 0 ? null : simulation.Runs.First(r => r.Phasing.Index == offending).Phasing;
        return new CrossCheckResult(analysis, simulation, checks, phasing);
    }
}
