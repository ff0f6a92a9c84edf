namespace NfRt.Timing;

/// <summary>The value ranges a task-set file must respect (docs/spec/timing.md §4.5).</summary>
public static class TaskSetLimits
{
    /// <summary>Largest priority: the kernel has at most 1024 levels (0 .. 1023).</summary>
    public const int MaxPriority = 1023;

    /// <summary>Largest number anywhere (ticks, priorities): int.MaxValue, what the kernel's <c>Busy</c> and timeouts take.</summary>
    public const long MaxNumber = int.MaxValue;

    /// <summary>Longest task or resource name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Deepest nesting of lock steps inside one another.</summary>
    public const int MaxLockDepth = 16;

    /// <summary>Most tasks in one set.</summary>
    public const int MaxTasks = 256;

    /// <summary>Most resources in one set.</summary>
    public const int MaxResources = 64;

    /// <summary>
    /// Why <paramref name="name"/> is not a valid task or resource name, or null. A name is 1 to
    /// <see cref="MaxNameLength"/> characters, without control characters, and without <c>':'</c>
    /// (the analysis names a critical section <c>task:resource</c>).
    /// </summary>
    public static string NameProblem(string name)
    {
        if (string.IsNullOrEmpty(name)) return "a name must not be empty";
        if (name.Length > MaxNameLength) return $"a name has at most {MaxNameLength} characters";
        foreach (char c in name)
        {
            if (char.IsControl(c)) return "a name must not contain control characters";
            if (c == ':') return "a name must not contain ':' (critical sections are named task:resource)";
        }
        return null;
    }
}
