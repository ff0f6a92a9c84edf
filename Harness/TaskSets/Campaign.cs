using System.Diagnostics;
using NfRt.Timing;

namespace NfRt.Harness;

/// <summary>A set of a campaign that failed its cross-check, named so that <c>generate --seed Seed</c> remakes it as file <c>gen-Seed-Index.json</c>.</summary>
/// <param name="Seed">Generator seed.</param>
/// <param name="Index">Set index under that seed.</param>
/// <param name="Name">The set's name (gen-SEED-INDEX).</param>
/// <param name="What">Violation, inexact match or kernel fault: one line.</param>
public sealed record CampaignFailure(long Seed, long Index, string Name, string What);

/// <summary>
/// A campaign's figures (docs/spec/timing.md §7). <see cref="Ratios"/> are observed/bound of the tasks with a bound > 0 and at least
/// one observed job, in sets with resources; <see cref="BlockedRatios"/> the same for the tasks among them whose blocking
/// term is above 0 (where the bound has a blocking part to be tight or loose about); <see cref="ExactChecked"/> counts the tasks §6 marks (they are in
/// resource-free sets, or resource-free parts of sets), <see cref="ExactMatched"/> those that met their bound exactly.
/// </summary>
public sealed class CampaignResult
{
    public int Sets { get; internal set; }
    public int SetsWithResources { get; internal set; }
    public long Tasks { get; internal set; }
    public long TasksBounded { get; internal set; }
    public long TasksWithoutBound { get; internal set; }
    public long Violations { get; internal set; }
    public long ExactChecked { get; internal set; }
    public long ExactMatched { get; internal set; }
    public int KernelFaults { get; internal set; }
    public long Phasings { get; internal set; }
    public long SimulatedTicks { get; internal set; }
    public double Seconds { get; internal set; }
    public List<double> Ratios { get; } = new();
    public List<double> BlockedRatios { get; } = new();
    public List<CampaignFailure> Failures { get; } = new();

    /// <summary>0 violations, every marked task exact, no kernel fault.</summary>
    public bool Passed => Violations == 0 && ExactMatched == ExactChecked && KernelFaults == 0;

    /// <summary>Sets per second of wall-clock time.</summary>
    public double SetsPerSecond => Seconds > 0 ? Sets / Seconds : 0;

    /// <summary>Simulated kernel ticks per second of wall-clock time.</summary>
    public double TicksPerSecond => Seconds > 0 ? SimulatedTicks / Seconds : 0;

    /// <summary>The q-quantile (0..1, nearest rank) of <see cref="Ratios"/>; NaN when there are none.</summary>
    public double Quantile(double q) => Quantile(Ratios, q);

    /// <summary>The q-quantile (0..1, nearest rank) of <paramref name="ratios"/>; NaN when there are none.</summary>
    public static double Quantile(IReadOnlyList<double> ratios, double q)
    {
        if (ratios.Count == 0) return double.NaN;
        var sorted = ratios.OrderBy(r => r).ToList();
        int rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Ratios counted in ten buckets [0, 0.1), [0.1, 0.2), ..., [0.9, 1.0]; a ratio above 1 (a violation) falls in the last.</summary>
    public int[] Histogram() => Histogram(Ratios);

    /// <summary><paramref name="ratios"/> counted in the ten buckets of <see cref="Histogram()"/>.</summary>
    public static int[] Histogram(IReadOnlyList<double> ratios)
    {
        var h = new int[10];
        foreach (double r in ratios) h[Math.Clamp((int)Math.Floor(r * 10), 0, 9)]++;
        return h;
    }
}

/// <summary>
/// <c>campaign</c>'s engine (docs/spec/timing.md §7): generates sets with <see cref="TaskSetGenerator"/> and
/// cross-checks each (<see cref="CrossCheck"/>), summing up into a <see cref="CampaignResult"/>. A kernel fault of a set is
/// counted and named as a failure, and the campaign goes on. Set k depends only on the generator options and k.
/// </summary>
public static class Campaign
{
    /// <summary>
    /// Runs sets <paramref name="first"/> .. first+count−1 of <paramref name="generator"/>; <paramref name="progress"/>(done) after each.
    /// <paramref name="analyze"/> replaces <see cref="ResponseTimeAnalysis.Analyze"/> (null: the real analysis): the tests' seam to
    /// drive the failure paths with a deliberately wrong analysis, as <see cref="CrossCheck.Compare"/> allows.
    /// </summary>
    public static CampaignResult Run(GeneratorOptions generator, int count, SimulationOptions simulation, Action<int> progress = null, int first = 0,
        Func<TaskSet, AnalysisResult> analyze = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(simulation);
        string problem = generator.Problem();
        if (problem != null) throw new ArgumentException(problem, nameof(generator));
        var gen = new TaskSetGenerator(generator);
        var result = new CampaignResult();
        var clock = Stopwatch.StartNew();
        for (int k = first; k < first + count; k++)
        {
            var set = gen.Generate(k);
            bool resources = !set.IsResourceFree;
            result.Sets++;
            if (resources) result.SetsWithResources++;
            result.Tasks += set.Tasks.Count;
            CrossCheckResult check;
            try
            {
                var options = simulation with { Seed = simulation.Seed + k };
                check = analyze == null ? CrossCheck.Run(set, options) : CrossCheck.Compare(analyze(set), TaskSetSimulation.Run(set, options));
            }
            catch (HarnessException e)
            {
                result.KernelFaults++;
                result.Failures.Add(new CampaignFailure(generator.Seed, k, set.Name, "kernel fault: " + e.Message));
                progress?.Invoke(result.Sets);
                continue;
            }
            result.Phasings += check.Simulation.Runs.Count;
            result.SimulatedTicks += check.Simulation.SimulatedTicks;
            foreach (var t in check.Tasks)
            {
                if (t.Bound is not long bound) { result.TasksWithoutBound++; continue; }
                result.TasksBounded++;
                if (t.MarkedExact && t.ExactChecked)
                {
                    result.ExactChecked++;
                    if (t.SynchronousObserved == bound) result.ExactMatched++;
                }
                if (t.Outcome == CheckOutcome.Violation) result.Violations++;
                if (t.Outcome is CheckOutcome.Violation or CheckOutcome.Inexact)
                    result.Failures.Add(new CampaignFailure(generator.Seed, k, set.Name, $"{t.Name}: {t.Reason} (phasing {check.Offending?.Index})"));
                if (resources && bound > 0 && t.Observed >= 0)
                {
                    result.Ratios.Add((double)t.Observed / bound);
                    if (t.Blocking > 0) result.BlockedRatios.Add((double)t.Observed / bound);
                }
            }
            progress?.Invoke(result.Sets);
        }
        result.Seconds = clock.Elapsed.TotalSeconds;
        return result;
    }
}
