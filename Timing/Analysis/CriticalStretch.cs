namespace NfRt.Timing;

/// <summary>
/// A maximal part of a task's body during which the task holds at least one resource of a given set
/// (docs/spec/timing.md §5.4): it starts with the lock of a resource of the set while the task holds
/// none of them, and ends with that resource's unlock (sections nest properly). <see cref="Length"/>
/// is the compute ticks inside. A less urgent task can delay a job only inside such a stretch, and
/// only inside the one it was in when the job's busy period began.
/// </summary>
public sealed class CriticalStretch
{
    internal CriticalStretch(TaskSpec task, ResourceSpec opening, long length, IReadOnlyList<ResourceSpec> resources, bool mayWaitInside, SourcePosition position)
    {
        Task = task;
        Opening = opening;
        Length = length;
        Resources = resources;
        MayWaitInside = mayWaitInside;
        Position = position;
    }

    /// <summary>The task whose body it is.</summary>
    public TaskSpec Task { get; }

    /// <summary>The resource whose lock opens (and whose unlock closes) the stretch.</summary>
    public ResourceSpec Opening { get; }

    /// <summary>Compute ticks inside the stretch.</summary>
    public long Length { get; }

    /// <summary>The resources of the set locked inside the stretch, the opening one first.</summary>
    public IReadOnlyList<ResourceSpec> Resources { get; }

    /// <summary>True when a lock inside the stretch (after its opening lock) may block.</summary>
    public bool MayWaitInside { get; }

    /// <summary>Where the opening lock was written.</summary>
    public SourcePosition Position { get; }

    /// <summary><c>task:resource</c>, the name used in the analysis output's <c>blockers</c>.</summary>
    public string Name => $"{Task.Name}:{Opening.Name}";

    /// <summary>
    /// The stretches of task <paramref name="t"/> with respect to the resources for which
    /// <paramref name="inSet"/> is true, in body order.
    /// </summary>
    internal static List<CriticalStretch> Find(TaskSetIndex x, int t, Func<int, bool> inSet)
    {
        var list = new List<CriticalStretch>();
        int held = 0;
        long length = 0;
        LockSite opening = null;
        List<ResourceSpec> resources = null;
        bool mayWait = false;
        foreach (var e in x.Events[t])
        {
            switch (e.Kind)
            {
                case BodyEventKind.Compute:
                    if (held > 0) length += e.Ticks;
                    break;
                case BodyEventKind.Lock:
                    if (held > 0 && x.MayBlock[e.Site.Id]) mayWait = true;
                    if (!inSet(e.Site.Resource)) break;
                    if (held++ == 0)
                    {
                        opening = e.Site;
                        length = 0;
                        resources = new List<ResourceSpec>();
                        mayWait = false;
                    }
                    if (!resources.Contains(x.Resources[e.Site.Resource])) resources.Add(x.Resources[e.Site.Resource]);
                    break;
                case BodyEventKind.Unlock:
                    if (!inSet(e.Site.Resource)) break;
                    if (--held == 0)
                        list.Add(new CriticalStretch(x.Tasks[t], x.Resources[opening.Resource], length, resources, mayWait, opening.Position));
                    break;
            }
        }
        return list;
    }
}
