using System.Reflection;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace UnitTests.Boards;

/// <summary>
/// The real-time board counts ticks in an int (nanoFramework: Interlocked on int only), which wraps
/// after 2^31 ticks (24.8 days at 1 kHz). Kernel time (a long) must keep going across the wrap.
/// </summary>
public class UnitTestTickWrap
{
    /// <summary>
    /// 1. Board counter and kernel time both set to int.MaxValue - 3 (as after ~24.8 days).
    /// 2. A kernel timer is armed 6 ticks ahead: due at int.MaxValue + 3, past the wrap.
    /// 3. RunUntilTick(int.MaxValue + 5) returns, the timer expired exactly once.
    /// Runs on a background driver thread under a watchdog (no task threads), so a regression fails
    /// instead of hanging; on failure the board's timer thread is stopped from here.
    /// </summary>
    [Fact]
    public void Kernel_time_continues_across_the_board_tick_counter_wrap()
    {
        const long Start = int.MaxValue - 3L;
        var board = new RealTimeBoard(BoardProfiles.Stm32);
        typeof(RealTimeBoard).GetField("_ticks", BindingFlags.NonPublic | BindingFlags.Instance).SetValue(board, (int)Start);
        long now = -1;
        int expirations = -1;
        Exception error = null;
        var driver = new Thread(() =>
        {
            try
            {
                var k = new Scheduler(new KernelConfig(), board);
                typeof(Scheduler).GetField("_ticks", BindingFlags.NonPublic | BindingFlags.Instance).SetValue(k, Start);
                var timer = new KernelTimer(k, new KernelEvent(k));
                Assert.Equal(KernelStatus.Ok, timer.Arm(6));
                Assert.Equal(int.MaxValue + 3L, timer.DueTick);
                k.RunUntilTick(int.MaxValue + 5L);
                now = k.Now;
                expirations = timer.Expirations;
                k.Shutdown();
            }
            catch (Exception e) { error = e; }
        }) { IsBackground = true };
        driver.Start();
        bool finished = driver.Join(TimeSpan.FromSeconds(10));
        if (!finished) board.Stop();   // end the timer thread; the stuck background driver cannot keep the process alive
        Assert.True(finished, "kernel time stopped at the wrap of the board's tick counter");
        Assert.Null(error);
        Assert.True(now >= int.MaxValue + 5L, "now " + now);
        Assert.Equal(1, expirations);
    }
}
