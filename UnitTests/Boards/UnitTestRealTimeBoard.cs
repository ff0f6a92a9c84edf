using System.Reflection;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Boards;

/// <summary>
/// The kernel on the real-time board: a timer thread raises the tick line. Only ORDER is asserted
/// (log order and kernel-tick arithmetic from the trace), never wall-clock timing.
/// </summary>
public class UnitTestRealTimeBoard
{
    private static Thread TimerThread(RealTimeBoard b) =>
        (Thread)typeof(RealTimeBoard).GetField("_timer", BindingFlags.NonPublic | BindingFlags.Instance).GetValue(b);

    /// <summary>
    /// S (priority 5) sleeps 5 ticks three times and signals W (priority 3) after each sleep.
    /// 1. The driver runs until kernel tick 20 (then on, only if the host stalled so much that S is not done).
    /// 2. Log: S0 W0 S1 W1 S2 W2 — W, more urgent, runs right at each signal.
    /// 3. In kernel ticks, every wake of S is exactly 5 ticks after its block (ticks are processed one by one).
    /// 4. Shutdown joins the task threads and the board's timer thread.
    /// </summary>
    [Fact]
    public void Short_real_time_run_keeps_order_and_shutdown_joins_everything()
    {
        var board = new RealTimeBoard(BoardProfiles.Stm32);
        Assert.False(board.IsSimulated);
        var k = new Scheduler(new KernelConfig { PriorityLevels = 32, CheckInvariants = true, TraceCapacity = 1024 }, board);
        var trace = new TraceRecorder();
        k.Trace.Sink = trace;
        var log = new List<string>();
        var ev = new KernelEvent(k);
        int sDone = 0;
        Thread timer = null;
        try
        {
            k.CreateTask("S", 5, () =>
            {
                for (int i = 0; i < 3; i++)
                {
                    Assert.Equal(KernelStatus.Ok, k.Sleep(5));
                    log.Add("S" + i);
                    ev.Signal();
                }
                sDone = 1;
            });
            k.CreateTask("W", 3, () => { for (int i = 0; i < 3; i++) { ev.Wait(-1); log.Add("W" + i); } });
            k.RunUntilTick(20);
            Assert.True(k.Now >= 20);
            timer = TimerThread(board);
            Assert.NotNull(timer);
            for (long until = 25; sDone == 0 && until < 100000; until += 5) k.RunUntilTick(until);
            Assert.Null(k.FirstFaultedTask());
        }
        finally
        {
            k.Shutdown();
        }
        Assert.Equal(new[] { "S0", "W0", "S1", "W1", "S2", "W2" }, log);
        var blocks = trace.Events.Where(e => e.Task == 1 && e.Kind == TraceKind.Block).Select(e => e.Tick).ToList();
        var wakes = trace.Events.Where(e => e.Task == 1 && e.Kind == TraceKind.Wake).Select(e => e.Tick).ToList();
        Assert.Equal(3, blocks.Count);
        Assert.Equal(blocks.Select(t => t + 5), wakes);
        Assert.False(k.IsTaskThreadAlive(1));
        Assert.False(k.IsTaskThreadAlive(2));
        Assert.False(timer.IsAlive);
        Assert.Null(TimerThread(board));
    }

    /// <summary>Simulation-only driver calls refuse a real-time board and change nothing.</summary>
    [Fact]
    public void AdvanceTicks_is_refused_on_a_real_time_board()
    {
        var board = new RealTimeBoard(BoardProfiles.Esp32);
        var k = new Scheduler(new KernelConfig(), board);
        try
        {
            Assert.Equal(KernelStatus.InvalidArgument, k.AdvanceTicks(3));
            Assert.Equal(0L, k.Now);
            Assert.Null(TimerThread(board));   // never started
        }
        finally
        {
            k.Shutdown();
        }
    }

    /// <summary>Start is idempotent and Stop joins the timer thread; Stop twice is harmless.</summary>
    [Fact]
    public void Board_start_stop_joins_the_timer_thread()
    {
        var board = new RealTimeBoard(BoardProfiles.Stm32);
        board.Start();
        var t = TimerThread(board);
        board.Start();
        Assert.Same(t, TimerThread(board));
        board.Stop();
        Assert.False(t.IsAlive);
        board.Stop();
        Assert.Null(TimerThread(board));
    }
}
