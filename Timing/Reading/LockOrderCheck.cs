namespace NfRt.Timing;

/// <summary>
/// Deadlock check of a task set (docs/spec/timing.md §4.5): a task that locks B while holding A
/// (at any depth) makes the edge A → B. A cycle A1 → A2 → … → A1 whose edges come from pairwise
/// different tasks is a possible deadlock: each of those tasks can hold one resource of the cycle
/// while waiting for the next. Such a set is refused. A cycle made by one task's edges alone cannot
/// deadlock (one task holds only what its own nesting gives it) and is allowed.
/// <para>Search: depth-first over simple cycles, each edge's task used once; at most
/// <see cref="MaxSteps"/> steps, after which the set is refused as too complex to check.</para>
/// </summary>
public static class LockOrderCheck
{
    /// <summary>Most search steps before giving up (the set is then refused).</summary>
    public const int MaxSteps = 1_000_000;

    private readonly record struct Edge(string From, string To, TaskSpec Task, SourcePosition Outer, SourcePosition Inner);

    /// <summary>The problem describing a lock-order cycle between tasks, or null when there is none.</summary>
    public static TaskSetProblem? FindCycle(TaskSet set)
    {
        var edges = new List<Edge>();
        for (int i = 0; i < set.Tasks.Count; i++)
            CollectEdges(set.Tasks[i], set.Tasks[i].Body, $"$.tasks[{i}].body", new List<(string, SourcePosition)>(), edges);
        var byFrom = edges.GroupBy(e => e.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        int steps = 0;
        var path = new List<Edge>();
        var usedTasks = new HashSet<TaskSpec>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in byFrom.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            onPath.Add(start);
            if (Search(start, start, byFrom, path, usedTasks, onPath, ref steps)) return Describe(path);
            onPath.Remove(start);
            if (steps > MaxSteps)
                return new TaskSetProblem(new SourcePosition("$.tasks", 0, 0),
                    $"the lock nesting is too complex to prove free of deadlock (more than {MaxSteps} search steps)");
        }
        return null;
    }

    private static bool Search(string start, string at, Dictionary<string, List<Edge>> byFrom, List<Edge> path,
        HashSet<TaskSpec> usedTasks, HashSet<string> onPath, ref int steps)
    {
        if (!byFrom.TryGetValue(at, out var outgoing)) return false;
        foreach (var e in outgoing)
        {
            if (++steps > MaxSteps) return false;
            if (usedTasks.Contains(e.Task)) continue;
            if (e.To == start)
            {
                if (path.Count == 0) continue;      // one edge alone is not a cycle between tasks
                path.Add(e);
                return true;
            }
            if (onPath.Contains(e.To) || string.CompareOrdinal(e.To, start) < 0) continue;   // each cycle is found from its smallest resource
            path.Add(e);
            usedTasks.Add(e.Task);
            onPath.Add(e.To);
            if (Search(start, e.To, byFrom, path, usedTasks, onPath, ref steps)) return true;
            onPath.Remove(e.To);
            usedTasks.Remove(e.Task);
            path.RemoveAt(path.Count - 1);
        }
        return false;
    }

    private static void CollectEdges(TaskSpec task, IReadOnlyList<Segment> body, string path, List<(string Name, SourcePosition At)> held, List<Edge> edges)
    {
        for (int k = 0; k < body.Count; k++)
        {
            if (body[k] is not LockSegment l) continue;
            var at = TaskSetValidator.At(l.Position, $"{path}[{k}]");
            var lockAt = TaskSetValidator.Sub(at, "lock");
            foreach (var h in held)
                if (h.Name != l.Resource && !edges.Any(e => e.Task == task && e.From == h.Name && e.To == l.Resource))
                    edges.Add(new Edge(h.Name, l.Resource, task, h.At, lockAt));
            held.Add((l.Resource, lockAt));
            CollectEdges(task, l.Body, TaskSetValidator.Sub(at, "body").JsonPath, held, edges);
            held.RemoveAt(held.Count - 1);
        }
    }

    private static TaskSetProblem Describe(List<Edge> cycle)
    {
        var parts = cycle.Select(e => $"\"{e.Task.Name}\" locks \"{e.To}\" while holding \"{e.From}\" ({Where(e.Inner)})");
        var last = cycle[^1];
        return new TaskSetProblem(last.Inner,
            "lock-order cycle between tasks, a possible deadlock: " + string.Join("; ", parts));
    }

    private static string Where(SourcePosition p) => p.IsKnown ? $"{p.JsonPath}, line {p.Line}" : p.JsonPath;
}
