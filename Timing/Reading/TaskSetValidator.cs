namespace NfRt.Timing;

/// <summary>
/// The meaning checks of a task set (docs/spec/timing.md §4.5), for sets read from a file and sets
/// built in code alike: names unique and valid, numbers in range, every lock of a declared resource,
/// no resource locked again inside itself, no lock-order cycle between tasks (<see cref="LockOrderCheck"/>),
/// a given ceiling at least as urgent as every user, at least one compute tick per task.
/// Problems come in file order; the reader reports the first.
/// </summary>
public static class TaskSetValidator
{
    /// <summary>Every problem of <paramref name="set"/>; empty when it is valid.</summary>
    public static IReadOnlyList<TaskSetProblem> Problems(TaskSet set)
    {
        var problems = new List<TaskSetProblem>();
        if (set.Tasks.Count == 0) problems.Add(new(At(SourcePosition.None, "$.tasks"), "a task set needs at least one task"));
        if (set.Tasks.Count > TaskSetLimits.MaxTasks) problems.Add(new(At(SourcePosition.None, "$.tasks"), $"at most {TaskSetLimits.MaxTasks} tasks"));
        if (set.Resources.Count > TaskSetLimits.MaxResources) problems.Add(new(At(SourcePosition.None, "$.resources"), $"at most {TaskSetLimits.MaxResources} resources"));

        var resourceNames = new Dictionary<string, ResourceSpec>(StringComparer.Ordinal);
        for (int i = 0; i < set.Resources.Count; i++)
        {
            var r = set.Resources[i];
            var pos = At(r.Position, $"$.resources[{i}]");
            string why = TaskSetLimits.NameProblem(r.Name);
            if (why != null) problems.Add(new(Sub(pos, "name"), why));
            else if (resourceNames.TryGetValue(r.Name, out var first))
                problems.Add(new(Sub(pos, "name"), $"resource \"{r.Name}\" is declared twice (first at {Describe(first.Position)})"));
            else resourceNames[r.Name] = r;
            if (r.Ceiling is int c && (c < 0 || c > TaskSetLimits.MaxPriority))
                problems.Add(new(Sub(pos, "ceiling"), $"ceiling {c} is outside 0..{TaskSetLimits.MaxPriority}"));
        }

        var taskNames = new Dictionary<string, TaskSpec>(StringComparer.Ordinal);
        for (int i = 0; i < set.Tasks.Count; i++)
        {
            var t = set.Tasks[i];
            var pos = At(t.Position, $"$.tasks[{i}]");
            string why = TaskSetLimits.NameProblem(t.Name);
            if (why != null) problems.Add(new(Sub(pos, "name"), why));
            else if (taskNames.TryGetValue(t.Name, out var first))
                problems.Add(new(Sub(pos, "name"), $"task \"{t.Name}\" is declared twice (first at {Describe(first.Position)})"));
            else taskNames[t.Name] = t;
            if (t.Priority < 0 || t.Priority > TaskSetLimits.MaxPriority)
                problems.Add(new(Sub(pos, "priority"), $"priority {t.Priority} is outside 0..{TaskSetLimits.MaxPriority}"));
            Range(problems, pos, "period", t.Period, 1);
            Range(problems, pos, "deadline", t.Deadline, 1);
            Range(problems, pos, "offset", t.Offset, 0);
            Range(problems, pos, "jitter", t.Jitter, 0);
            CheckBody(problems, set, t.Body, Sub(pos, "body"), new List<(string, SourcePosition)>());
            if (t.Wcet < 1) problems.Add(new(Sub(pos, "body"), $"task \"{t.Name}\" computes 0 ticks; a task needs at least 1 compute tick"));
            else if (t.Wcet > TaskSetLimits.MaxNumber) problems.Add(new(Sub(pos, "body"), $"task \"{t.Name}\" computes {t.Wcet} ticks in all; at most {TaskSetLimits.MaxNumber}"));
        }

        for (int i = 0; i < set.Resources.Count; i++)
        {
            var r = set.Resources[i];
            if (r.Ceiling is not int c) continue;
            foreach (var u in set.UsersOf(r.Name))
                if (u.Priority < c)
                {
                    problems.Add(new(Sub(At(r.Position, $"$.resources[{i}]"), "ceiling"),
                        $"ceiling {c} is less urgent than user \"{u.Name}\" (priority {u.Priority}); the kernel would refuse its lock (CeilingViolated)"));
                    break;
                }
        }

        if (problems.Count == 0)
        {
            var cycle = LockOrderCheck.FindCycle(set);
            if (cycle != null) problems.Add(cycle.Value);
        }
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with the first problem (for sets built in code).</summary>
    public static void ThrowIfInvalid(TaskSet set)
    {
        var p = Problems(set);
        if (p.Count > 0) throw new ArgumentException($"invalid task set \"{set.Name}\": {p[0]}");
    }

    private static void CheckBody(List<TaskSetProblem> problems, TaskSet set, IReadOnlyList<Segment> body, SourcePosition pos, List<(string Name, SourcePosition At)> held)
    {
        for (int k = 0; k < body.Count; k++)
        {
            var sp = At(body[k].Position, $"{pos.JsonPath}[{k}]");
            switch (body[k])
            {
                case ComputeSegment c:
                    if (c.Ticks > TaskSetLimits.MaxNumber) problems.Add(new(Sub(sp, "compute"), $"compute {c.Ticks} is larger than {TaskSetLimits.MaxNumber}"));
                    break;
                case LockSegment l:
                    var lp = Sub(sp, "lock");
                    if (set.Resource(l.Resource) == null)
                        problems.Add(new(lp, $"lock of undeclared resource \"{l.Resource}\" (declare it under \"resources\")"));
                    int again = held.FindIndex(h => h.Name == l.Resource);
                    if (again >= 0)
                        problems.Add(new(lp, $"resource \"{l.Resource}\" is locked again inside itself (already held from {Describe(held[again].At)}); it would deadlock"));
                    if (held.Count >= TaskSetLimits.MaxLockDepth)
                        problems.Add(new(lp, $"locks nest more than {TaskSetLimits.MaxLockDepth} deep"));
                    else
                    {
                        held.Add((l.Resource, lp));
                        CheckBody(problems, set, l.Body, Sub(sp, "body"), held);
                        held.RemoveAt(held.Count - 1);
                    }
                    break;
            }
        }
    }

    private static void Range(List<TaskSetProblem> problems, SourcePosition pos, string key, long value, long min)
    {
        if (value < min) problems.Add(new(Sub(pos, key), value < 0 ? $"{key} {value} must not be negative" : $"{key} must be at least {min}"));
        else if (value > TaskSetLimits.MaxNumber) problems.Add(new(Sub(pos, key), $"{key} {value} is larger than {TaskSetLimits.MaxNumber}"));
    }

    /// <summary>The element's own position, or just <paramref name="path"/> when it was built in code.</summary>
    internal static SourcePosition At(SourcePosition known, string path) => known.IsKnown ? known : new SourcePosition(path, 0, 0);

    /// <summary>
    /// The position of key <paramref name="key"/> of an object: the object's line and column with the
    /// key's path. (The reader checks values where they are written; these checks cover what needs the
    /// whole set, and sets built in code.)
    /// </summary>
    internal static SourcePosition Sub(SourcePosition obj, string key) => new(obj.JsonPath + "." + key, obj.Line, obj.Column);

    private static string Describe(SourcePosition p) => p.IsKnown ? $"{p.JsonPath}, line {p.Line}" : p.JsonPath;
}
