using BenchmarkDotNet.Attributes;
using NfRt.Harness;
using NfRt.Timing;

namespace NfRt.Benchmarks;

/// <summary>
/// Speed of the simulation on the real kernel (issue 17, docs/spec/timing.md §6): one operation runs one generated
/// task set (3-8 tasks, periods 100-1000, utilisation 0.3-0.9) for exactly <see cref="Ticks"/> ticks with the
/// offsets as given — the unit of <c>simulate</c>, <c>check</c> and <c>campaign</c> (<see cref="TaskSetSimulation"/>:
/// a fresh kernel, one host thread per task, invariant checks on as in the commands). Simulated ticks per second =
/// <see cref="Ticks"/> / time per operation; a campaign set is (1 + --search) such runs plus the analysis. The sets
/// are made in setup (only sets whose hyperperiod is at least <see cref="Ticks"/>, so every run is exactly that long).
/// </summary>
[MemoryDiagnoser, MinColumn, MaxColumn]
public class TaskSetSimulationBenchmarks
{
    public const int Sets = 20;
    public const int Ticks = 2_000;

    [Params("resource-free", "resources")]
    public string Kind { get; set; }

    private TaskSet[] _sets;
    private readonly SimulationOptions _options = new() { Search = 0, Until = Ticks };

    [GlobalSetup]
    public void Setup()
    {
        var o = new GeneratorOptions { Seed = 2026, MinPeriod = 100, ResourceFreeShare = Kind == "resource-free" ? 1 : 0 };
        var gen = new TaskSetGenerator(o);
        _sets = Enumerable.Range(0, 1000).Select(k => gen.Generate(k)).Where(s => TaskSetSimulation.Hyperperiod(s, Ticks) >= Ticks).Take(Sets).ToArray();
        if (_sets.Length < Sets) throw new InvalidOperationException($"only {_sets.Length} sets with a hyperperiod of {Ticks} ticks or more");
    }

    /// <summary>Runs every set for <see cref="Ticks"/> ticks; returns the jobs completed (so nothing is optimised away).</summary>
    [Benchmark(OperationsPerInvoke = Sets)]
    public long SimulateOneSet2000Ticks()
    {
        long jobs = 0;
        foreach (var s in _sets) jobs += TaskSetSimulation.Run(s, _options).Tasks.Sum(t => t.Jobs);
        return jobs;
    }
}
