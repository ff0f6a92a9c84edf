using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>
/// Round-robin time slicing among equal priorities, exact interleavings from the trace, and
/// the rule that a cooperative task is never preempted by another task: not by a more urgent
/// one, not by the tick, not by the end of a time slice.
/// </summary>
public class UnitTestRoundRobin
{
    private static List<long> SwitchTicks(SimKernel s) =>
        s.Trace.Events.Where(e => e.Kind == TraceKind.Switch && e.Task != 0).Select(e => e.Tick).ToList();

    /// <summary>
    /// A, B, C at priority 5, slice 2, each Busy(4) (ids 1, 2, 3):
    /// 1. A runs ticks 1-2, its slice ends, it goes behind B and C.
    /// 2. B runs ticks 3-4, C runs 5-6, A 7-8, B 9-10, C 11-12.
    /// 3. At tick 12 everybody has burnt 4 ticks: A, B, C return from Busy in queue order.
    /// </summary>
    [Fact]
    public void Three_equal_tasks_with_slice_2_interleave_round_robin()
    {
        using var s = new SimKernel();
        foreach (var n in new[] { "A", "B", "C" })
            s.Task(n, 5, () => { s.K.Busy(4); s.Log.Add(n + " done@" + s.K.Now); }, slice: 2);
        s.Run();
        Assert.Equal(new[] { 1, 2, 3, 1, 2, 3, 1, 2, 3 }, s.Trace.SwitchOrder());
        Assert.Equal(new long[] { 0, 2, 4, 6, 8, 10, 12, 12, 12 }, SwitchTicks(s));
        Assert.Equal(new[] { "A done@12", "B done@12", "C done@12" }, s.Log);
        // Slice expiry is not a preemption: the task went behind its equals by itself.
        Assert.Equal(0, s.K.Preemptions);
        for (int id = 1; id <= 3; id++) Assert.Equal(4, s.K.TaskById(id).RunTicks);
    }

    /// <summary>
    /// A Busy(3), B Busy(5), slice 2, priority 5:
    /// 1. A ticks 1-2, B ticks 3-4, A tick 5 and A exits with one slice tick unused.
    /// 2. B gets a fresh slice; at tick 7 its slice ends with nobody else at its level, so it keeps the CPU.
    /// 3. B finishes at tick 8.
    /// </summary>
    [Fact]
    public void Two_equal_tasks_of_different_lengths_and_a_lone_task_keeps_its_level()
    {
        using var s = new SimKernel();
        s.Task("A", 5, () => { s.K.Busy(3); s.Log.Add("A done@" + s.K.Now); }, slice: 2);
        s.Task("B", 5, () => { s.K.Busy(5); s.Log.Add("B done@" + s.K.Now); }, slice: 2);
        s.Run();
        Assert.Equal(new[] { 1, 2, 1, 2 }, s.Trace.SwitchOrder());
        Assert.Equal(new long[] { 0, 2, 4, 5 }, SwitchTicks(s));
        Assert.Equal(new[] { "A done@5", "B done@8" }, s.Log);
    }

    /// <summary>
    /// A, B at priority 5 with slice 3 (ids 1, 2); H (id 3, priority 1) sleeps 1 tick.
    /// 1. H runs first and sleeps; A starts its slice at tick 0.
    /// 2. Tick 1: H wakes and preempts A (A goes to the HEAD of level 5, keeping 2 slice ticks).
    /// 3. H exits; A (not B) resumes and uses its remaining 2 ticks: slice ends at tick 3, B runs.
    /// 4. B Busy(2) ends at tick 5; A gets a fresh slice and finishes its 4th tick at 6.
    /// </summary>
    [Fact]
    public void Preempted_task_resumes_first_among_equals_with_the_rest_of_its_slice()
    {
        using var s = new SimKernel();
        s.Task("A", 5, () => { s.K.Busy(4); s.Log.Add("A done@" + s.K.Now); }, slice: 3);
        s.Task("B", 5, () => { s.K.Busy(2); s.Log.Add("B done@" + s.K.Now); }, slice: 3);
        s.Task("H", 1, () => { s.K.Sleep(1); s.Log.Add("H@" + s.K.Now); });
        s.Run();
        Assert.Equal(new[] { 3, 1, 3, 1, 2, 1 }, s.Trace.SwitchOrder());
        Assert.Equal(new long[] { 0, 0, 1, 1, 3, 5 }, SwitchTicks(s));
        Assert.Equal(new[] { "H@1", "B done@5", "A done@6" }, s.Log);
        var preempt = Assert.Single(s.Trace.Events, e => e.Kind == TraceKind.Preempt);
        Assert.Equal(1, preempt.Task);   // A was preempted ...
        Assert.Equal(3, preempt.A);      // ... by H
        Assert.Equal(1L, preempt.Tick);
    }

    /// <summary>
    /// C (cooperative, priority 5, slice 1) and D (priority 5, slice 1); H (priority 1) sleeps 2 ticks.
    /// 1. H sleeps; C runs Busy(4): its slice "ends" every tick and H wakes at tick 2, but C keeps the CPU.
    /// 2. C exits at tick 4: H (more urgent) runs, then D.
    /// </summary>
    [Fact]
    public void Cooperative_task_is_not_preempted_by_the_tick_nor_by_its_time_slice()
    {
        using var s = new SimKernel();
        var c = s.Task("C", 5, () => { s.K.Busy(4); s.Log.Add("C done@" + s.K.Now); }, TaskOptions.Cooperative, slice: 1);
        s.Task("D", 5, () => s.Log.Add("D@" + s.K.Now), slice: 1);
        s.Task("H", 1, () => { s.K.Sleep(2); s.Log.Add("H@" + s.K.Now); });
        s.Run();
        Assert.Equal(new[] { "C done@4", "H@4", "D@4" }, s.Log);
        Assert.Equal(new[] { 3, 1, 3, 2 }, s.Trace.SwitchOrder());
        Assert.Equal(0, c.Preemptions);
        Assert.Equal(0, s.K.Preemptions);
        // H was made ready at tick 2 while C kept running.
        var wake = Assert.Single(s.Trace.Events, e => e.Kind == TraceKind.Wake && e.Task == 3);
        Assert.Equal(2L, wake.Tick);
    }

    /// <summary>
    /// Two cooperative tasks at one level with slices: each runs its whole Busy, then the other.
    /// </summary>
    [Fact]
    public void Cooperative_equals_run_to_completion_in_fifo_order()
    {
        using var s = new SimKernel(timeSlice: 1);
        s.Task("C1", 4, () => { s.K.Busy(3); s.Log.Add("C1@" + s.K.Now); }, TaskOptions.Cooperative, slice: 1);
        s.Task("C2", 4, () => { s.K.Busy(3); s.Log.Add("C2@" + s.K.Now); }, TaskOptions.Cooperative, slice: 1);
        s.Run();
        Assert.Equal(new[] { "C1@3", "C2@6" }, s.Log);
        Assert.Equal(new[] { 1, 2 }, s.Trace.SwitchOrder());
    }

    /// <summary>
    /// The configured default slice applies to tasks created with <see cref="Scheduler.CreateTask(string,int,TaskBody)"/>.
    /// </summary>
    [Fact]
    public void Default_time_slice_from_the_config_applies()
    {
        using var s = new SimKernel(timeSlice: 1);
        var a = s.K.CreateTask("A", 5, () => { s.K.Busy(2); s.Log.Add("A@" + s.K.Now); });
        var b = s.K.CreateTask("B", 5, () => { s.K.Busy(2); s.Log.Add("B@" + s.K.Now); });
        Assert.Equal(1, a.TimeSlice);
        Assert.Equal(1, b.TimeSlice);
        s.Run();
        // A 1, B 2, A 3, B 4 (B's slice ends together with its Busy: it goes behind A), then A and B return.
        Assert.Equal(new[] { 1, 2, 1, 2, 1, 2 }, s.Trace.SwitchOrder());
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 4 }, SwitchTicks(s));
        Assert.Equal(new[] { "A@4", "B@4" }, s.Log);
    }
}
