using NfRt.Timing;

namespace NfRt.Harness;

/// <summary>What <see cref="TaskSetSimulation"/> runs: <c>--search</c>, <c>--seed</c> and <c>--until</c> (docs/spec/timing.md §6).</summary>
public sealed record SimulationOptions
{
    /// <summary>Search phasings after the offsets as given (and the synchronous release).</summary>
    public int Search { get; init; }

    /// <summary>Seed of the search phasings and of the jitter draws.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Largest horizon of one phasing, ticks (null: the default horizon, itself at most <see cref="TaskSetSimulation.DefaultHorizonCap"/>).</summary>
    public long? Until { get; init; }

    /// <summary>Invariant checks of the kernel (on by default, as in tests).</summary>
    public bool CheckInvariants { get; init; } = true;
}

/// <summary>One task over all phasings: jobs completed, the worst response (a job still open at a horizon counts with its age), misses and worst blocking.</summary>
/// <param name="Name">Task name.</param>
/// <param name="Jobs">Jobs completed, all phasings together.</param>
/// <param name="MaxResponse">Worst response observed, ticks (-1: no job completed or open).</param>
/// <param name="Misses">Deadline misses, all phasings together.</param>
/// <param name="MaxBlocking">Worst priority-inversion time of one job (docs/spec/timing.md §3).</param>
/// <param name="WorstPhasing">Index of the phasing that gave <paramref name="MaxResponse"/> (the first such; -1: none).</param>
/// <param name="OpenAtHorizon">True when <paramref name="MaxResponse"/> is the age of a job still open at a horizon (its response is at least that).</param>
public sealed record TaskObservation(string Name, long Jobs, long MaxResponse, long Misses, long MaxBlocking, int WorstPhasing, bool OpenAtHorizon);

/// <summary>One phasing's run: the phasing, the horizon it ran to, and per task (set order) the worst response including an open job's age.</summary>
public sealed record PhasingRun(Phasing Phasing, long Horizon, TaskSetRun Run, IReadOnlyList<long> MaxResponse);

/// <summary>A simulation: the set, its phasings' runs, the per-task summary and the ticks simulated.</summary>
public sealed record SimulationResult(TaskSet Set, IReadOnlyList<PhasingRun> Runs, IReadOnlyList<TaskObservation> Tasks, long SimulatedTicks, string HorizonNote);

/// <summary>
/// <c>simulate</c>'s engine (docs/spec/timing.md §6): runs a task set on the real kernel (simulated board,
/// <see cref="TaskSetRunner"/>, invariant checks on) for every phasing of its <see cref="PhasingPlan"/>, with the file's
/// jitter applied (<see cref="JitterDraws"/>), and sums up per task. Horizon of a phasing: the hyperperiod plus its largest
/// offset plus the largest jitter, capped by <see cref="SimulationOptions.Until"/> — or, without one, by
/// <see cref="DefaultHorizonCap"/> (then <see cref="SimulationResult.HorizonNote"/> says so).
/// A kernel fault or a refused task throws <see cref="HarnessException"/>.
/// </summary>
public static class TaskSetSimulation
{
    /// <summary>The horizon used without <c>--until</c> when the hyperperiod is longer.</summary>
    public const long DefaultHorizonCap = 1_000_000;

    /// <summary>Runs every phasing of <paramref name="set"/>; <paramref name="onKernel"/>(phasing index, kernel) sees each kernel before its tasks exist.</summary>
    public static SimulationResult Run(TaskSet set, SimulationOptions options, Action<int, NfRt.Scheduling.Scheduler> onKernel = null) =>
        Run(set, PhasingPlan.Make(set, options.Search, options.Seed), options, onKernel);

    /// <summary>Runs the given <paramref name="phasings"/> of <paramref name="set"/>.</summary>
    public static SimulationResult Run(TaskSet set, IReadOnlyList<Phasing> phasings, SimulationOptions options, Action<int, NfRt.Scheduling.Scheduler> onKernel = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Until is long u && u < 1) throw new ArgumentOutOfRangeException(nameof(options), u, "Until must be >= 1");
        var sim = SimTaskSets.From(set);
        long hyper = Hyperperiod(set, long.MaxValue / 4);
        long maxJitter = set.Tasks.Max(t => t.Jitter);
        var runs = new List<PhasingRun>();
        long ticks = 0;
        string note = null;
        foreach (var p in phasings)
        {
            long natural = Saturating(hyper, p.Offsets.Max() + maxJitter);
            long horizon = Math.Min(natural, options.Until ?? DefaultHorizonCap);
            if (options.Until == null && natural > DefaultHorizonCap)
                note = $"the hyperperiod plus offsets ({(natural >= long.MaxValue / 4 ? "more than 10^18" : natural.ToString())} ticks) is longer than {DefaultHorizonCap} ticks: each phasing ran {DefaultHorizonCap} ticks (--until sets it)";
            var draws = new JitterDraws(p.JitterSeed, set.Tasks.Select(t => t.Jitter).ToList());
            var run = TaskSetRunner.Run(sim, horizon, p.Offsets, draws.None ? null : draws.Delay,
                onKernel == null ? null : k => onKernel(p.Index, k), options.CheckInvariants);
            ticks += run.Horizon;
            runs.Add(new PhasingRun(p, horizon, run, run.Tasks.Select(t => Math.Max(t.MaxResponse, t.OpenJobAge)).ToList()));
        }
        var tasks = new List<TaskObservation>();
        for (int i = 0; i < set.Tasks.Count; i++)
        {
            long jobs = 0, worst = -1, misses = 0, blocking = 0;
            int at = -1;
            bool open = false;
            foreach (var r in runs)
            {
                var t = r.Run.Tasks[i];
                jobs += t.Jobs;
                misses += t.Misses;
                blocking = Math.Max(blocking, t.MaxBlocking);
                if (r.MaxResponse[i] > worst)
                {
                    worst = r.MaxResponse[i];
                    at = r.Phasing.Index;
                    open = t.OpenJobAge > t.MaxResponse;
                }
            }
            tasks.Add(new TaskObservation(set.Tasks[i].Name, jobs, worst, misses, blocking, at, open));
        }
        return new SimulationResult(set, runs, tasks, ticks, note);
    }

    /// <summary>The least common multiple of the periods, or <paramref name="cap"/> when it is larger.</summary>
    public static long Hyperperiod(TaskSet set, long cap)
    {
        long h = 1;
        foreach (var t in set.Tasks)
        {
            long g = Gcd(h, t.Period);
            long f = t.Period / g;
            if (h > cap / f) return cap;
            h *= f;
        }
        return Math.Min(h, cap);
    }

    private static long Saturating(long a, long b) => a > long.MaxValue / 2 - b ? long.MaxValue / 2 : a + b;

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
