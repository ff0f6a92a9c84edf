using NfRt.Timing;
using static UnitTests.Timing.TaskSetBuilder;

namespace UnitTests.Timing;

/// <summary>
/// Response-time analysis against published examples (docs/spec/timing.md §5.2, §8), each naming its
/// source, plus hand-worked cases of the published formulas with the schedule written out.
/// </summary>
public class UnitTestRtaKnownAnswers
{
    [Fact]
    public void Burns_and_Wellings_response_time_example_gives_3_6_and_20()
    {
        // Burns & Wellings, "Real-Time Systems and Programming Languages", response-time analysis
        // example: a (T 7, C 3), b (T 12, C 3), c (T 20, C 5), rate monotonic. R = 3, 6, 20: all meet D = T.
        var a = ResponseTimeAnalysis.Analyze(Set(Task("a", 1, 7, C(3)), Task("b", 2, 12, C(3)), Task("c", 3, 20, C(5))));
        Assert.Equal(new long?[] { 3, 6, 20 }, a.Tasks.Select(t => t.Wcrt));
        Assert.True(a.Schedulable);
        Assert.Equal(0, a["c"].Slack);
        Assert.All(a.Tasks, t => Assert.True(t.SynchronousReleaseIsWorst));
    }

    [Fact]
    public void Rate_monotonic_misses_at_utilisation_0_97_in_Buttazzos_example()
    {
        // Buttazzo, "Rate Monotonic vs. EDF: Judgment Day" (Real-Time Systems 29, 2005): t1 = (C 2, T 5),
        // t2 = (C 4, T 7), U = 0.97. Under RM t2's first job ends at 8: t1 [0,2), t2 [2,5), t1 [5,7), t2 [7,8).
        var a = ResponseTimeAnalysis.Analyze(Set(Task("t1", 1, 5, C(2)), Task("t2", 2, 7, C(4))));
        Assert.Equal(2, a["t1"].Wcrt);
        Assert.Equal(8, a["t2"].Wcrt);
        Assert.False(a["t2"].Schedulable);
        Assert.False(a.Schedulable);
    }

    [Fact]
    public void Lehoczkys_arbitrary_deadline_example_peaks_at_the_fifth_job_with_118()
    {
        // Lehoczky, "Fixed priority scheduling of periodic task sets with arbitrary deadlines" (RTSS 1990):
        // t1 = (C 26, T 70), t2 = (C 62, T 100). The level-2 busy period holds 7 jobs of t2, with
        // responses 114, 102, 116, 104, 118, 106, 94: the worst is the fifth job's, not the first's.
        var a = ResponseTimeAnalysis.Analyze(Set(Task("t1", 1, 70, C(26)), Task("t2", 2, 100, 120, 0, C(62))));
        Assert.Equal(26, a["t1"].Wcrt);
        Assert.Equal(118, a["t2"].Wcrt);
        Assert.Equal(4, a["t2"].WorstJob);
        Assert.True(a["t2"].Schedulable);     // D = 120
        Assert.False(a["t2"].SynchronousReleaseIsWorst);

        var tight = ResponseTimeAnalysis.Analyze(Set(Task("t1", 1, 70, C(26)), Task("t2", 2, 100, C(62))));
        Assert.False(tight["t2"].Schedulable);   // D = T = 100 < 118
    }

    [Fact]
    public void Release_jitter_adds_to_the_window_of_the_interfering_task_and_to_the_own_response()
    {
        // Audsley, Burns, Richardson, Tindell and Wellings (1993), as in Tindell, Burns and Wellings (1994):
        // w = C_i + Σ ⌈(w + J_h)/T_h⌉·C_h, R = w + J_i. h = (C 2, T 10, J 4), i = (C 5, T 20, J 3):
        // w = 5 + ⌈(w + 4)/10⌉·2 = 9, R = 12. Schedule: i arrives at -3 and h at -4, both released at 0;
        // h [0,2), i [2,6), h's next job (arrived 6, no jitter) [6,8), i [8,9): done 9, 12 after its arrival.
        var a = ResponseTimeAnalysis.Analyze(Set(Task("h", 1, 10, null, 4, C(2)), Task("i", 2, 20, null, 3, C(5))));
        Assert.Equal(6, a["h"].Wcrt);
        Assert.Equal(12, a["i"].Wcrt);
        var noJitter = ResponseTimeAnalysis.Analyze(Set(Task("h", 1, 10, C(2)), Task("i", 2, 20, C(5))));
        Assert.Equal(7, noJitter["i"].Wcrt);
    }

    [Fact]
    public void A_set_above_the_Liu_and_Layland_bound_can_still_be_schedulable()
    {
        // Liu and Layland (1973): for n = 2 the RM bound is 2(√2 − 1) ≈ 0.828, sufficient but not necessary.
        // (C 1, T 2) + (C 1, T 3) has U = 0.833 and is schedulable: R2 = 1 + ⌈2/2⌉·1 = 2 <= 3.
        var a = ResponseTimeAnalysis.Analyze(Set(Task("t1", 1, 2, C(1)), Task("t2", 2, 3, C(1))));
        Assert.Equal(2, a["t2"].Wcrt);
        Assert.True(a.Schedulable);
    }

    [Fact]
    public void Full_utilisation_harmonic_set_is_schedulable_and_overload_is_beyond_the_horizon()
    {
        // harmonic periods reach U = 1 exactly (Liu and Layland: harmonic sets are RM-schedulable up to 1)
        var full = ResponseTimeAnalysis.Analyze(Set(Task("a", 1, 4, C(2)), Task("b", 2, 8, C(4))));
        Assert.Equal(8, full["b"].Wcrt);
        Assert.True(full.Schedulable);

        var over = ResponseTimeAnalysis.Analyze(Set(Task("a", 1, 4, C(2)), Task("b", 2, 8, C(5))));
        Assert.Null(over["b"].Wcrt);
        Assert.Contains("more than all of it", over["b"].UnboundedReason);
        Assert.False(over.Schedulable);
        Assert.Equal(2, over["a"].Wcrt);
    }

    [Fact]
    public void Spec_sensor_bus_example_gives_the_specs_numbers()
    {
        // docs/spec/timing.md §5.7: control wcet 4, blocking 5 (logger:bus), wcrt 9, deadline 20.
        var set = TaskSetReader.ReadFile(TaskSetFiles.Example("sensor-bus.json"));
        var c = ResponseTimeAnalysis.Analyze(set)["control"];
        Assert.Equal((4L, 5L, 9L, 20L), (c.Wcet, c.Blocking.Value.Value, c.Wcrt.Value, c.Deadline));
        Assert.Equal(new[] { "logger:bus" }, AnalysisJsonWriter.Blockers(c));
    }

    [Fact]
    public void Equal_priorities_count_one_job_each_at_the_synchronous_release()
    {
        // FIFO among equals: a and b at priority 1, both released at 0; each is delayed by at most one
        // job of the other (whichever the queue put first), so both bounds are 2 + 3 = 5.
        var a = ResponseTimeAnalysis.Analyze(Set(Task("a", 1, 20, C(2)), Task("b", 1, 30, C(3)), Task("c", 2, 40, C(1))));
        Assert.Equal(EqualPriorityRule.Fifo, a["a"].EqualRule);
        Assert.Equal(5, a["a"].Wcrt);
        Assert.Equal(5, a["b"].Wcrt);
        Assert.Equal(6, a["c"].Wcrt);
        Assert.Contains("one job of each", AnalysisTextWriter.ToText(a));
    }

    [Fact]
    public void Equal_priorities_count_every_job_when_the_task_may_wait_on_a_lock()
    {
        // a waits on r (held by low), rejoins its level at the tail, and jobs of b released meanwhile go first
        var set = Set(new[] { R("r", LockProtocol.Inherit) },
            Task("a", 1, 100, C(1), L("r", C(1))), Task("b", 1, 5, C(1)), Task("low", 2, 200, L("r", C(10))));
        var a = ResponseTimeAnalysis.Analyze(set)["a"];
        Assert.Equal(EqualPriorityRule.AllJobs, a.EqualRule);
        // w = 2 + B 10 + ⌈w/5⌉·1: 12 → 15 → 15 (⌈15/5⌉ = 3)
        Assert.Equal(15, a.Wcrt);
        Assert.Contains("may wait on a lock", a.EqualReason);
    }

    [Fact]
    public void Equal_priorities_count_every_job_when_one_of_the_level_overruns_its_period()
    {
        // Under FIFO e's bound would be 3 + 1 = 4 = T: e can complete at its next release and run straight on
        // into it, ahead of i. So the level is analysed counting every job: i = 1 + ⌈4/4⌉·3 = 4.
        var a = ResponseTimeAnalysis.Analyze(Set(Task("e", 1, 4, C(3)), Task("i", 1, 100, C(1))));
        Assert.Equal(EqualPriorityRule.AllJobs, a["i"].EqualRule);
        Assert.Contains("overrun", a["i"].EqualReason);
        Assert.Equal(4, a["i"].Wcrt);
        Assert.Equal(4, a["e"].Wcrt);
    }
}
