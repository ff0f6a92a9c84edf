using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace UnitTests.Timing;

/// <summary>
/// Periodic tasks on the real-time board (a timer thread raises the tick). As in the other real-time
/// tests only order and kernel-tick arithmetic are asserted, never wall-clock timing: every job is taken
/// at or after its release, releases stay on the task's grid (drift-free) whatever the host's delays,
/// every release is either run or counted as skipped, and CPU time is measured with the finer clock.
/// </summary>
public class UnitTestPeriodicRealTime
{
    [Fact]
    public void Releases_stay_on_the_grid_and_cpu_time_is_measured_in_microseconds()
    {
        var board = new RealTimeBoard(BoardProfiles.Stm32);
        var k = new Scheduler(new KernelConfig { PriorityLevels = 32, CheckInvariants = true, TraceCapacity = 4096 }, board);
        var trace = new TraceRecorder();
        k.Trace.Sink = trace;
        var st = new TaskStatistics();
        try
        {
            var p = k.CreatePeriodicTask("P", 5, () =>
            {
                while (true)
                {
                    k.WaitForNextPeriod();
                    k.Busy(1);
                }
            }, new PeriodicOptions { Period = 5, Offset = 2 });
            Assert.Equal(KernelStatus.Ok, k.RunUntilTick(60));
            Assert.Null(k.FirstFaultedTask());
            Assert.Equal(KernelStatus.Ok, k.ReadStatistics(p, st));
        }
        finally
        {
            k.Shutdown();
        }
        var releases = trace.Events.Where(e => e.Kind == TraceKind.Release).ToList();
        Assert.True(releases.Count >= 3, $"{releases.Count} jobs in 60 ticks");
        Assert.All(releases, e => Assert.True(e.A >= 2 && (e.A - 2) % 5 == 0 && e.Tick >= e.A, $"release {e.A} taken at {e.Tick}"));
        Assert.Equal(releases.Select(e => e.A).OrderBy(a => a), releases.Select(e => e.A));
        int gridPoints = (releases[^1].A - 2) / 5 + 1;
        Assert.Equal(gridPoints, st.JobsReleased + st.ReleasesSkipped);
        Assert.True(st.JobsCompleted >= st.JobsReleased - 1);
        Assert.True(st.WorstResponse >= 1, "a job burns one tick");
        Assert.True(st.CpuMicros >= 0, "the real-time board measures CPU time with its finer clock");
        Assert.True(st.CpuTicks >= st.JobsCompleted);
    }
}
