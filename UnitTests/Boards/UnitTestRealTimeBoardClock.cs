using NfRt.Boards;

namespace UnitTests.Boards;

/// <summary>
/// The real-time board derives kernel ticks from elapsed clock time, not from the number of sleeps, so a
/// timer thread whose Sleep(1) lasts 10 ms (nanoCLR on Linux) still gives 1,000 ticks per second. The clock
/// and the sleep are injected (internal seam) and driven in lock step: no wall-clock timing is asserted.
/// </summary>
public class UnitTestRealTimeBoardClock
{
    private const long Ms = TimeSpan.TicksPerMillisecond;

    /// <summary>A fake clock and a sleep that blocks until the test lets it go, advancing the clock by a chosen amount.</summary>
    private sealed class LockStep
    {
        public long Clock = 5_000 * Ms;             // any origin
        public long NextSleepAdvance = 10 * Ms;     // Sleep(1) overshoots to 10 ms
        public volatile bool Stopping;
        public int Sleeps;
        public readonly SemaphoreSlim InSleep = new(0), Go = new(0);

        public long Read() => Interlocked.Read(ref Clock);

        public void Sleep(int ms)
        {
            Assert.Equal(1, ms);
            if (Stopping) { Thread.Yield(); return; }
            Interlocked.Increment(ref Sleeps);
            InSleep.Release();
            Go.Wait();
            Interlocked.Add(ref Clock, NextSleepAdvance);
        }

        /// <summary>Lets the timer thread finish its current sleep, waits until it is in the next one.</summary>
        public void Step()
        {
            Go.Release();
            Assert.True(InSleep.Wait(TimeSpan.FromSeconds(10)), "the timer thread did not come back to its sleep");
        }
    }

    private static void StopBoard(RealTimeBoard board, LockStep s)
    {
        s.Stopping = true;
        s.Go.Release();
        board.Stop();
    }

    /// <summary>
    /// 1 kHz board, every Sleep(1) lasts 10 ms of clock time. After 1, 2, 3 sleeps kernel time is 10, 20, 30
    /// ticks (the old board counted 1, 2, 3: a tenth of the rate). A 2.5 ms sleep then adds 2 ticks and the
    /// next 2.5 ms 3 (the fraction is carried, nothing is lost to rounding): 35 ticks after 35 ms.
    /// </summary>
    [Fact]
    public void Ticks_follow_elapsed_clock_time_when_sleeps_overshoot()
    {
        var s = new LockStep();
        var board = new RealTimeBoard(BoardProfiles.Esp32, s.Read, s.Sleep);
        board.Start();
        try
        {
            Assert.True(s.InSleep.Wait(TimeSpan.FromSeconds(10)));
            Assert.Equal(0L, board.Now);
            s.Step(); Assert.Equal(10L, board.Now);
            s.Step(); Assert.Equal(20L, board.Now);
            s.Step(); Assert.Equal(30L, board.Now);
            Assert.Equal(3, s.Sleeps - 1);
            s.NextSleepAdvance = 25 * Ms / 10;
            s.Step(); Assert.Equal(32L, board.Now);
            s.Step(); Assert.Equal(35L, board.Now);
            Assert.Equal(1 << Board.TickIrq, board.Irq.Pending & (1 << Board.TickIrq));
        }
        finally
        {
            StopBoard(board, s);
        }
    }

    /// <summary>
    /// A clock step backwards (the wall clock was set) raises no tick and takes none back; a jump forward of more than
    /// MaxCatchUpMs is a clock change too; normal time after either goes on at the profile's rate from the ticks already raised.
    /// </summary>
    [Fact]
    public void Clock_changes_are_not_counted_as_elapsed_time()
    {
        var board = new RealTimeBoard(BoardProfiles.Stm32, () => 0, _ => { });
        long t = 1_000 * Ms;
        // Drive the step function directly (no timer thread): the board is not started, so rebase by hand via a first reading.
        typeof(RealTimeBoard).GetField("_base", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.SetValue(board, t);
        typeof(RealTimeBoard).GetField("_lastRead", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.SetValue(board, t);
        Assert.Equal(7, board.Advance(t + 7 * Ms));
        Assert.Equal(0, board.Advance(t - 3_600_000 * Ms));        // set back one hour
        Assert.Equal(7L, board.Now);
        Assert.Equal(4, board.Advance(t - 3_600_000 * Ms + 4 * Ms));
        Assert.Equal(0, board.Advance(t + 86_400_000 * Ms));       // set forward one day
        Assert.Equal(11L, board.Now);
        Assert.Equal(999, board.Advance(t + 86_400_000 * Ms + 999 * Ms));   // a late wake-up within MaxCatchUpMs is caught up
        Assert.Equal(1010L, board.Now);
    }
}
