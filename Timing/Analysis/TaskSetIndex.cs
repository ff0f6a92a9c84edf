namespace NfRt.Timing;

/// <summary>
/// What the analysis needs to know about a task set's locking, computed once per set: every lock
/// site, each task's body flattened into events, the users and ceiling of each resource, and which
/// lock sites may block (docs/spec/timing.md §5.4).
/// <para><b>May block.</b> A lock site may make its task wait when its resource is shared with another
/// task and either the resource is <c>inherit</c> or <c>plain</c>, or it is <c>ceiling</c> and (a) some
/// <em>other</em> task may itself wait while holding it (a lock site that may block, nested in one of that
/// task's sections on the resource), or (b) the locking task may run above its own priority by
/// inheritance (it locks a non-plain resource another task may wait on). Without (a) and (b) a ceiling
/// lock never blocks on one CPU: a holder runs at the ceiling or above until it unlocks and is never
/// queued behind a task that could lock the resource (§5.4 gives the argument). Computed as a least
/// fixed point, so lock-order cycles of a single task do no harm.</para>
/// </summary>
internal sealed class TaskSetIndex
{
    public readonly TaskSet Set;
    public readonly TaskSpec[] Tasks;
    public readonly ResourceSpec[] Resources;
    public readonly List<LockSite> Sites = new();
    /// <summary>Per task: its lock sites (pre-order) and its body as events.</summary>
    public readonly List<LockSite>[] SitesOfTask;
    public readonly List<BodyEvent>[] Events;
    /// <summary>Per resource: the tasks locking it (indices), its lock sites, and its ceiling (int.MaxValue: none).</summary>
    public readonly List<int>[] Users;
    public readonly List<LockSite>[] SitesOfResource;
    public readonly int[] Ceiling;
    public readonly bool[] MayBlock;
    public readonly bool[] TaskMayBlock;

    public TaskSetIndex(TaskSet set)
    {
        Set = set;
        Tasks = set.Tasks.ToArray();
        Resources = set.Resources.ToArray();
        var resourceIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < Resources.Length; r++) resourceIndex[Resources[r].Name] = r;
        SitesOfTask = new List<LockSite>[Tasks.Length];
        Events = new List<BodyEvent>[Tasks.Length];
        Users = new List<int>[Resources.Length];
        SitesOfResource = new List<LockSite>[Resources.Length];
        for (int r = 0; r < Resources.Length; r++) { Users[r] = new List<int>(); SitesOfResource[r] = new List<LockSite>(); }
        for (int t = 0; t < Tasks.Length; t++)
        {
            SitesOfTask[t] = new List<LockSite>();
            Events[t] = new List<BodyEvent>();
            Flatten(t, Tasks[t].Body, null, resourceIndex);
        }
        Ceiling = new int[Resources.Length];
        for (int r = 0; r < Resources.Length; r++) Ceiling[r] = set.CeilingOf(Resources[r]) ?? int.MaxValue;

        MayBlock = new bool[Sites.Count];
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var s in Sites)
            {
                if (MayBlock[s.Id] || !IsShared(s.Resource)) continue;
                bool may = Resources[s.Resource].Protocol != LockProtocol.Ceiling
                    || SitesOfResource[s.Resource].Any(o => o.Task != s.Task && o.Descendants.Any(d => MayBlock[d.Id]))
                    || CanBeBoosted(s.Task);
                if (may) { MayBlock[s.Id] = true; changed = true; }
            }
        }
        TaskMayBlock = new bool[Tasks.Length];
        foreach (var s in Sites) if (MayBlock[s.Id]) TaskMayBlock[s.Task] = true;
    }

    /// <summary>
    /// True when task <paramref name="t"/> may run above its own priority by inheritance: it locks a
    /// non-plain resource on which another task's lock may wait (with the current <see cref="MayBlock"/>).
    /// </summary>
    private bool CanBeBoosted(int t) =>
        SitesOfTask[t].Any(a => Resources[a.Resource].Protocol != LockProtocol.Plain
            && SitesOfResource[a.Resource].Any(o => o.Task != t && MayBlock[o.Id]));

    /// <summary>True when two or more tasks lock resource <paramref name="r"/>.</summary>
    public bool IsShared(int r) => Users[r].Count >= 2;

    /// <summary>True when some task locks anything.</summary>
    public bool AnyLocks => Sites.Count > 0;

    private void Flatten(int task, IReadOnlyList<Segment> body, LockSite parent, Dictionary<string, int> resourceIndex)
    {
        foreach (var seg in body)
        {
            if (seg is ComputeSegment c)
            {
                if (c.Ticks > 0) Events[task].Add(new BodyEvent(BodyEventKind.Compute, null, c.Ticks));
                continue;
            }
            var l = (LockSegment)seg;
            var site = new LockSite { Id = Sites.Count, Task = task, Resource = resourceIndex[l.Resource], Parent = parent, Segment = l, Position = l.Position };
            Sites.Add(site);
            SitesOfTask[task].Add(site);
            SitesOfResource[site.Resource].Add(site);
            if (!Users[site.Resource].Contains(task)) Users[site.Resource].Add(task);
            var ancestors = new List<LockSite>();
            for (var a = parent; a != null; a = a.Parent) { a.Descendants.Add(site); ancestors.Add(a); }
            site.Ancestors = ancestors.ToArray();
            Events[task].Add(new BodyEvent(BodyEventKind.Lock, site, 0));
            Flatten(task, l.Body, site, resourceIndex);
            Events[task].Add(new BodyEvent(BodyEventKind.Unlock, site, 0));
        }
    }
}
