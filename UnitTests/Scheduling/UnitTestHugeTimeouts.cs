using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>
/// Timeouts so long they never come in practice must not wrap around: deadline = now + ticks
/// saturates instead of overflowing into the past.
/// </summary>
public class UnitTestHugeTimeouts
{
    /// <summary>
    /// 1. W sleeps 1 tick (kernel time 1), then waits with timeout long.MaxValue.
    /// 2. 50 ticks pass: W must still be blocked (the deadline 1 + MaxValue used to wrap negative and fire at once).
    /// 3. A signal wakes it with Ok.
    /// </summary>
    [Fact]
    public void Event_wait_with_max_timeout_does_not_wrap_into_the_past()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        var w = s.Task("W", 5, () => { s.K.Sleep(1); s.Log.Add("W " + ev.Wait(long.MaxValue) + "@" + s.K.Now); });
        s.Run();
        s.Ticks(50);
        Assert.Empty(s.Log);
        Assert.Equal(TaskState.Blocked, w.State);
        ev.Signal();
        s.Run();
        Assert.Equal(new[] { "W Ok@50" }, s.Log);
    }

    /// <summary>A timer armed with long.MaxValue ticks at kernel time 3 stays armed and never expires early.</summary>
    [Fact]
    public void Timer_armed_with_max_ticks_does_not_expire_early()
    {
        using var s = new SimKernel();
        var timer = new KernelTimer(s.K, new KernelEvent(s.K));
        s.Run();
        s.Ticks(3);
        Assert.Equal(KernelStatus.Ok, timer.Arm(long.MaxValue));
        s.Ticks(20);
        Assert.Equal(0, timer.Expirations);
        Assert.True(timer.IsArmed);
        Assert.Equal(long.MaxValue, timer.DueTick);
    }
}
