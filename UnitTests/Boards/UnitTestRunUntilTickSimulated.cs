using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Boards;

/// <summary>
/// RunUntilTick on the simulated board must reach the tick (by advancing virtual time), not spin
/// forever waiting for a tick source that does not exist there.
/// </summary>
public class UnitTestRunUntilTickSimulated
{
    /// <summary>
    /// Runs on a background driver thread with a watchdog so a regression fails instead of hanging
    /// the suite (no task threads exist, so nothing else could be left behind).
    /// 1. A kernel on the simulated board, no tasks: RunUntilTick(5) returns with K.Now == 5.
    /// </summary>
    [Fact]
    public void Run_until_tick_on_the_simulated_board_advances_virtual_time()
    {
        long now = -1;
        Exception error = null;
        var driver = new Thread(() =>
        {
            try
            {
                var k = new Scheduler(new KernelConfig(), new SimulatedBoard(BoardProfiles.Stm32));
                k.RunUntilTick(5);
                now = k.Now;
                k.Shutdown();
            }
            catch (Exception e) { error = e; }
        }) { IsBackground = true };
        driver.Start();
        Assert.True(driver.Join(TimeSpan.FromSeconds(10)), "RunUntilTick never returned on the simulated board");
        Assert.Null(error);
        Assert.Equal(5L, now);
    }

    /// <summary>
    /// With tasks: S sleeps 2 ticks three times; RunUntilTick(7) runs the same trace as AdvanceTicks(7).
    /// </summary>
    [Fact]
    public void Run_until_tick_and_advance_ticks_give_the_same_trace()
    {
        string Run(Action<SimKernel> drive)
        {
            using var s = new SimKernel();
            s.Task("S", 5, () => { for (int i = 0; i < 3; i++) { s.K.Sleep(2); s.Log.Add("S@" + s.K.Now); } });
            drive(s);
            Assert.Equal(new[] { "S@2", "S@4", "S@6" }, s.Log);
            Assert.Equal(7L, s.K.Now);
            return s.Trace.Dump();
        }
        var viaAdvance = Run(s => { s.Run(); s.Ticks(7); });
        var viaRunUntil = Run(s => s.K.RunUntilTick(7));
        Assert.Equal(viaAdvance, viaRunUntil);
    }
}
