using NfRt.Timing;

namespace UnitTests.Timing;

/// <summary>Short constructors for task sets in tests: <c>Task("a", 1, 7, C(3))</c>, <c>L("bus", C(2))</c>.</summary>
internal static class TaskSetBuilder
{
    public static ComputeSegment C(long ticks) => new(ticks);

    public static LockSegment L(string resource, params Segment[] body) => new(resource, body);

    public static TaskSpec Task(string name, int priority, long period, params Segment[] body) => new(name, priority, period, body);

    public static TaskSpec Task(string name, int priority, long period, long? deadline, long jitter, params Segment[] body) =>
        new(name, priority, period, body, deadline, 0, jitter);

    public static ResourceSpec R(string name, LockProtocol protocol, int? ceiling = null) => new(name, protocol, ceiling);

    public static TaskSet Set(params TaskSpec[] tasks) => new("test", Array.Empty<ResourceSpec>(), tasks);

    public static TaskSet Set(ResourceSpec[] resources, params TaskSpec[] tasks) => new("test", resources, tasks);

    /// <summary>The set with every resource switched to <paramref name="protocol"/>.</summary>
    public static TaskSet WithProtocol(TaskSet set, LockProtocol protocol) =>
        new(set.Name, set.Resources.Select(r => new ResourceSpec(r.Name, protocol)).ToArray(), set.Tasks);
}
