using NfRt.Kernel;
using NfRt.Scheduling;

namespace UnitTests.Timing;

/// <summary>
/// Periodic tasks on the simulated board (docs/spec/scheduler.md §33), with exact tick values:
/// drift-free releases, the time rules (a job completes at the end of its last tick; a release at t
/// happens at the start of tick t), deadline misses, skip and catch-up, and the refusals.
/// </summary>
public class UnitTestPeriodicTasks
{
    /// <summary>
    /// P (T = 5, C = 2, offset 3) alone for 20 ticks: jobs start at 3, 8, 13, 18; every response is 2, every
    /// report Ok; at tick 20 the fourth job has completed and P waits for the release at 23.
    /// </summary>
    [Fact]
    public void Releases_are_offset_plus_k_periods()
    {
        using var s = new SimKernel();
        var p = new PeriodicProbe(s, "P", 5, period: 5, compute: 2, offset: 3);
        s.Ticks(20);
        Assert.Equal(new long[] { 3, 8, 13, 18 }, p.Starts);
        Assert.All(p.Reports, r => Assert.Equal(KernelStatus.Ok, r));
        var st = p.Stats();
        Assert.Equal(4, st.JobsReleased);
        Assert.Equal(4, st.JobsCompleted);
        Assert.Equal(2, st.WorstResponse);
        Assert.Equal(2, st.LastResponse);
        Assert.Equal(0, st.DeadlinesMissed);
        Assert.False(st.JobInProgress);
        Assert.Equal(-1, st.JobRelease);
        Assert.Equal(23, st.NextRelease);
        Assert.Equal(8, st.CpuTicks);
        Assert.Equal(20, st.ReadAt);
    }

    /// <summary>
    /// Drift-free: P (T = 4, C = 1, priority 10) is delayed by H (priority 1), which burns 6 ticks from
    /// tick 5. P's job released at 4 starts at 4; the one released at 8 starts only at 11 (H runs 5..11),
    /// yet the next ones start at 12 and 16 — the late start shifted nothing.
    /// </summary>
    [Fact]
    public void A_late_job_does_not_shift_later_releases()
    {
        using var s = new SimKernel();
        var p = new PeriodicProbe(s, "P", 10, period: 4, compute: 1, overrun: OverrunPolicy.CatchUp);
        s.Task("H", 1, () => { s.K.Sleep(5); s.K.Busy(6); });
        s.Ticks(18);
        Assert.Equal(new long[] { 0, 4, 11, 12, 16 }, p.Starts);
        var st = p.Stats();
        Assert.Equal(4, st.WorstResponse);       // the job released at 8 completes at 12
        Assert.Equal(0, st.DeadlinesMissed);     // 12 <= 8 + 4
    }

    /// <summary>
    /// The textbook set (C, T) = (1, 4), (2, 6), (3, 12), priorities by rate, released together at 0 (the
    /// critical instant): worst responses are exactly the response-time analysis values 1, 3 and 10
    /// (R3: 3 → 6 → 7 → 9 → 10 → 10), over two hyperperiods. M's job released at 6 completes at 8, when
    /// H is released: its response is 2, not 3 (the release at 8 does not delay a completion at 8).
    /// </summary>
    [Fact]
    public void Synchronous_release_meets_the_analysed_worst_responses_exactly()
    {
        using var s = new SimKernel();
        var h = new PeriodicProbe(s, "H", 1, period: 4, compute: 1);
        var m = new PeriodicProbe(s, "M", 2, period: 6, compute: 2);
        var l = new PeriodicProbe(s, "L", 3, period: 12, compute: 3);
        s.Ticks(24);
        Assert.Equal(1, h.Stats().WorstResponse);
        Assert.Equal(3, m.Stats().WorstResponse);
        Assert.Equal(10, l.Stats().WorstResponse);
        Assert.Equal(new long[] { 0, 4, 8, 12, 16, 20, 24 }, h.Starts);   // the job released at 24 has just started
        Assert.Equal(6, h.Stats().JobsCompleted);
        Assert.Equal(4, m.Stats().JobsCompleted);
        Assert.Equal(2, l.Stats().JobsCompleted);
        var mj = s.Trace.Events.Where(e => e.Kind == TraceKind.JobEnd && e.Task == m.Task.Id).Select(e => (e.A, e.B)).ToList();
        Assert.Equal(new[] { (3, 3), (2, 8), (3, 15), (2, 20) }, mj);
        Assert.Equal(0, h.Stats().DeadlinesMissed + m.Stats().DeadlinesMissed + l.Stats().DeadlinesMissed);
    }

    /// <summary>
    /// L (T = 10, C = 3) runs 0..3; H (offset 3) is released at 3, the tick L's last tick ends. L is complete
    /// at 3: response 3, not 3 + H's 2 ticks, although L only reaches WaitForNextPeriod after H.
    /// </summary>
    [Fact]
    public void Completion_at_a_release_tick_is_not_delayed_by_that_release()
    {
        using var s = new SimKernel();
        var l = new PeriodicProbe(s, "L", 10, period: 10, compute: 3, deadline: 3);
        var h = new PeriodicProbe(s, "H", 1, period: 10, compute: 2, offset: 3);
        s.Ticks(12);
        Assert.Equal(3, l.Stats().WorstResponse);
        Assert.Equal(0, l.Stats().DeadlinesMissed);
        Assert.Equal(new long[] { 0, 10 }, l.Starts);
        Assert.Equal(KernelStatus.Ok, l.Reports.Single());
        Assert.Equal(new long[] { 3 }, h.Starts);
    }

    /// <summary>
    /// P (T = 5, D = 2, C = 3): every job completes one tick late. Each WaitForNextPeriod after a job returns
    /// DeadlineMissed; misses are counted; each has a JobEnd and a DeadlineMiss event (A = response 3, B = D 2).
    /// </summary>
    [Fact]
    public void A_late_job_is_reported_counted_and_traced()
    {
        using var s = new SimKernel();
        var p = new PeriodicProbe(s, "P", 5, period: 5, compute: 3, deadline: 2);
        s.Ticks(16);
        Assert.Equal(new long[] { 0, 5, 10, 15 }, p.Starts);
        Assert.Equal(new[] { KernelStatus.DeadlineMissed, KernelStatus.DeadlineMissed, KernelStatus.DeadlineMissed }, p.Reports);
        var st = p.Stats();
        Assert.Equal(3, st.DeadlinesMissed);
        Assert.Equal(3, st.JobsCompleted);
        Assert.Equal(2, st.Deadline);
        var misses = s.Trace.Events.Where(e => e.Kind == TraceKind.DeadlineMiss).ToList();
        Assert.Equal(3, misses.Count);
        Assert.All(misses, e => Assert.Equal((p.Task.Id, 3, 2), (e.Task, e.A, e.B)));
        Assert.Equal(new long[] { 3, 8, 13 }, misses.Select(e => e.Tick));
    }

    /// <summary>
    /// A deadline longer than the period: P (T = 4, D = 10), job 1 takes 7 ticks (4..11): it meets its deadline
    /// (11 <= 14) with catch-up, and the job released at 8 starts at 11 and completes at 12 (response 4).
    /// </summary>
    [Fact]
    public void A_deadline_longer_than_the_period_is_met_late_in_the_period()
    {
        using var s = new SimKernel();
        var p = new PeriodicProbe(s, "P", 5, new PeriodicOptions { Period = 4, Deadline = 10, Overrun = OverrunPolicy.CatchUp }, j => j == 1 ? 7 : 1);
        s.Ticks(14);
        Assert.Equal(new long[] { 0, 4, 11, 12 }, p.Starts);
        Assert.All(p.Reports, r => Assert.Equal(KernelStatus.Ok, r));
        Assert.Equal(7, p.Stats().WorstResponse);
    }

    /// <summary>
    /// Skip: P (T = 4, C = 1; job 1 takes 10 ticks, 4..14). Releases 8 and 12 passed before 14: skipped (2); the
    /// next job is released at 16. Reports: Ok, DeadlineMissed (14 > 8), Ok. The Release event of the job at 16
    /// says B = 2 skipped.
    /// </summary>
    [Fact]
    public void Skip_drops_the_releases_that_passed_during_an_overrun()
    {
        using var s = new SimKernel();
        var p = new PeriodicProbe(s, "P", 5, new PeriodicOptions { Period = 4 }, j => j == 1 ? 10 : 1);
        s.Ticks(22);
        Assert.Equal(new long[] { 0, 4, 16, 20 }, p.Starts);
        Assert.Equal(new[] { KernelStatus.Ok, KernelStatus.DeadlineMissed, KernelStatus.Ok }, p.Reports);
        var st = p.Stats();
        Assert.Equal(2, st.ReleasesSkipped);
        Assert.Equal(4, st.JobsReleased);
        Assert.Equal(1, st.DeadlinesMissed);
        Assert.Equal(10, st.WorstResponse);
        var releases = s.Trace.Events.Where(e => e.Kind == TraceKind.Release).Select(e => (e.A, e.B)).ToList();
        Assert.Equal(new[] { (0, 0), (4, 0), (16, 2), (20, 0) }, releases);
    }

    /// <summary>
    /// Catch-up, same overrun: the jobs released at 8 and 12 start back to back at 14 and 15 (responses 7 and 4:
    /// the first late, the second on time since 16 <= 16), then the task is on time again at 16.
    /// </summary>
    [Fact]
    public void Catch_up_runs_every_release_back_to_back()
    {
        using var s = new SimKernel();
        var p = new PeriodicProbe(s, "P", 5, new PeriodicOptions { Period = 4, Overrun = OverrunPolicy.CatchUp }, j => j == 1 ? 10 : 1);
        s.Ticks(22);
        Assert.Equal(new long[] { 0, 4, 14, 15, 16, 20 }, p.Starts);
        Assert.Equal(new[] { KernelStatus.Ok, KernelStatus.DeadlineMissed, KernelStatus.DeadlineMissed, KernelStatus.Ok, KernelStatus.Ok }, p.Reports);
        var st = p.Stats();
        Assert.Equal(0, st.ReleasesSkipped);
        Assert.Equal(2, st.DeadlinesMissed);
        var releases = s.Trace.Events.Where(e => e.Kind == TraceKind.Release).Select(e => e.A).ToList();
        Assert.Equal(new[] { 0, 4, 8, 12, 16, 20 }, releases);
        var responses = s.Trace.Events.Where(e => e.Kind == TraceKind.JobEnd).Select(e => e.A).ToList();
        Assert.Equal(new[] { 1, 10, 7, 4, 1, 1 }, responses);
    }

    /// <summary>
    /// A job that ends on a wait: P (T = 10) burns 1 tick, then waits for an event the driver signals at 6;
    /// it completes at 6 (response 6), not at the end of its last tick.
    /// </summary>
    [Fact]
    public void A_job_that_ends_on_a_wait_completes_when_the_wait_ends()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        var p = new PeriodicProbe(s, "P", 5, new PeriodicOptions { Period = 10 }, _ => 1, job => { if (job == 0) Assert.Equal(KernelStatus.Ok, ev.Wait(-1)); });
        s.Ticks(6);
        Assert.Equal(KernelStatus.Ok, ev.Signal());
        s.Ticks(6);
        Assert.Equal(7, p.Stats().WorstResponse);   // waited 0..6, then its tick 6..7
    }

    /// <summary>
    /// Refusals change nothing: bad options (each field) → InvalidArgument, no task; WaitForNextPeriod from a
    /// task that is not periodic → WrongState, from the driver → WrongContext; ReadStatistics with nulls →
    /// InvalidArgument.
    /// </summary>
    [Fact]
    public void Bad_periodic_calls_are_refused_and_change_nothing()
    {
        using var s = new SimKernel();
        foreach (var bad in new[]
                 {
                     new PeriodicOptions { Period = 0 }, new PeriodicOptions { Period = 5, Deadline = -1 },
                     new PeriodicOptions { Period = 5, Offset = -2 }, new PeriodicOptions { Period = 5, Overrun = (OverrunPolicy)7 }, null,
                 })
        {
            Assert.Null(s.K.CreatePeriodicTask("bad", 3, () => { }, bad, TaskOptions.None, 0, out var e));
            Assert.Equal(KernelStatus.InvalidArgument, e);
            if (bad != null) Assert.Contains(new[] { "Period", "Deadline", "Offset", "Overrun" }, f => bad.Validate().StartsWith(f));
        }
        Assert.Null(s.K.CreatePeriodicTask("bad", 99, () => { }, new PeriodicOptions { Period = 5 }, TaskOptions.None, 0, out var e2));
        Assert.Equal(KernelStatus.InvalidArgument, e2);
        Assert.Equal(0, s.K.TaskCount);
        KernelStatus fromTask = KernelStatus.Ok;
        s.Task("plain", 3, () => fromTask = s.K.WaitForNextPeriod());
        s.Run();
        Assert.Equal(KernelStatus.WrongState, fromTask);
        Assert.Equal(KernelStatus.WrongContext, s.K.WaitForNextPeriod());
        Assert.Equal(KernelStatus.InvalidArgument, s.K.ReadStatistics(null, new TaskStatistics()));
        Assert.Equal(KernelStatus.InvalidArgument, s.K.ReadStatistics(s.K.TaskById(1), null));
        Assert.Equal(0L, s.K.Now);
    }

    /// <summary>The defaults: deadline = period, overrun = skip, offset 0 (released at creation).</summary>
    [Fact]
    public void Defaults_are_deadline_period_skip_and_no_offset()
    {
        using var s = new SimKernel();
        s.Ticks(3);
        var p = new PeriodicProbe(s, "P", 5, new PeriodicOptions { Period = 7 }, _ => 1);
        s.Ticks(8);
        var st = p.Stats();
        Assert.True(st.IsPeriodic);
        Assert.Equal((7, 7, OverrunPolicy.Skip), (st.Period, st.Deadline, st.Overrun));
        Assert.Equal(new long[] { 3, 10 }, p.Starts);
    }
}
