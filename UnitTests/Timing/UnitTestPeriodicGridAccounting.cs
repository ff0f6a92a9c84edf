using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace UnitTests.Timing;

/// <summary>
/// Grid accounting of a periodic task under Skip (docs/spec/scheduler.md §33-§34): at every read, every grid point
/// up to the job in progress (or, between jobs, before the release waited for) has been either released or skipped,
/// exactly once: JobsReleased + ReleasesSkipped = grid points up to JobInProgress ? JobRelease : NextRelease − T.
/// <para>This is the reference the real-time grid tests use. Their earlier reference, the last Release event, lags
/// the count by the releases a late job end skipped (they are counted at the end of the job, ahead of the next
/// release): that lag is the "one grid point ahead of the last release reported" they once had to tolerate under
/// load, when jobs ended late. Shown here deterministically, with the exact reference holding at every tick.</para>
/// </summary>
public class UnitTestPeriodicGridAccounting
{
    private static long GridPointsCounted(TaskStatistics s, long period, long offset)
    {
        long last = s.JobInProgress ? s.JobRelease : s.NextRelease - period;
        return last < offset ? 0 : (last - offset) / period + 1;
    }

    /// <summary>
    /// P (T = 5, offset 2) burns 12 ticks in its second job (released at 7, complete at 19): the releases at 12 and 17
    /// passed meanwhile and are skipped at its end, and the next job is the one released at 22. Read after every tick
    /// from 0 to 40: the count equals the grid points up to the job in progress or before the release waited for.
    /// Between 19 and 22 the last Release event is still 7 while the count already includes 12 and 17.
    /// </summary>
    [Fact]
    public void Every_grid_point_is_released_or_skipped_exactly_once_at_every_tick()
    {
        using var s = new SimKernel(recordTrace: true);
        var p = new PeriodicProbe(s, "P", 5, new PeriodicOptions { Period = 5, Offset = 2 }, job => job == 1 ? 12 : 1);
        bool sawLag = false;
        for (int t = 0; t <= 40; t++)
        {
            var st = p.Stats();
            long counted = st.JobsReleased + st.ReleasesSkipped;
            Assert.True(counted == GridPointsCounted(st, 5, 2), $"tick {st.ReadAt}: {counted} counted, {GridPointsCounted(st, 5, 2)} grid points (in job {st.JobInProgress}, release {st.JobRelease}, next {st.NextRelease})");
            var releases = s.Trace.Events.Where(e => e.Kind == TraceKind.Release && e.Task == p.Task.Id).ToList();
            long lastReported = releases.Count == 0 ? -1 : releases[^1].A;
            long byLastReported = lastReported < 0 ? 0 : (lastReported - 2) / 5 + 1;
            if (counted > byLastReported)
            {
                // only between a job end that skipped and the next release, and by exactly the releases skipped then
                Assert.False(st.JobInProgress);
                Assert.Equal(2, counted - byLastReported);
                Assert.Equal(22, st.NextRelease);
                sawLag = true;
            }
            else Assert.Equal(byLastReported, counted);
            s.Ticks(1);
        }
        Assert.True(sawLag, "the late job's end never showed the skipped releases ahead of the last Release event");
        Assert.Equal(new long[] { 2, 7, 22, 27, 32, 37 }, p.Starts);
        Assert.Equal(2, p.Stats().ReleasesSkipped);
    }

    /// <summary>
    /// On the real-time board a job completes when its task calls WaitForNextPeriod, ticks the board raised but the
    /// kernel has not processed yet included. P (T = 5, offset 0) raises 12 ticks itself in its first job (the board's
    /// clock is the test's, its timer thread never raises) and ends it: complete at 12, response 12, the releases at
    /// 5 and 10 skipped although the kernel had processed none of those ticks, next job at 15 — and the exact reference
    /// counts 3 grid points, where the last Release event (0) would say 1.
    /// </summary>
    [Fact]
    public void A_job_ending_with_ticks_pending_skips_the_releases_before_them_and_the_count_stays_exact()
    {
        long clock = 1_000 * TimeSpan.TicksPerMillisecond;
        using var hold = new ManualResetEventSlim(false);
        var board = new RealTimeBoard(BoardProfiles.Stm32, () => Interlocked.Read(ref clock), _ => hold.Wait());
        var k = new Scheduler(new KernelConfig { PriorityLevels = 32, CheckInvariants = true }, board);
        long kernelTicksAtEnd = -1;
        var p = k.CreatePeriodicTask("P", 5, () =>
        {
            k.WaitForNextPeriod();
            Interlocked.Add(ref clock, 12 * TimeSpan.TicksPerMillisecond);
            Assert.Equal(12, board.Advance(Interlocked.Read(ref clock)));   // raised, pending: the kernel sees them at its next preemption point
            kernelTicksAtEnd = k.Now;
            k.WaitForNextPeriod();
            k.WaitForNextPeriod();
        }, new PeriodicOptions { Period = 5 });
        var st = new TaskStatistics();
        try
        {
            Assert.Equal(KernelStatus.Ok, k.RunUntilTick(12));
            Assert.Equal(KernelStatus.Ok, k.ReadStatistics(p, st));
        }
        finally
        {
            hold.Set();
            k.Shutdown();
        }
        Assert.Equal(0, kernelTicksAtEnd);          // the job ended before the kernel processed any of the 12 ticks
        Assert.Equal(12, st.ReadAt);
        Assert.Equal(1, st.JobsCompleted);
        Assert.Equal(12, st.WorstResponse);
        Assert.Equal(1, st.JobsReleased);
        Assert.Equal(2, st.ReleasesSkipped);        // 5 and 10
        Assert.False(st.JobInProgress);
        Assert.Equal(15, st.NextRelease);
        Assert.Equal(3, GridPointsCounted(st, 5, 0));
        Assert.Equal(3, st.JobsReleased + st.ReleasesSkipped);
    }
}
