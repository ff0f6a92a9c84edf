using NfRt.Timing;

namespace NfRt.Harness;

/// <summary>
/// The task-set file's model (<see cref="TaskSet"/>, docs/spec/timing.md §4) as a <see cref="SimTaskSet"/> for
/// <see cref="TaskSetRunner"/>: same names, priorities, periods, deadlines, offsets, overrun policies and bodies, in
/// the same order; each protocol maps to its kernel object (§4.2). Jitter is not part of a <see cref="SimTaskSet"/>:
/// <see cref="TaskSetSimulation"/> applies it through the runner's jitter callback.
/// </summary>
public static class SimTaskSets
{
    /// <summary>Converts <paramref name="set"/> (a valid set: read by <c>TaskSetReader</c>, made by the generator or checked by <c>TaskSetValidator</c>).</summary>
    public static SimTaskSet From(TaskSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var resources = set.Resources.Select(r => new SimResource(r.Name, r.Protocol switch
        {
            LockProtocol.Inherit => SimProtocol.Inherit,
            LockProtocol.Ceiling => SimProtocol.Ceiling,
            _ => SimProtocol.Plain,
        }, r.Protocol == LockProtocol.Ceiling ? set.CeilingOf(r) : null)).ToList();
        var tasks = set.Tasks.Select(t => new SimTask(t.Name, t.Priority, checked((int)t.Period), Body(t.Body), checked((int)t.Deadline), checked((int)t.Offset),
            t.Overrun == NfRt.Timing.OverrunPolicy.CatchUp ? NfRt.Kernel.OverrunPolicy.CatchUp : NfRt.Kernel.OverrunPolicy.Skip)).ToList();
        return new SimTaskSet(set.Name, resources, tasks);
    }

    private static IReadOnlyList<SimSegment> Body(IReadOnlyList<Segment> body) =>
        body.Select(s => s switch
        {
            ComputeSegment c => (SimSegment)new SimCompute(c.Ticks),
            LockSegment l => new SimLock(l.Resource, Body(l.Body)),
            _ => throw new ArgumentException($"unknown step {s.GetType().Name}"),
        }).ToList();
}
