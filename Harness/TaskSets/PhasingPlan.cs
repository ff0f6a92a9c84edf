using NfRt.Timing;

namespace NfRt.Harness;

/// <summary>
/// The phasings <c>simulate</c>, <c>check</c> and <c>campaign</c> run (docs/spec/timing.md §6), fixed by the set,
/// <c>--search N</c> and <c>--seed S</c>:
/// <list type="number">
/// <item>the offsets as given (jitter seed S);</item>
/// <item>when those are not all 0, the synchronous release (the critical instant of §6's exact match);</item>
/// <item>N search phasings, alternating <b>adversarial</b> and <b>random</b> (all random when no task locks anything).</item>
/// </list>
/// An adversarial phasing picks a lock site of a task l and a level P more urgent than l (at random): l is released
/// at 0 and, when it is alone, runs the compute ticks before the site (its <i>lead</i>) and takes the lock; every task at
/// P or above is released together d ticks into the section (d = 1 half the time — the longest rest of the section —
/// else 1 ≤ d ≤ its length), so that l holds the lock at that release — the blocking the analysis bounds. Other tasks less urgent than P are released with the group or at a random
/// offset, so they neither run before l nor always stay away. Random phasings draw each offset in [0, period).
/// Phasing p's jitter seed is S + p. Search phasing s draws from <c>SplitMix64.ForItem(S, s)</c>.
/// </summary>
public static class PhasingPlan
{
    /// <summary>The plan for <paramref name="set"/>: see the class remarks.</summary>
    public static IReadOnlyList<Phasing> Make(TaskSet set, int search, long seed)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (search < 0) throw new ArgumentOutOfRangeException(nameof(search), search, "must be >= 0");
        var plan = new List<Phasing> { new(0, PhasingKind.AsGiven, set.Tasks.Select(t => t.Offset).ToList(), seed, "the offsets as given") };
        if (!plan[0].IsSynchronous)
            plan.Add(new(1, PhasingKind.Synchronous, set.Tasks.Select(_ => 0L).ToList(), seed + 1, "every task released at 0"));
        var sites = LockSites(set);
        for (int s = 0; s < search; s++)
        {
            var rng = SplitMix64.ForItem(seed, s);
            int index = plan.Count;
            if (s % 2 == 0 && sites.Count > 0) plan.Add(Adversarial(set, sites, rng, index, seed + index));
            else plan.Add(new(index, PhasingKind.Random, set.Tasks.Select(t => rng.NextLong(0, t.Period - 1)).ToList(), seed + index, "random offsets"));
        }
        return plan;
    }

    /// <summary>A place where task <see cref="Task"/> locks <see cref="Resource"/> after <see cref="Lead"/> compute ticks of its body, for <see cref="Length"/> ticks.</summary>
    private readonly record struct LockSite(int Task, string Resource, long Lead, long Length);

    /// <summary>Every lock site (nested ones included) of every task that has a more urgent task above it.</summary>
    private static List<LockSite> LockSites(TaskSet set)
    {
        var sites = new List<LockSite>();
        for (int i = 0; i < set.Tasks.Count; i++)
        {
            var t = set.Tasks[i];
            if (!set.Tasks.Any(h => h.Priority < t.Priority)) continue;
            long lead = 0;
            Walk(t.Body, i, ref lead, sites);
        }
        return sites;
    }

    private static void Walk(IReadOnlyList<Segment> body, int task, ref long lead, List<LockSite> sites)
    {
        foreach (var s in body)
        {
            if (s is LockSegment l)
            {
                sites.Add(new LockSite(task, l.Resource, lead, l.ComputeTicks));
                Walk(l.Body, task, ref lead, sites);
            }
            else lead += s.ComputeTicks;
        }
    }

    private static Phasing Adversarial(TaskSet set, List<LockSite> sites, SplitMix64 rng, int index, long jitterSeed)
    {
        var site = sites[rng.NextInt(0, sites.Count - 1)];
        var holder = set.Tasks[site.Task];
        var levels = set.Tasks.Where(t => t.Priority < holder.Priority).Select(t => t.Priority).Distinct().OrderBy(p => p).ToList();
        int level = levels[rng.NextInt(0, levels.Count - 1)];
        long at = site.Lead + (rng.Chance(0.5) ? 1 : rng.NextLong(1, Math.Max(1, site.Length)));   // 1: the holder has run just the section's first tick
        var offsets = new List<long>();
        for (int i = 0; i < set.Tasks.Count; i++)
        {
            var t = set.Tasks[i];
            if (i == site.Task) offsets.Add(0);
            else if (t.Priority <= level || rng.Chance(0.5)) offsets.Add(at);
            else offsets.Add(rng.NextLong(0, t.Period - 1));
        }
        var group = set.Tasks.Where(t => t.Priority <= level).Select(t => t.Name);
        return new(index, PhasingKind.Adversarial, offsets, jitterSeed,
            $"{holder.Name} released at 0 locks {site.Resource} at {site.Lead}; {string.Join(", ", group)} released at {at}");
    }
}
