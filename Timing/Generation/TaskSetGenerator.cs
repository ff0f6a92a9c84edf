namespace NfRt.Timing;

/// <summary>
/// Random task sets for the campaign (docs/spec/timing.md §7): n tasks with UUniFast utilisations,
/// log-uniform periods, C = max(1, round(u·T)), deadline-monotonic priorities (distinct unless
/// <see cref="GeneratorOptions.EqualPriorityChance"/>), and, for a share of the sets, 1-4 resources
/// with random critical sections, nested in a fixed lock order (so no set can deadlock), under
/// the protocols of <see cref="GeneratorOptions.Protocols"/>. Set k depends only on the options and
/// k: <c>Generate(k)</c> is what the <c>generate</c> command writes as file k, and what a campaign runs.
/// Every set it returns passes <see cref="TaskSetValidator"/>.
/// </summary>
public sealed class TaskSetGenerator
{
    /// <summary>A generator; throws <see cref="ArgumentException"/> when <paramref name="options"/> have a problem.</summary>
    public TaskSetGenerator(GeneratorOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        string why = options.Problem();
        if (why != null) throw new ArgumentException(why, nameof(options));
    }

    /// <summary>The options.</summary>
    public GeneratorOptions Options { get; }

    /// <summary>The name of set <paramref name="index"/>: <c>gen-SEED-INDEX</c> (index with 5 digits).</summary>
    public string NameOf(long index) => $"gen-{Options.Seed}-{index:D5}";

    /// <summary>Sets 0 .. <paramref name="count"/>−1.</summary>
    public IEnumerable<TaskSet> GenerateMany(int count)
    {
        for (int k = 0; k < count; k++) yield return Generate(k);
    }

    /// <summary>Set number <paramref name="index"/> (0-based).</summary>
    public TaskSet Generate(long index)
    {
        var o = Options;
        var rng = SplitMix64.ForItem(o.Seed, index);
        int n = rng.NextInt(o.MinTasks, o.MaxTasks);
        double total = o.MinUtilization + (o.MaxUtilization - o.MinUtilization) * rng.NextDouble();
        var u = UUniFast.Draw(rng, n, total);
        var drafts = new List<Draft>();
        double lnMin = PortableMath.Log(o.MinPeriod), lnMax = PortableMath.Log(o.MaxPeriod + 1);
        for (int i = 0; i < n; i++)
        {
            long period = Math.Clamp((long)PortableMath.Exp(lnMin + (lnMax - lnMin) * rng.NextDouble()), o.MinPeriod, o.MaxPeriod);
            long c = Math.Clamp((long)Math.Round(u[i] * period, MidpointRounding.AwayFromZero), 1, period);
            long deadline = o.Deadlines switch
            {
                DeadlineMode.Constrained => rng.NextLong(c, period),
                DeadlineMode.Arbitrary => rng.NextLong(c, 3 * period),
                _ => period,
            };
            long jitter = o.MaxJitterShare > 0 ? rng.NextLong(0, (long)(o.MaxJitterShare * period)) : 0;
            long offset = o.MaxOffsetShare > 0 ? rng.NextLong(0, (long)(o.MaxOffsetShare * period)) : 0;
            var overrun = rng.Chance(o.CatchUpChance) ? OverrunPolicy.CatchUp : OverrunPolicy.Skip;
            drafts.Add(new Draft { Index = i, Period = period, Wcet = c, Deadline = deadline, Jitter = jitter, Offset = offset, Overrun = overrun });
        }

        var order = drafts.OrderBy(d => d.Deadline).ThenBy(d => d.Period).ThenBy(d => d.Index).ToList();
        int priority = 1;
        for (int r = 0; r < order.Count; r++)
        {
            if (r > 0 && !rng.Chance(o.EqualPriorityChance)) priority++;
            order[r].Priority = priority;
        }

        var resources = new List<ResourceSpec>();
        if (!rng.Chance(o.ResourceFreeShare))
        {
            int m = rng.NextInt(o.MinResources, o.MaxResources);
            var setProtocol = o.Protocols switch
            {
                ProtocolMix.Inherit => (LockProtocol?)LockProtocol.Inherit,
                ProtocolMix.Ceiling => LockProtocol.Ceiling,
                ProtocolMix.Plain => LockProtocol.Plain,
                ProtocolMix.Mixed => null,
                _ => rng.NextInt(0, 3) switch { 0 => LockProtocol.Inherit, 1 => LockProtocol.Ceiling, 2 => LockProtocol.Plain, _ => (LockProtocol?)null },
            };
            for (int r = 0; r < m; r++)
                resources.Add(new ResourceSpec($"r{r + 1}", setProtocol ?? (LockProtocol)rng.NextInt(0, 2)));
        }

        var tasks = new List<TaskSpec>();
        foreach (var d in drafts)
        {
            var body = resources.Count > 0 && rng.Chance(o.LockingShare) ? Body(rng, d.Wcet, resources.Count) : new List<Segment> { new ComputeSegment(d.Wcet) };
            tasks.Add(new TaskSpec($"t{d.Index + 1}", d.Priority, d.Period, body,
                o.Deadlines == DeadlineMode.Implicit ? null : d.Deadline, d.Offset, d.Jitter, d.Overrun));
        }
        return new TaskSet(NameOf(index), resources, tasks);
    }

    /// <summary>C ticks split into compute steps and 1-2 critical sections (each at most MaxSectionShare of C, possibly nested).</summary>
    private List<Segment> Body(SplitMix64 rng, long c, int resources)
    {
        var body = new List<Segment>();
        long remaining = c;
        int sections = rng.NextInt(1, 2);
        long longest = Math.Max(1, (long)(c * Options.MaxSectionShare));
        for (int s = 0; s < sections && remaining > 0; s++)
        {
            long length = rng.NextLong(1, Math.Min(remaining, longest));
            long gap = rng.NextLong(0, (remaining - length) / 2);
            if (gap > 0) body.Add(new ComputeSegment(gap));
            body.Add(Section(rng, rng.NextInt(0, resources - 1), length, resources, 1));
            remaining -= gap + length;
        }
        if (remaining > 0) body.Add(new ComputeSegment(remaining));
        return body;
    }

    /// <summary>A section of <paramref name="length"/> ticks on resource <paramref name="r"/>; a nested one only on a later resource (the fixed lock order).</summary>
    private Segment Section(SplitMix64 rng, int r, long length, int resources, int depth)
    {
        string name = $"r{r + 1}";
        if (r + 1 < resources && length >= 2 && depth < 3 && rng.Chance(Options.NestingChance))
        {
            long inner = rng.NextLong(1, length - 1);
            long before = rng.NextLong(0, length - inner);
            var body = new List<Segment>();
            if (before > 0) body.Add(new ComputeSegment(before));
            body.Add(Section(rng, rng.NextInt(r + 1, resources - 1), inner, resources, depth + 1));
            if (length - inner - before > 0) body.Add(new ComputeSegment(length - inner - before));
            return new LockSegment(name, body);
        }
        return new LockSegment(name, new List<Segment> { new ComputeSegment(length) });
    }

    private sealed class Draft
    {
        public int Index, Priority;
        public long Period, Wcet, Deadline, Jitter, Offset;
        public OverrunPolicy Overrun;
    }
}
