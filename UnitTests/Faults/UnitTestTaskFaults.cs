using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using UnitTests.Balloon;

namespace UnitTests.Faults;

/// <summary>
/// A task body that throws is a result, not a secret: the driver call during which it happened
/// returns <see cref="KernelStatus.TaskFaulted"/> (once per fault), <see cref="Scheduler.LastFault"/>
/// names the task, its <see cref="TaskControlBlock.Fault"/> holds the exception (type and message),
/// and the trace has a TaskFault event. A kernel worker (the balloon's) that dies surfaces the same
/// way, and its service then answers with an error instead of Ok.
/// </summary>
public class UnitTestTaskFaults
{
    /// <summary>
    /// 1. "bad" (prio 3) sleeps 2 ticks then throws InvalidOperationException("sensor gone");
    ///    "good" (prio 5) counts a tick each tick.
    /// 2. AdvanceTicks(10) returns TaskFaulted at tick 2; LastFault is bad, its Fault the exception.
    /// 3. A TaskFault trace event names bad. 4. The next AdvanceTicks(3) returns Ok: reported once, good goes on.
    /// </summary>
    [Fact]
    public void A_throwing_task_is_reported_by_the_driver_call_it_happened_in()
    {
        var s = new SimKernel();
        var bad = s.Task("bad", 3, () => { s.K.Sleep(2); throw new InvalidOperationException("sensor gone"); });
        int goodTicks = 0;
        s.Task("good", 5, () => { while (true) { s.K.Sleep(1); goodTicks++; } });
        long start = s.K.Now;
        Assert.Equal(KernelStatus.TaskFaulted, s.K.AdvanceTicks(10));
        Assert.Equal(2, s.K.Now - start);
        Assert.Same(bad, s.K.LastFault);
        Assert.IsType<InvalidOperationException>(bad.Fault);
        Assert.Equal("sensor gone", bad.Fault.Message);
        Assert.Equal(TaskState.Dead, bad.State);
        Assert.Contains(s.Trace.Events, e => e.Kind == TraceKind.TaskFault && e.Task == bad.Id);
        Assert.Equal(KernelStatus.Ok, s.K.AdvanceTicks(3));
        Assert.True(goodTicks >= 4, "good stopped: " + goodTicks);
        s.K.Shutdown();
    }

    [Fact]
    public void RunUntilIdle_and_RunUntilTick_report_a_fault_too()
    {
        var s = new SimKernel();
        var a = s.Task("a", 3, () => throw new ArgumentException("first"));
        Assert.Equal(KernelStatus.TaskFaulted, s.K.RunUntilIdle());
        Assert.Same(a, s.K.LastFault);
        var b = s.Task("b", 3, () => { s.K.Sleep(4); throw new FormatException("second"); });
        Assert.Equal(KernelStatus.TaskFaulted, s.K.RunUntilTick(10));
        Assert.Same(b, s.K.LastFault);
        Assert.Equal(KernelStatus.Ok, s.K.RunUntilIdle());
        s.K.Shutdown();
    }

    /// <summary>
    /// A body that throws TaskAbortException itself (the kernel is not shutting down) is a fault like
    /// any other: it used to end its thread without the exit path, leaving the task Running and the
    /// CPU with nobody. Now the driver gets TaskFaulted and "after" still runs.
    /// </summary>
    [Fact]
    public void A_body_throwing_TaskAbortException_outside_shutdown_is_a_fault()
    {
        var s = new SimKernel(watchdogMs: 2000);
        var rogue = s.Task("rogue", 3, () => throw new TaskAbortException());
        bool after = false;
        s.Task("after", 5, () => after = true);
        Assert.Equal(KernelStatus.TaskFaulted, s.K.RunUntilIdle());
        Assert.Same(rogue, s.K.LastFault);
        Assert.Equal(TaskState.Dead, rogue.State);
        Assert.True(after);
        Assert.Equal(KernelStatus.Ok, s.K.Shutdown());
    }

    /// <summary>
    /// The balloon worker runs a user observer; the observer throws. The worker task dies, the
    /// driver call reports TaskFaulted naming it, and SetTarget afterwards returns WorkerDied.
    /// </summary>
    [Fact]
    public void A_dead_balloon_worker_is_reported_and_its_service_refuses_later_calls()
    {
        var rig = new BalloonRig(64);
        var p = rig.Partition("A", maximum: 32, initial: 8);
        var svc = rig.Service(p, new BalloonConfig { StallReportRetries = 1, RetryPeriod = 5 });
        svc.Observer = new ThrowingObserver();
        rig.HostTakes(64 - 8);                            // the pool is empty: growing stalls
        Assert.Equal(MemoryStatus.Ok, svc.SetTarget(16));
        KernelStatus r = KernelStatus.Ok;
        for (int i = 0; i < 10 && r == KernelStatus.Ok; i++) r = rig.K.AdvanceTicks(5);
        Assert.Equal(KernelStatus.TaskFaulted, r);
        Assert.Same(svc.Worker, rig.K.LastFault);
        Assert.IsType<InvalidOperationException>(svc.Worker.Fault);
        Assert.Equal(MemoryStatus.WorkerDied, svc.SetTarget(4));
        Assert.Equal(16, svc.Target);                  // nothing changed
        rig.K.Shutdown();
    }

    private sealed class ThrowingObserver : IBalloonObserver
    {
        public void OnStall(BalloonService service, int retries) => throw new InvalidOperationException("observer broke");
    }
}
