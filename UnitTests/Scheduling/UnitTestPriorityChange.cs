using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>
/// A priority change re-queues the task wherever it is queued: an event's wait list, the ready
/// queue, and a lowered running task loses the CPU to a now more urgent ready task.
/// </summary>
public class UnitTestPriorityChange
{
    /// <summary>
    /// W1 (10), W2 (12), W3 (14) block on one event, in that order.
    /// 1. W3 is raised to 5: it moves to the head of the wait list.
    /// 2. W1 is lowered to 12: it goes to the TAIL of the 12 group, behind W2.
    /// 3. Three signals wake W3, W2, W1, in that order.
    /// </summary>
    [Fact]
    public void Priority_change_of_an_event_waiter_reorders_the_waiters()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        var w1 = s.Task("W1", 10, () => { ev.Wait(-1); s.Log.Add("W1"); });
        var w2 = s.Task("W2", 12, () => { ev.Wait(-1); s.Log.Add("W2"); });
        var w3 = s.Task("W3", 14, () => { ev.Wait(-1); s.Log.Add("W3"); });
        s.Run();
        Assert.Equal(3, ev.WaiterCount);
        Assert.Equal(KernelStatus.Ok, s.K.SetPriority(w3, 5));
        Assert.Equal(KernelStatus.Ok, s.K.SetPriority(w1, 12));
        Assert.Equal(TaskState.Blocked, w3.State);
        Assert.Equal(5, w3.WaitNode.Prio);
        Assert.Equal(12, w1.WaitNode.Prio);
        // The wait list itself, in order.
        var order = new List<string>();
        for (var n = w3.WaitNode.List.First; n != null; n = n.Next) order.Add(n.Task.Name);
        Assert.Equal(new[] { "W3", "W2", "W1" }, order);
        Assert.Null(w3.WaitNode.List.Check());
        for (int i = 0; i < 3; i++) ev.Signal();
        s.Run();
        Assert.Equal(new[] { "W3", "W2", "W1" }, s.Log);
        Assert.Equal(0, ev.WaiterCount);
    }

    /// <summary>
    /// Same at equal priorities: re-setting a waiter's priority to its group's value does not
    /// move it (no change), but a change away and back puts it at the tail of the group.
    /// </summary>
    [Fact]
    public void Waiter_changed_away_and_back_goes_to_the_tail_of_its_group()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        var a = s.Task("A", 8, () => { ev.Wait(-1); s.Log.Add("A"); });
        s.Task("B", 8, () => { ev.Wait(-1); s.Log.Add("B"); });
        s.Task("C", 8, () => { ev.Wait(-1); s.Log.Add("C"); });
        s.Run();
        Assert.Equal(KernelStatus.Ok, s.K.SetPriority(a, 8));   // unchanged: stays first
        Assert.Equal(KernelStatus.Ok, s.K.SetPriority(s.K.TaskById(2), 9));
        Assert.Equal(KernelStatus.Ok, s.K.SetPriority(s.K.TaskById(2), 8));   // B: back to 8, behind C
        for (int i = 0; i < 3; i++) ev.Signal();
        s.Run();
        Assert.Equal(new[] { "A", "C", "B" }, s.Log);
    }

    /// <summary>
    /// R (5) runs, O (8) is ready.
    /// 1. R lowers itself to 10: O is now more urgent and preempts R inside SetPriority.
    /// 2. O exits, R continues at 10.
    /// </summary>
    [Fact]
    public void Lowering_the_running_task_below_a_ready_task_preempts_it()
    {
        using var s = new SimKernel();
        TaskControlBlock r = null;
        r = s.Task("R", 5, () =>
        {
            s.Log.Add("R1");
            Assert.Equal(KernelStatus.Ok, s.K.SetPriority(r, 10));
            s.Log.Add("R2 prio " + r.EffectivePriority);
        });
        s.Task("O", 8, () => s.Log.Add("O"));
        s.Run();
        Assert.Equal(new[] { "R1", "O", "R2 prio 10" }, s.Log);
        Assert.Equal(new[] { 1, 2, 1 }, s.Trace.SwitchOrder());
        var p = Assert.Single(s.Trace.Events, e => e.Kind == TraceKind.Preempt);
        Assert.Equal(1, p.Task);
        Assert.Equal(2, p.A);
        var change = Assert.Single(s.Trace.Events, e => e.Kind == TraceKind.PriorityChange);
        Assert.Equal((1, 5, 10), (change.Task, change.A, change.B));
        var normal = Assert.Single(s.Trace.Events, e => e.Kind == TraceKind.NormalPriority);
        Assert.Equal((1, 5, 10), (normal.Task, normal.A, normal.B));
    }

    /// <summary>
    /// R (5) lowers itself to 8, the level of the ready O: O is not MORE urgent, so R keeps the
    /// CPU (a lowered task goes to the front of its new level, as POSIX SCHED_FIFO says).
    /// </summary>
    [Fact]
    public void Lowering_the_running_task_to_the_level_of_a_ready_task_does_not_preempt()
    {
        using var s = new SimKernel();
        TaskControlBlock r = null;
        r = s.Task("R", 5, () => { s.K.SetPriority(r, 8); s.Log.Add("R"); });
        s.Task("O", 8, () => s.Log.Add("O"));
        s.Run();
        Assert.Equal(new[] { "R", "O" }, s.Log);
        Assert.Equal(0, s.K.Preemptions);
    }

    /// <summary>
    /// A (3) and B (4) are ready before dispatch starts; the driver lowers A to 6: B runs first.
    /// </summary>
    [Fact]
    public void Ready_task_lowered_below_another_ready_task_is_overtaken()
    {
        using var s = new SimKernel();
        var a = s.Task("A", 3, () => s.Log.Add("A"));
        s.Task("B", 4, () => s.Log.Add("B"));
        Assert.Equal(KernelStatus.Ok, s.K.SetPriority(a, 6));
        s.Run();
        Assert.Equal(new[] { "B", "A" }, s.Log);
    }

    /// <summary>
    /// 1. S (1) sleeps 1 tick; the driver changes it to 7 while it sleeps.
    /// 2. Tick 1: S becomes ready at priority 7 (Ready event argument), and runs.
    /// </summary>
    [Fact]
    public void Sleeping_task_wakes_at_its_new_priority()
    {
        using var s = new SimKernel();
        var sl = s.Task("S", 1, () => { s.K.Sleep(1); s.Log.Add("S prio " + s.K.Current.EffectivePriority); });
        s.Run();
        Assert.Equal(KernelStatus.Ok, s.K.SetPriority(sl, 7));
        Assert.Equal(TaskState.Delayed, sl.State);
        s.Ticks(1);
        var ready = s.Trace.Events.Last(e => e.Kind == TraceKind.Ready);
        Assert.Equal((1, 7, 1L), (ready.Task, ready.A, ready.Tick));
        Assert.Equal(new[] { "S prio 7" }, s.Log);
    }
}
