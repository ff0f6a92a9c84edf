using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>Dispatch order: preemption, FIFO, cooperative tasks, priority changes, suspend/resume, join.</summary>
public class UnitTestDispatch
{
    /// <summary>
    /// 1. L (prio 10) runs, creates... no: L wakes H (prio 5) sleeping on an event.
    /// 2. H preempts L at once, inside L's Signal call: the log shows H before L's next line.
    /// </summary>
    [Fact]
    public void Woken_more_urgent_task_preempts_at_once()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        s.Task("H", 5, () => { s.Log.Add("H waits"); ev.Wait(-1); s.Log.Add("H woke"); });
        s.Task("L", 10, () => { s.Log.Add("L signals"); ev.Signal(); s.Log.Add("L after signal"); });
        s.Run();
        Assert.Equal(new[] { "H waits", "L signals", "H woke", "L after signal" }, s.Log);
    }

    [Fact]
    public void Equal_priorities_run_in_creation_order_fifo()
    {
        using var s = new SimKernel();
        for (int i = 0; i < 5; i++) { int n = i; s.Task("T" + n, 7, () => { s.Log.Add("A" + n); s.K.Yield(); s.Log.Add("B" + n); }); }
        s.Run();
        Assert.Equal(new[] { "A0", "A1", "A2", "A3", "A4", "B0", "B1", "B2", "B3", "B4" }, s.Log);
    }

    [Fact]
    public void Less_urgent_task_does_not_preempt_and_more_urgent_runs_first()
    {
        using var s = new SimKernel();
        s.Task("low", 20, () => s.Log.Add("low"));
        s.Task("high", 1, () => s.Log.Add("high"));
        s.Task("mid", 10, () => s.Log.Add("mid"));
        s.Run();
        Assert.Equal(new[] { "high", "mid", "low" }, s.Log);
    }

    /// <summary>
    /// 1. C (cooperative, prio 10) signals H (prio 1): H is ready but C keeps the CPU.
    /// 2. C yields: H runs before C continues.
    /// 3. A preemptible P (prio 10) doing the same is preempted inside Signal.
    /// </summary>
    [Fact]
    public void Cooperative_task_is_not_preempted_by_a_task()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        s.Task("H", 1, () => { ev.Wait(-1); s.Log.Add("H"); });
        s.Task("C", 10, () =>
        {
            ev.Signal();
            s.Log.Add("C still running");
            s.K.Busy(3);                 // ticks pass: the tick interrupt does not hand the CPU to H either
            s.Log.Add("C after busy");
            s.K.Yield();
            s.Log.Add("C after yield");
        }, TaskOptions.Cooperative);
        s.Run();
        Assert.Equal(new[] { "C still running", "C after busy", "H", "C after yield" }, s.Log);
    }

    [Fact]
    public void Priority_change_requeues_a_ready_task_at_the_tail_of_its_new_level()
    {
        using var s = new SimKernel();
        TaskControlBlock b = null;
        s.Task("A", 5, () => s.Log.Add("A"));
        b = s.Task("B", 9, () => s.Log.Add("B"));
        s.Task("C", 9, () => s.Log.Add("C"));
        // Before dispatch starts: B moves to level 5, behind A.
        Assert.Equal(KernelStatus.Ok, s.K.SetPriority(b, 5));
        Assert.Equal(5, b.EffectivePriority);
        Assert.Equal(5, b.NormalPriority);
        s.Run();
        Assert.Equal(new[] { "A", "B", "C" }, s.Log);
    }

    [Fact]
    public void Raising_a_ready_task_above_the_runner_preempts_it()
    {
        using var s = new SimKernel();
        TaskControlBlock other = null;
        s.Task("runner", 5, () => { s.Log.Add("runner 1"); s.K.SetPriority(other, 1); s.Log.Add("runner 2"); });
        other = s.Task("other", 9, () => s.Log.Add("other"));
        s.Run();
        Assert.Equal(new[] { "runner 1", "other", "runner 2" }, s.Log);
    }

    [Fact]
    public void Bad_priority_is_rejected_and_changes_nothing()
    {
        using var s = new SimKernel(levels: 16);
        var t = s.Task("t", 3, () => { });
        Assert.Equal(KernelStatus.InvalidArgument, s.K.SetPriority(t, 16));
        Assert.Equal(KernelStatus.InvalidArgument, s.K.SetPriority(t, -1));
        Assert.Equal(3, t.NormalPriority);
        Assert.Null(s.K.CreateTask("bad", 16, () => { }, TaskOptions.None, 0, out var err));
        Assert.Equal(KernelStatus.InvalidArgument, err);
        Assert.Equal(1, s.K.TaskCount);
        s.Run();
    }

    [Fact]
    public void Suspend_and_resume()
    {
        using var s = new SimKernel();
        TaskControlBlock a = null;
        a = s.Task("A", 3, () => { s.Log.Add("A1"); s.K.Suspend(a); s.Log.Add("A2"); });
        s.Task("B", 5, () => { s.Log.Add("B1"); Assert.Equal(KernelStatus.Ok, s.K.Resume(a)); s.Log.Add("B2"); });
        s.Run();
        Assert.Equal(new[] { "A1", "B1", "A2", "B2" }, s.Log);
        Assert.Equal(KernelStatus.WrongState, s.K.Resume(a));
    }

    [Fact]
    public void Join_waits_for_exit()
    {
        using var s = new SimKernel();
        TaskControlBlock worker = null;
        s.Task("joiner", 1, () => { s.Log.Add("join"); Assert.Equal(KernelStatus.Ok, s.K.Join(worker)); s.Log.Add("joined"); });
        worker = s.Task("worker", 9, () => { s.Log.Add("work"); s.K.Sleep(3); s.Log.Add("done"); });
        s.Run();
        Assert.Equal(new[] { "join", "work" }, s.Log);
        s.Ticks(3);
        Assert.Equal(new[] { "join", "work", "done", "joined" }, s.Log);
        Assert.Equal(TaskState.Dead, worker.State);
    }

    [Fact]
    public void Exception_in_a_task_body_is_reported_not_lost()
    {
        var s = new SimKernel();
        s.Task("boom", 3, () => throw new InvalidOperationException("kaboom"));
        s.K.RunUntilIdle();
        var f = s.K.FirstFaultedTask();
        Assert.NotNull(f);
        Assert.Contains("kaboom", f.Fault.Message);
        s.K.Shutdown();
    }

    [Fact]
    public void Shutdown_joins_threads_parked_anywhere()
    {
        var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        s.Task("blocked", 3, () => ev.Wait(-1));
        s.Task("sleeping", 4, () => s.K.Sleep(1000));
        s.Task("never run", 5, () => { });
        var t = s.K.TaskById(3);
        s.K.Suspend(t);
        s.Run();
        s.K.Shutdown();   // returns only after every task thread ended
        for (int i = 1; i <= 3; i++) Assert.False(s.K.IsTaskThreadAlive(i));
    }
}
