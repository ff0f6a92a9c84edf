using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>
/// Shutdown joins every task thread wherever it is parked, and afterwards every kernel call
/// returns <see cref="KernelStatus.ShutDown"/> (Enter throws <see cref="TaskAbortException"/>).
/// </summary>
public class UnitTestShutdown
{
    /// <summary>
    /// Threads parked in every place a task thread can wait:
    /// 1. "dead" exited; "sleeper" is Delayed; "waiter" is Blocked on an event with a timeout, "forever" without;
    ///    "joiner" is Blocked in Join; "self" suspended itself; "busy" was preempted inside Busy and then
    ///    suspended by "boss" while Ready (its thread is parked deep inside Busy's preemption point).
    /// 2. Shutdown returns only after every one of those threads ended.
    /// </summary>
    [Fact]
    public void Shutdown_joins_every_task_thread_wherever_it_is_parked()
    {
        var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        TaskControlBlock busy = null, self = null, sleeper = null;
        var unwound = new List<string>();
        void Body(string name, Action a)
        {
            try { a(); }
            catch (TaskAbortException) { lock (unwound) unwound.Add(name); throw; }
        }
        s.Task("dead", 2, () => { });
        sleeper = s.Task("sleeper", 3, () => Body("sleeper", () => s.K.Sleep(1000)));
        s.Task("waiter", 3, () => Body("waiter", () => ev.Wait(500)));
        s.Task("forever", 3, () => Body("forever", () => ev.Wait(-1)));
        s.Task("joiner", 3, () => Body("joiner", () => s.K.Join(sleeper)));
        self = s.Task("self", 3, () => Body("self", () => s.K.Suspend(self)));
        busy = s.Task("busy", 6, () => Body("busy", () => s.K.Busy(100)));
        s.Task("boss", 5, () => { s.K.Sleep(2); Assert.Equal(KernelStatus.Ok, s.K.Suspend(busy)); });
        s.Run();
        s.Ticks(3);
        Assert.Equal(TaskState.Suspended, busy.State);
        Assert.Equal(2, busy.RunTicks);
        var states = Enumerable.Range(1, s.K.TaskCount).Select(i => s.K.TaskById(i).State).ToArray();
        Assert.Equal(new[] { TaskState.Dead, TaskState.Delayed, TaskState.Blocked, TaskState.Blocked, TaskState.Blocked,
            TaskState.Suspended, TaskState.Suspended, TaskState.Dead }, states);
        s.K.Shutdown();
        for (int i = 1; i <= s.K.TaskCount; i++) Assert.False(s.K.IsTaskThreadAlive(i), s.K.TaskById(i).Name + " still alive");
        Assert.Equal(new[] { "busy", "forever", "joiner", "self", "sleeper", "waiter" }, unwound.OrderBy(x => x));
        Assert.Null(s.K.FirstFaultedTask());
        s.Dispose();   // second Shutdown: a no-op
    }

    /// <summary>Tasks created but never dispatched (the driver never ran) are joined too.</summary>
    [Fact]
    public void Shutdown_joins_tasks_that_never_started()
    {
        var s = new SimKernel();
        int ran = 0;
        for (int i = 0; i < 5; i++) s.Task("T" + i, 3 + i, () => Interlocked.Increment(ref ran));
        Assert.False(s.K.IsStarted);
        s.K.Shutdown();
        Assert.Equal(0, ran);
        for (int i = 1; i <= 5; i++) Assert.False(s.K.IsTaskThreadAlive(i));
    }

    /// <summary>
    /// After shutdown: a second Shutdown returns ShutDown; Yield, Checkpoint, Signal, AdvanceTicks and
    /// RunUntilIdle return ShutDown (the kernel no longer runs anything); the critical-section API (Enter)
    /// throws TaskAbortException.
    /// </summary>
    [Fact]
    public void Kernel_calls_after_shutdown_unwind()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        s.Task("T", 3, () => ev.Wait(-1));
        s.Run();
        Assert.Equal(KernelStatus.Ok, s.K.Shutdown());
        Assert.True(s.K.IsShutDown);
        Assert.Equal(KernelStatus.ShutDown, s.K.Shutdown());
        Assert.Throws<TaskAbortException>(() => s.K.Enter());          // the critical-section API keeps unwinding
        Assert.Equal(KernelStatus.ShutDown, s.K.Yield());
        Assert.Equal(KernelStatus.ShutDown, s.K.Checkpoint());
        Assert.Equal(KernelStatus.ShutDown, ev.Signal());
        Assert.Equal(KernelStatus.ShutDown, s.K.AdvanceTicks(1));
        Assert.Equal(KernelStatus.ShutDown, s.K.RunUntilIdle());
        Assert.False(s.K.IsTaskThreadAlive(1));
    }
}
