namespace NfRt.Timing;

/// <summary>
/// The blocking term B of one task (docs/spec/timing.md §5.4): the longest time less urgent tasks can
/// run while one busy period of the task's priority level is pending.
/// <list type="bullet">
/// <item>A less urgent task runs then only inside a <see cref="CriticalStretch"/> over the level's
/// blocking resources (<see cref="LevelResources.Blocks"/>): it runs above its priority only while holding
/// a resource of S, and at its own priority only as the end of a wait chain through a Low resource. It
/// cannot start a stretch while the level is pending, so it contributes at most the one stretch it was in
/// when the busy period began; and two tasks cannot hold one resource at once.</item>
/// <item><b>Ceiling only</b> (<see cref="LevelResources.CeilingOnly"/> and no lock inside a counted stretch may
/// block): at most one such task is inside a stretch at the start (a second one could only have locked
/// while the first, at a ceiling at least as urgent as the level, was waiting), so B is the longest
/// stretch of any less urgent task: <see cref="BlockingRule.OneSection"/>.</item>
/// <item><b>Otherwise</b> (inheritance, mixed protocols, bounded plain locks): the smaller of Σ over less
/// urgent tasks of each one's longest stretch (<see cref="BlockingRule.PerTask"/>) and Σ over blocking
/// resources of the longest stretch of any less urgent task that locks that resource
/// (<see cref="BlockingRule.PerResource"/>) — Sha, Rajkumar and Lehoczky's "at most min(n, m)" bound, with
/// stretches in place of outermost sections so that nested and transitive blocking are counted.</item>
/// <item><see cref="LevelResources.Unbounded"/>: no bound (<see cref="BlockingRule.Unbounded"/>, <see cref="Value"/> null).</item>
/// </list>
/// </summary>
public sealed class BlockingBound
{
    private BlockingBound(long? value, BlockingRule rule, IReadOnlyList<BlockingTerm> terms, string unboundedReason)
    {
        Value = value;
        Rule = rule;
        Terms = terms;
        UnboundedReason = unboundedReason;
    }

    /// <summary>B in ticks; null when unbounded.</summary>
    public long? Value { get; }

    /// <summary>Which rule gave <see cref="Value"/>.</summary>
    public BlockingRule Rule { get; }

    /// <summary>The stretches summed (one for <see cref="BlockingRule.OneSection"/>); empty for none or unbounded.</summary>
    public IReadOnlyList<BlockingTerm> Terms { get; }

    /// <summary>Why there is no bound (<see cref="BlockingRule.Unbounded"/>), else null.</summary>
    public string UnboundedReason { get; }

    internal static BlockingBound For(TaskSetIndex x, int task, LevelResources level)
    {
        if (level.Unbounded != null) return new BlockingBound(null, BlockingRule.Unbounded, Array.Empty<BlockingTerm>(), level.Unbounded);
        int p = x.Tasks[task].Priority;
        var stretches = new List<CriticalStretch>();
        for (int l = 0; l < x.Tasks.Length; l++)
            if (x.Tasks[l].Priority > p) stretches.AddRange(CriticalStretch.Find(x, l, level.Blocks));
        stretches.RemoveAll(s => s.Length == 0);
        if (stretches.Count == 0) return new BlockingBound(0, BlockingRule.None, Array.Empty<BlockingTerm>(), null);

        if (level.CeilingOnly(x) && !stretches.Any(s => s.MayWaitInside))
        {
            var longest = Longest(stretches);
            return new BlockingBound(longest.Length, BlockingRule.OneSection, new[] { new BlockingTerm(longest, null) }, null);
        }

        var perTask = stretches.GroupBy(s => s.Task).Select(g => new BlockingTerm(Longest(g), null)).ToList();
        var perResource = new List<BlockingTerm>();
        foreach (var r in x.Resources)
        {
            var holding = stretches.Where(s => s.Resources.Contains(r)).ToList();
            if (holding.Count > 0) perResource.Add(new BlockingTerm(Longest(holding), r));
        }
        long sumTask = perTask.Sum(t => t.Length), sumResource = perResource.Sum(t => t.Length);
        return sumResource < sumTask
            ? new BlockingBound(sumResource, BlockingRule.PerResource, perResource, null)
            : new BlockingBound(sumTask, BlockingRule.PerTask, perTask, null);
    }

    /// <summary>The longest stretch; the first in task and body order among equals.</summary>
    private static CriticalStretch Longest(IEnumerable<CriticalStretch> stretches)
    {
        CriticalStretch best = null;
        foreach (var s in stretches) if (best == null || s.Length > best.Length) best = s;
        return best;
    }
}
