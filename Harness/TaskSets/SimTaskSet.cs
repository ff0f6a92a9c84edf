using NfRt.Kernel;

namespace NfRt.Harness;

/// <summary>How a resource of a <see cref="SimTaskSet"/> is locked (the task-set format's <c>protocol</c>).</summary>
public enum SimProtocol
{
    /// <summary><c>inherit</c>: an <see cref="NfRt.Sync.RtMutex"/> (priority inheritance).</summary>
    Inherit,
    /// <summary><c>ceiling</c>: an <see cref="NfRt.Sync.RtMutex"/> with the immediate priority ceiling option.</summary>
    Ceiling,
    /// <summary><c>plain</c>: a lock without inheritance (<see cref="PlainLock"/>), to show unbounded inversion.</summary>
    Plain,
}

/// <summary>A resource: a name, a protocol and, for <see cref="SimProtocol.Ceiling"/>, the ceiling (null: the most urgent priority among the tasks that lock it).</summary>
public sealed record SimResource(string Name, SimProtocol Protocol, int? Ceiling = null);

/// <summary>One step of a job's body.</summary>
public abstract record SimSegment;

/// <summary><c>{"compute": n}</c>: burns exactly n ticks of CPU with <c>Busy(n)</c> (preemptible at every tick).</summary>
public sealed record SimCompute(long Ticks) : SimSegment;

/// <summary><c>{"lock": R, "body": [...]}</c>: locks R, runs the inner body, unlocks R (no virtual time for lock and unlock).</summary>
public sealed record SimLock(string Resource, IReadOnlyList<SimSegment> Body) : SimSegment;

/// <summary>
/// A periodic task: released at <c>Offset + k·Period</c> (a phasing may override the offset), with a relative
/// deadline (0: the period), a priority (lower = more urgent), an overrun policy and a body.
/// </summary>
public sealed record SimTask(string Name, int Priority, int Period, IReadOnlyList<SimSegment> Body, int Deadline = 0, int Offset = 0,
    OverrunPolicy Overrun = OverrunPolicy.Skip);

/// <summary>An in-memory task set for <see cref="TaskSetRunner"/>: resources and tasks (in this order: task ids follow it).</summary>
public sealed record SimTaskSet(string Name, IReadOnlyList<SimResource> Resources, IReadOnlyList<SimTask> Tasks)
{
    /// <summary>The ceiling in force for <paramref name="r"/>: its own, or the most urgent priority of the tasks that lock it (null: nobody does).</summary>
    public int? CeilingOf(SimResource r)
    {
        if (r.Ceiling != null) return r.Ceiling;
        int? best = null;
        foreach (var t in Tasks)
            if (Locks(t.Body, r.Name) && (best == null || t.Priority < best)) best = t.Priority;
        return best;
    }

    private static bool Locks(IReadOnlyList<SimSegment> body, string resource) =>
        body.Any(s => s is SimLock l && (l.Resource == resource || Locks(l.Body, resource)));
}
