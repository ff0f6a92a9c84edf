using NfRt.Boards;
using NfRt.Samples.SensorBusArbiter;
using NfRt.Timing;
using UnitTests.SimulatorTests;

namespace UnitTests.Timing;

/// <summary>
/// The SensorBusArbiter sample's task set (issue 17 item 6): the device code carries its parameters and analysed
/// bounds as constants (<see cref="SensorBusTaskSet"/>), because the device can neither read JSON nor run the
/// analysis. These tests tie the constants to the task-set files and to the analysis, so the three cannot drift:
/// (a) the set built from the constants, with the bodies the sample runs, is the set each file declares;
/// (b) <see cref="ResponseTimeAnalysis.Analyze"/> of each file gives exactly the bound constants;
/// (c) the sample's own run on the simulated board, where time is exact, stays within every bound.
/// </summary>
public class UnitTestSampleTaskSet
{
    private static string SampleFile(string name) => Path.Combine(Paths.RepoRoot, "Samples", "SensorBusArbiter", name);

    private static string InheritFile => SampleFile("sensor-bus.taskset.json");

    private static string PlainFile => SampleFile("sensor-bus-plain.taskset.json");

    /// <summary>The set as the sample runs it: its constants and the bodies of SensorBusRun's task bodies.</summary>
    private static TaskSet FromConstants(string name, LockProtocol protocol)
    {
        var bodies = new IReadOnlyList<Segment>[SensorBusTaskSet.Count];
        bodies[SensorBusTaskSet.Control] = new Segment[]
        {
            new LockSegment(SensorBusTaskSet.Bus, new Segment[] { new ComputeSegment(SensorBusTaskSet.ControlBusRead) }),
            new ComputeSegment(SensorBusTaskSet.ControlLaw),
        };
        bodies[SensorBusTaskSet.Load] = new Segment[] { new ComputeSegment(SensorBusTaskSet.LoadCompute) };
        bodies[SensorBusTaskSet.Logger] = new Segment[]
        {
            new LockSegment(SensorBusTaskSet.Bus, new Segment[] { new ComputeSegment(SensorBusTaskSet.LoggerCriticalSection) }),
            new ComputeSegment(SensorBusTaskSet.LoggerBookkeeping),
        };
        var tasks = Enumerable.Range(0, SensorBusTaskSet.Count).Select(i => new TaskSpec(SensorBusTaskSet.Names[i],
            SensorBusTaskSet.Priority[i], SensorBusTaskSet.Period[i], bodies[i], offset: SensorBusTaskSet.Offset[i])).ToList();
        return new TaskSet(name, new[] { new ResourceSpec(SensorBusTaskSet.Bus, protocol) }, tasks);
    }

    [Fact]
    public void The_constants_are_the_task_set_each_file_declares()
    {
        foreach (var (file, name, protocol) in new[] { (InheritFile, SensorBusTaskSet.Name, LockProtocol.Inherit), (PlainFile, SensorBusTaskSet.PlainName, LockProtocol.Plain) })
        {
            var read = TaskSetReader.ReadFile(file);
            var built = FromConstants(name, protocol);
            Assert.Empty(TaskSetValidator.Problems(built));
            Assert.Equal(TaskSetWriter.ToJson(built), TaskSetWriter.ToJson(read));
            for (int i = 0; i < SensorBusTaskSet.Count; i++) Assert.Equal(SensorBusTaskSet.Wcet[i], read.Tasks[i].Wcet);
        }
    }

    [Fact]
    public void The_bound_constants_are_the_analysis_of_each_file()
    {
        foreach (var (file, wcrt, blocking) in new[] { (InheritFile, SensorBusTaskSet.InheritWcrt, SensorBusTaskSet.InheritBlocking), (PlainFile, SensorBusTaskSet.PlainWcrt, SensorBusTaskSet.PlainBlocking) })
        {
            var a = ResponseTimeAnalysis.Analyze(TaskSetReader.ReadFile(file));
            for (int i = 0; i < SensorBusTaskSet.Count; i++)
            {
                var t = a[SensorBusTaskSet.Names[i]];
                Assert.Equal(wcrt[i] == SensorBusTaskSet.Unbounded ? null : wcrt[i], t.Wcrt);
                Assert.Equal(blocking[i] == SensorBusTaskSet.Unbounded ? null : blocking[i], t.Blocking.Value);
            }
        }
    }

    [Fact]
    public void The_inheritance_bounds_hold_and_the_plain_lock_leaves_control_unbounded()
    {
        // What the sample shows: with the rt-mutex every task meets its deadline, control blocked at most by the
        // logger's critical section; with a plain lock the analysis finds no bound for control.
        for (int i = 0; i < SensorBusTaskSet.Count; i++) Assert.InRange(SensorBusTaskSet.InheritWcrt[i], 1, SensorBusTaskSet.Period[i]);
        Assert.Equal(SensorBusTaskSet.LoggerCriticalSection, SensorBusTaskSet.InheritBlocking[SensorBusTaskSet.Control]);
        Assert.Equal(SensorBusTaskSet.Unbounded, SensorBusTaskSet.PlainWcrt[SensorBusTaskSet.Control]);
    }

    [Fact]
    public void The_sample_on_the_simulated_board_stays_within_every_bound()
    {
        var pi = SensorBusRun.Execute(new SimulatedBoard(BoardProfiles.Esp32), true, false, true);
        var plain = SensorBusRun.Execute(new SimulatedBoard(BoardProfiles.Esp32), false, false, true);
        foreach (var r in new[] { pi, plain })
        {
            Assert.Equal("none", r.Fault);
            Assert.Equal(SensorBusRun.Cycles, r.Readings);
            // exact time: no tick is counted beyond a job's work and every release is taken at once
            Assert.Equal(0, r.Overshoot);
            Assert.Equal(0, r.StartLate);
            Assert.False(r.TicksLate);
            for (int i = 0; i < SensorBusTaskSet.Count; i++)
            {
                var s = r.Statistics[i];
                Assert.Equal(SensorBusRun.Cycles, s.JobsCompleted);
                Assert.Equal(0, s.DeadlinesMissed);
                Assert.Equal(SensorBusRun.Cycles * SensorBusTaskSet.Wcet[i], s.CpuTicks);
                if (r.Bound(i) == SensorBusTaskSet.Unbounded) { Assert.Equal("unbounded", r.Verdict(i)); continue; }
                Assert.True(s.WorstResponse <= r.Bound(i), $"{r.LockName} {SensorBusTaskSet.Names[i]}: response {s.WorstResponse} above its bound {r.Bound(i)}");
                Assert.True(s.WorstBlocking <= r.BlockingBound(i), $"{r.LockName} {SensorBusTaskSet.Names[i]}: blocking {s.WorstBlocking} above {r.BlockingBound(i)}");
                Assert.Equal("ok", r.Verdict(i));
            }
        }
        // The rt-mutex: control's blocking statistic is its wait for the bus, within the blocking term; the logger was boosted.
        var control = pi.Statistics[SensorBusTaskSet.Control];
        Assert.Equal(pi.MaxWait, control.WorstBlocking);
        Assert.True(control.WorstBlocking <= SensorBusTaskSet.InheritBlocking[SensorBusTaskSet.Control]);
        Assert.True(pi.Boosts >= SensorBusRun.Cycles);
        // The least urgent task's job spans its whole busy period here, so its bound is reached exactly (the bound is tight).
        Assert.Equal(pi.Bound(SensorBusTaskSet.Logger), pi.Statistics[SensorBusTaskSet.Logger].WorstResponse);
        // The plain lock: the load got in while control waited, longer than the rt-mutex's bound allows.
        Assert.True(plain.MinWait > SensorBusTaskSet.LoggerCriticalSection, "the inversion did not show: " + plain.MinWait);
        Assert.True(plain.Statistics[SensorBusTaskSet.Control].WorstResponse > SensorBusTaskSet.InheritWcrt[SensorBusTaskSet.Control]);
        Assert.True(pi.MaxWait < plain.MinWait);
    }
}
