namespace NfRt.Timing;

/// <summary>
/// A task set (docs/spec/timing.md §4): a name, the resources, the tasks. Built by
/// <see cref="TaskSetReader"/> from a file or by <see cref="TaskSetGenerator"/>; the same object
/// is analysed (<see cref="ResponseTimeAnalysis"/>) and simulated on the kernel. Immutable.
/// Lookups (<see cref="Resource"/>, <see cref="CeilingOf"/>, <see cref="UsersOf"/>) assume a set
/// that <see cref="TaskSetValidator"/> accepted.
/// </summary>
public sealed class TaskSet
{
    private readonly Dictionary<string, ResourceSpec> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TaskSpec>> _users = new(StringComparer.Ordinal);

    /// <summary>A task set; nothing is checked here (see <see cref="TaskSetValidator"/>).</summary>
    public TaskSet(string name, IReadOnlyList<ResourceSpec> resources, IReadOnlyList<TaskSpec> tasks)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Resources = resources ?? throw new ArgumentNullException(nameof(resources));
        Tasks = tasks ?? throw new ArgumentNullException(nameof(tasks));
        foreach (var r in Resources) _resources.TryAdd(r.Name, r);
        foreach (var t in Tasks)
            foreach (var name2 in LockedResources(t.Body))
            {
                if (!_users.TryGetValue(name2, out var list)) _users[name2] = list = new List<TaskSpec>();
                if (!list.Contains(t)) list.Add(t);
            }
    }

    /// <summary>The set's name (the file's <c>"name"</c>, or the file name without extension).</summary>
    public string Name { get; }

    /// <summary>The declared resources, in file order.</summary>
    public IReadOnlyList<ResourceSpec> Resources { get; }

    /// <summary>The tasks, in file order.</summary>
    public IReadOnlyList<TaskSpec> Tasks { get; }

    /// <summary>The resource named <paramref name="name"/>, or null.</summary>
    public ResourceSpec Resource(string name) => name != null && _resources.TryGetValue(name, out var r) ? r : null;

    /// <summary>The tasks whose body locks <paramref name="resource"/> somewhere (file order); empty when none.</summary>
    public IReadOnlyList<TaskSpec> UsersOf(string resource) =>
        resource != null && _users.TryGetValue(resource, out var list) ? list : Array.Empty<TaskSpec>();

    /// <summary>
    /// The ceiling in force for a ceiling resource: the explicit <c>"ceiling"</c>, else the most urgent
    /// (lowest) priority among its users; null for other protocols and for an unused resource without one.
    /// </summary>
    public int? CeilingOf(ResourceSpec resource)
    {
        if (resource == null || resource.Protocol != LockProtocol.Ceiling) return null;
        if (resource.Ceiling != null) return resource.Ceiling;
        int? best = null;
        foreach (var t in UsersOf(resource.Name))
            if (best == null || t.Priority < best) best = t.Priority;
        return best;
    }

    /// <summary>True when no task locks anything.</summary>
    public bool IsResourceFree => _users.Count == 0;

    /// <summary>Every resource name locked in <paramref name="body"/>, nested ones included, in order of appearance (repeats possible).</summary>
    public static IEnumerable<string> LockedResources(IReadOnlyList<Segment> body)
    {
        foreach (var s in body)
            if (s is LockSegment l)
            {
                yield return l.Resource;
                foreach (var inner in LockedResources(l.Body)) yield return inner;
            }
    }
}
