using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>
/// Sleeps wake in deadline order (FIFO among equal deadlines), timed event waits end exactly at
/// their deadline tick or earlier with Ok, kernel timers never stack expiries.
/// </summary>
public class UnitTestSleepAndTimeouts
{
    private static List<(int task, long tick)> Wakes(SimKernel s) =>
        s.Trace.Events.Where(e => e.Kind == TraceKind.Wake).Select(e => (e.Task, e.Tick)).ToList();

    /// <summary>
    /// A..E (priority 5, created in that order) sleep 7, 3, 5, 3, 1 ticks at tick 0.
    /// 1. All go to sleep at tick 0 in creation order.
    /// 2. The driver advances 10 ticks: E wakes at 1, B and D at 3 (B first: it slept first), C at 5, A at 7.
    /// </summary>
    [Fact]
    public void Sleeps_wake_in_deadline_order_and_equal_deadlines_fifo()
    {
        using var s = new SimKernel();
        var sleeps = new[] { ("A", 7), ("B", 3), ("C", 5), ("D", 3), ("E", 1) };
        foreach (var (n, d) in sleeps)
            s.Task(n, 5, () => { s.Log.Add(n + " sleeps@" + s.K.Now); Assert.Equal(KernelStatus.Ok, s.K.Sleep(d)); s.Log.Add(n + " woke@" + s.K.Now); });
        s.Run();
        Assert.Equal(new[] { "A sleeps@0", "B sleeps@0", "C sleeps@0", "D sleeps@0", "E sleeps@0" }, s.Log);
        s.Ticks(10);
        Assert.Equal(new[] { "E woke@1", "B woke@3", "D woke@3", "C woke@5", "A woke@7" }, s.Log.Skip(5));
        Assert.Equal(new[] { (5, 1L), (2, 3L), (4, 3L), (3, 5L), (1, 7L) }, Wakes(s));
    }

    /// <summary>
    /// X (priority 9) sleeps 4 at tick 0; Y (priority 2) sleeps 1, then 3 more at tick 1: same deadline 4.
    /// 1. Tick 4: the timeout queue wakes X first (armed first), then Y: FIFO among equal deadlines.
    /// 2. Y runs first all the same: it is more urgent.
    /// </summary>
    [Fact]
    public void Equal_deadlines_wake_fifo_but_run_by_priority()
    {
        using var s = new SimKernel();
        s.Task("X", 9, () => { s.K.Sleep(4); s.Log.Add("X@" + s.K.Now); });
        s.Task("Y", 2, () => { s.K.Sleep(1); s.K.Sleep(3); s.Log.Add("Y@" + s.K.Now); });
        s.Run();
        s.Ticks(5);
        Assert.Equal(new[] { "Y@4", "X@4" }, s.Log);
        Assert.Equal(new[] { (2, 1L), (1, 4L), (2, 4L) }, Wakes(s));
    }

    /// <summary>
    /// W sleeps 2, then waits 5 ticks on an event nobody signals.
    /// 1. Wait starts at tick 2; at tick 6 it is still blocked.
    /// 2. Tick 7: Timeout event, then Wake with TimedOut; Wait returns TimedOut with K.Now == 7.
    /// </summary>
    [Fact]
    public void Event_wait_times_out_exactly_at_the_deadline_tick()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        var w = s.Task("W", 5, () =>
        {
            s.K.Sleep(2);
            long t0 = s.K.Now;
            var r = ev.Wait(5);
            s.Log.Add($"{r} after {s.K.Now - t0} at {s.K.Now}");
        });
        s.Run();
        s.Ticks(6);
        Assert.Empty(s.Log);
        Assert.Equal(TaskState.Blocked, w.State);
        Assert.Equal(1, ev.WaiterCount);
        s.Ticks(1);
        Assert.Equal(new[] { "TimedOut after 5 at 7" }, s.Log);
        Assert.Equal(0, ev.WaiterCount);
        var timeout = Assert.Single(s.Trace.Events, e => e.Kind == TraceKind.Timeout);
        Assert.Equal(7L, timeout.Tick);
        var wakes = s.Trace.Events.Where(e => e.Kind == TraceKind.Wake).ToList();
        Assert.Equal((int)KernelStatus.TimedOut, wakes.Last().A);
    }

    /// <summary>
    /// W waits 10 ticks; S sleeps 3 and signals.
    /// 1. Tick 3: W returns Ok, its timeout is disarmed.
    /// 2. Ticks 4..20: no Timeout event ever fires for W.
    /// </summary>
    [Fact]
    public void Event_wait_returns_ok_when_signalled_before_the_deadline()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        var w = s.Task("W", 5, () => { var r = ev.Wait(10); s.Log.Add($"W {r}@{s.K.Now}"); });
        s.Task("S", 7, () => { s.K.Sleep(3); s.Log.Add("S signals@" + s.K.Now); ev.Signal(); });
        s.Run();
        s.Ticks(20);
        Assert.Equal(new[] { "S signals@3", "W Ok@3" }, s.Log);
        Assert.False(w.Timeout.IsQueued);
        Assert.DoesNotContain(s.Trace.Events, e => e.Kind == TraceKind.Timeout);
        Assert.False(ev.IsSignaled);
    }

    /// <summary>
    /// A signal stored before the wait is consumed at once; Wait(0) polls.
    /// </summary>
    [Fact]
    public void Stored_signal_is_consumed_without_blocking_and_wait_zero_polls()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        s.Task("T", 5, () =>
        {
            s.Log.Add("poll " + ev.Wait(0));
            ev.Signal();
            Assert.True(ev.IsSignaled);
            s.Log.Add("wait " + ev.Wait(-1) + "@" + s.K.Now);
            s.Log.Add("poll " + ev.Wait(0));
        });
        s.Run();
        Assert.Equal(new[] { "poll TimedOut", "wait Ok@0", "poll TimedOut" }, s.Log);
        Assert.DoesNotContain(s.Trace.Events, e => e.Kind == TraceKind.Block);
    }

    /// <summary>
    /// A waiter that timed out, but has not run yet, must not swallow a later signal.
    /// 1. H (priority 1) sleeps 2; W (priority 5) waits on the event with timeout 2: same deadline, tick 2.
    /// 2. Tick 2: both are woken (H by its sleep, W with TimedOut); H runs first and signals.
    /// 3. Nobody waits any more, so the signal must be stored: W still sees TimedOut and then finds the signal.
    /// </summary>
    [Fact]
    public void Timed_out_waiter_that_has_not_run_yet_does_not_swallow_a_signal()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        s.Task("H", 1, () => { s.K.Sleep(2); s.Log.Add("H signals@" + s.K.Now); ev.Signal(); });
        s.Task("W", 5, () =>
        {
            s.Log.Add("W " + ev.Wait(2) + "@" + s.K.Now);
            s.Log.Add("W poll " + ev.Wait(0));
        });
        s.Run();
        s.Ticks(3);
        Assert.Equal(new[] { "H signals@2", "W TimedOut@2", "W poll Ok" }, s.Log);
        Assert.False(ev.IsSignaled);
        Assert.Equal(0, ev.WaiterCount);
    }

    /// <summary>
    /// Same race with two waiters: the first timed out and has not run, the second still waits.
    /// The signal must wake the second one, not vanish on the first.
    /// </summary>
    [Fact]
    public void Signal_skips_a_timed_out_waiter_and_wakes_the_next()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        s.Task("H", 1, () => { s.K.Sleep(2); ev.Signal(); s.Log.Add("H signalled@" + s.K.Now); });
        s.Task("W1", 5, () => s.Log.Add("W1 " + ev.Wait(2) + "@" + s.K.Now));
        s.Task("W2", 6, () => s.Log.Add("W2 " + ev.Wait(-1) + "@" + s.K.Now));
        s.Run();
        s.Ticks(3);
        Assert.Equal(new[] { "H signalled@2", "W1 TimedOut@2", "W2 Ok@2" }, s.Log);
        Assert.False(ev.IsSignaled);
    }

    /// <summary>
    /// KernelTimer re-arm never stacks:
    /// 1. Tick 0: Arm(5) → DueTick 5. W waits on the timer's event forever, in a loop.
    /// 2. Tick 2: Arm(5) again → DueTick 7 (the tick-5 expiry is gone).
    /// 3. Ticks 3..30: exactly one expiry, at tick 7, W woken once.
    /// </summary>
    [Fact]
    public void Timer_rearm_replaces_the_pending_expiry()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        var timer = new KernelTimer(s.K, ev);
        s.Task("W", 5, () => { while (true) { ev.Wait(-1); s.Log.Add("W@" + s.K.Now); } });
        s.Run();
        Assert.Equal(KernelStatus.Ok, timer.Arm(5));
        Assert.True(timer.IsArmed);
        Assert.Equal(5L, timer.DueTick);
        s.Ticks(2);
        Assert.Equal(KernelStatus.Ok, timer.Arm(5));
        Assert.Equal(7L, timer.DueTick);
        Assert.Equal(KernelStatus.Ok, timer.Arm(5));   // same tick, again: still one
        Assert.Equal(7L, timer.DueTick);
        s.Ticks(28);
        Assert.Equal(new[] { "W@7" }, s.Log);
        Assert.Equal(1, timer.Expirations);
        Assert.False(timer.IsArmed);
    }

    /// <summary>
    /// A task re-arms the timer three times in a row, then waits: one expiry, at the last deadline.
    /// Cancel disarms: a cancelled timer never expires.
    /// </summary>
    [Fact]
    public void Timer_rearmed_by_a_task_expires_once_and_cancel_disarms()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        var timer = new KernelTimer(s.K, ev);
        var other = new KernelEvent(s.K);
        var cancelled = new KernelTimer(s.K, other);
        s.Task("T", 5, () =>
        {
            timer.Arm(2);
            s.K.Sleep(1);
            timer.Arm(2);
            timer.Arm(4);
            s.Log.Add("due " + timer.DueTick);
            cancelled.Arm(2);
            cancelled.Cancel();
            s.Log.Add(ev.Wait(-1) + "@" + s.K.Now);
            s.Log.Add("poll " + ev.Wait(0));
        });
        s.Run();
        s.Ticks(20);
        Assert.Equal(new[] { "due 5", "Ok@5", "poll TimedOut" }, s.Log);
        Assert.Equal(1, timer.Expirations);
        Assert.Equal(0, cancelled.Expirations);
        Assert.False(other.IsSignaled);
        Assert.False(cancelled.IsArmed);
    }

    /// <summary>A timer that expires with nobody waiting stores one signal (not one per expiry).</summary>
    [Fact]
    public void Timer_expiry_without_a_waiter_stores_the_signal()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        var timer = new KernelTimer(s.K, ev);
        s.Run();
        timer.Arm(1);
        s.Ticks(1);
        timer.Arm(1);
        s.Ticks(1);
        Assert.Equal(2, timer.Expirations);
        Assert.True(ev.IsSignaled);
        s.Task("T", 5, () => { s.Log.Add("first " + ev.Wait(0)); s.Log.Add("second " + ev.Wait(0)); });
        s.Run();
        Assert.Equal(new[] { "first Ok", "second TimedOut" }, s.Log);
    }
}
