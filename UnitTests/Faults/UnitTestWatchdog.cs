using System.Diagnostics;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace UnitTests.Faults;

/// <summary>
/// No driver call hangs silently. On the simulated board the driver regains control at exactly the
/// requested tick even when a task is always ready (a debugger halting the CPU). A task that keeps
/// the CPU without letting the system go idle, or that never reaches a kernel call at all, ends the
/// driver call with <see cref="KernelStatus.WatchdogExpired"/> naming it (configurable:
/// <see cref="KernelConfig.WatchdogMs"/>). Shutdown finishes in bounded time and reports the task
/// threads it had to abandon.
/// </summary>
public class UnitTestWatchdog
{
    /// <summary>
    /// 1. "hog" never blocks: while (true) Busy(1).  2. AdvanceTicks(100) returns Ok with Now = start + 100,
    /// hog ran all 100 ticks.  3. AdvanceTicks(50): Now = start + 150, hog 150 ticks; a HALT event is traced.
    /// </summary>
    [Fact]
    public void AdvanceTicks_stops_at_the_requested_tick_even_if_a_task_never_blocks()
    {
        using var s = new SimKernel();
        var hog = s.Task("hog", 3, () => { while (true) s.K.Busy(1); });
        long start = s.K.Now;
        Assert.Equal(KernelStatus.Ok, s.K.AdvanceTicks(100));
        Assert.Equal(start + 100, s.K.Now);
        Assert.Equal(100, hog.RunTicks);
        Assert.Equal(KernelStatus.Ok, s.K.AdvanceTicks(50));
        Assert.Equal(start + 150, s.K.Now);
        Assert.Equal(150, hog.RunTicks);
        Assert.Contains(s.Trace.Events, e => e.Kind == TraceKind.Halt && e.Task == hog.Id);
    }

    [Fact]
    public void RunUntilTick_on_the_simulated_board_stops_at_the_tick_too()
    {
        using var s = new SimKernel();
        var hog = s.Task("hog", 3, () => { while (true) s.K.Busy(1); });
        Assert.Equal(KernelStatus.Ok, s.K.RunUntilTick(40));
        Assert.Equal(40, s.K.Now);
        Assert.Equal(40, hog.RunTicks);
    }

    /// <summary>
    /// A task that loops on Yield keeps the CPU (kernel calls, but virtual time never moves and the
    /// system never goes idle): the watchdog halts it at its next preemption point and the call returns
    /// WatchdogExpired naming it; it has reached kernel calls, so it is not stuck, and the kernel works on.
    /// </summary>
    [Fact]
    public void A_task_that_never_lets_the_system_go_idle_is_halted_and_named()
    {
        using var s = new SimKernel(watchdogMs: 200);
        bool stop = false;
        var spinner = s.Task("spinner", 3, () => { while (!Volatile.Read(ref stop)) s.K.Yield(); });
        var sw = Stopwatch.StartNew();
        Assert.Equal(KernelStatus.WatchdogExpired, s.K.AdvanceTicks(5));
        Assert.True(sw.ElapsedMilliseconds < 10_000);
        Assert.Same(spinner, s.K.WatchdogTask);
        Assert.False(s.K.WatchdogTaskStuck);
        Assert.Equal(TaskState.Ready, spinner.State);
        Volatile.Write(ref stop, true);
        Assert.Equal(KernelStatus.Ok, s.K.AdvanceTicks(5));
        Assert.Equal(TaskState.Dead, spinner.State);
    }

    /// <summary>
    /// A task that spins without any kernel call cannot be stopped from outside: the call returns
    /// WatchdogExpired naming it as stuck; later driver calls say the same (and change nothing) until
    /// it reaches a kernel call, where it halts; then the kernel runs normally again.
    /// </summary>
    [Fact]
    public void A_task_that_never_reaches_a_kernel_call_is_reported_as_stuck()
    {
        using var s = new SimKernel(watchdogMs: 150);
        bool release = false;
        int after = 0;
        var stuck = s.Task("stuck", 3, () =>
        {
            while (!Volatile.Read(ref release)) { }
            s.K.Sleep(1);
            after++;
        });
        Assert.Equal(KernelStatus.WatchdogExpired, s.K.AdvanceTicks(3));
        Assert.Same(stuck, s.K.WatchdogTask);
        Assert.True(s.K.WatchdogTaskStuck);
        Assert.Equal(0, s.K.Now);
        Assert.Equal(KernelStatus.WatchdogExpired, s.K.AdvanceTicks(3));   // still stuck: refused, nothing moved
        Assert.Equal(0, s.K.Now);
        Volatile.Write(ref release, true);
        KernelStatus r = KernelStatus.WatchdogExpired;
        for (int i = 0; i < 200 && r == KernelStatus.WatchdogExpired; i++) { Thread.Sleep(10); r = s.K.AdvanceTicks(3); }
        Assert.Equal(KernelStatus.Ok, r);
        Assert.Equal(1, after);
        Assert.Equal(TaskState.Dead, stuck.State);
    }

    /// <summary>
    /// 1. "low" (prio 9) takes a C# lock and sleeps inside it (a kernel call while holding it).
    /// 2. "high" (prio 2) wakes and blocks on that C# lock: the CPU is its, and it never reaches a kernel
    ///    call. 3. AdvanceTicks returns WatchdogExpired naming high as stuck.
    /// 4. Shutdown unwinds low (releasing the lock), so high gets it, calls the kernel and unwinds too:
    ///    Shutdown returns Ok and no thread is left.
    /// </summary>
    [Fact]
    public void A_task_blocked_on_a_CSharp_lock_held_across_a_kernel_call_is_named()
    {
        var s = new SimKernel(watchdogMs: 150);
        object gate = new();
        s.Task("low", 9, () => { lock (gate) s.K.Sleep(100); });
        var high = s.Task("high", 2, () => { s.K.Sleep(2); lock (gate) s.K.Sleep(1); });
        Assert.Equal(KernelStatus.WatchdogExpired, s.K.AdvanceTicks(5));
        Assert.Same(high, s.K.WatchdogTask);
        Assert.True(s.K.WatchdogTaskStuck);
        Assert.Equal(KernelStatus.Ok, s.K.Shutdown());
        for (int i = 1; i <= s.K.TaskCount; i++) Assert.False(s.K.IsTaskThreadAlive(i));
    }

    /// <summary>
    /// A task that swallows the shutdown exception and keeps calling the kernel: Shutdown returns
    /// TasksAbandoned within its bound (KernelConfig.ShutdownTimeoutMs) and names the task.
    /// </summary>
    [Fact]
    public void Shutdown_finishes_in_bounded_time_and_reports_tasks_it_abandoned()
    {
        var s = new SimKernel(watchdogMs: 150);
        bool quit = false;
        var stubborn = s.Task("stubborn", 3, () =>
        {
            while (!Volatile.Read(ref quit))
            {
                try { s.K.Sleep(1); }
                catch (TaskAbortException) { Thread.Sleep(1); }   // swallowed: the classic mistake
            }
        });
        s.Ticks(3);
        var sw = Stopwatch.StartNew();
        Assert.Equal(KernelStatus.TasksAbandoned, s.K.Shutdown());
        Assert.True(sw.ElapsedMilliseconds < 10_000, "shutdown took " + sw.ElapsedMilliseconds + " ms");
        Assert.Equal(1, s.K.AbandonedTaskCount);
        Assert.Same(stubborn, s.K.AbandonedTask(0));
        Volatile.Write(ref quit, true);               // let the thread end so the test process stays clean
        Assert.Equal(KernelStatus.ShutDown, s.K.Shutdown());
    }
}
