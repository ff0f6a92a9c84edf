using BenchmarkDotNet.Attributes;
using NfRt.Timing;

namespace NfRt.Benchmarks;

/// <summary>
/// Speed of the response-time analysis (issue 17, docs/spec/timing.md §5): one operation analyses
/// <see cref="Sets"/> generated task sets (3-8 tasks, periods 10-1000, utilisation 0.3-0.9) of one kind,
/// so task sets per second = Sets / mean time. Kinds: without resources; with 1-4 resources under every
/// protocol and nested sections; with resources, release jitter, equal priorities and deadlines up to three
/// periods (the FIFO rule and multi-job busy periods). The sets are made in setup, not measured; the
/// analysis includes the validation of each set (as <see cref="ResponseTimeAnalysis.Analyze"/> always does).
/// Min and Max are shown because on a shared machine the least disturbed iteration is the better estimate.
/// </summary>
[MemoryDiagnoser, MinColumn, MaxColumn]
public class TimingAnalysisBenchmarks
{
    public const int Sets = 1000;

    [Params("resource-free", "resources", "resources+jitter+equal+arbitrary")]
    public string Kind { get; set; }

    private TaskSet[] _sets;

    [GlobalSetup]
    public void Setup()
    {
        var o = new GeneratorOptions { Seed = 2026 };
        o = Kind switch
        {
            "resource-free" => o with { ResourceFreeShare = 1 },
            "resources" => o with { ResourceFreeShare = 0 },
            _ => o with { ResourceFreeShare = 0, MaxJitterShare = 0.3, EqualPriorityChance = 0.3, Deadlines = DeadlineMode.Arbitrary },
        };
        _sets = new TaskSetGenerator(o).GenerateMany(Sets).ToArray();
    }

    /// <summary>Analyses every set; returns how many were schedulable (so nothing is optimised away).</summary>
    [Benchmark(OperationsPerInvoke = Sets)]
    public int AnalyzeOneSet()
    {
        int n = 0;
        foreach (var s in _sets) if (ResponseTimeAnalysis.Analyze(s).Schedulable) n++;
        return n;
    }
}
