using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>
/// Interrupts: an ISR wakes a task and the switch happens on interrupt exit; a line raised
/// while masked is delivered on restore (only at the outermost restore when nested).
/// </summary>
public class UnitTestInterrupts
{
    private static List<(TraceKind kind, int task)> Slice(SimKernel s, long tick) =>
        s.Trace.Events.Where(e => e.Tick == tick).Select(e => (e.Kind, e.Task)).ToList();

    /// <summary>
    /// T (id 1, priority 2) suspends itself; L (id 2, priority 10) burns 5 ticks; line 5 is injected at tick 3
    /// and its ISR resumes T.
    /// 1. Tick 3, inside L's Busy: Tick, IrqEnter, Wake T, Ready T, IrqExit.
    /// 2. Only then, on interrupt exit: Preempt L, Switch to T.
    /// 3. T exits, L finishes its 5 ticks at tick 5.
    /// </summary>
    [Fact]
    public void Isr_resumes_a_task_and_the_switch_happens_on_interrupt_exit()
    {
        using var s = new SimKernel();
        TaskControlBlock t = null;
        var isr = new ActionIrqHandler((k, irq) => { s.Log.Add("isr " + irq); Assert.Equal(KernelStatus.Ok, k.Resume(t)); s.Log.Add("isr done"); });
        Assert.Equal(KernelStatus.Ok, s.K.SetIrqHandler(5, isr));
        Assert.True(s.Board.InjectAt(3, 5));
        t = s.Task("T", 2, () => { s.K.Suspend(t); s.Log.Add("T@" + s.K.Now); });
        s.Task("L", 10, () => { s.K.Busy(5); s.Log.Add("L done@" + s.K.Now); });
        s.Run();
        Assert.Equal(new[] { "isr 5", "isr done", "T@3", "L done@5" }, s.Log);
        Assert.Equal(new[]
        {
            (TraceKind.Tick, 2), (TraceKind.IrqEnter, 2), (TraceKind.Wake, 1), (TraceKind.Ready, 1),
            (TraceKind.IrqExit, 2), (TraceKind.Preempt, 2), (TraceKind.Switch, 1),
            (TraceKind.Exit, 1), (TraceKind.Switch, 2),
        }, Slice(s, 3));
        Assert.Equal(1, isr.Calls);
        Assert.Equal(1, s.K.IrqsServiced);
    }

    /// <summary>
    /// The system is idle (W waits on an event); line 7 is injected at tick 4 and its ISR signals the event.
    /// 1. Tick 4 (driven by the driver): Tick, IrqEnter, Wake W, Ready W, IrqExit, Switch to W.
    /// 2. W runs at tick 4 and waits again.
    /// </summary>
    [Fact]
    public void Isr_signals_an_event_and_the_waiter_runs_after_interrupt_exit()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        s.K.SetIrqHandler(7, new ActionIrqHandler((k, irq) => ev.Signal()));
        Assert.True(s.Board.InjectAt(4, 7));
        s.Task("W", 3, () => { while (true) { ev.Wait(-1); s.Log.Add("W@" + s.K.Now); } });
        s.Run();
        s.Ticks(6);
        Assert.Equal(new[] { "W@4" }, s.Log);
        Assert.Equal(new[]
        {
            (TraceKind.Tick, 0), (TraceKind.IrqEnter, 0), (TraceKind.Wake, 1), (TraceKind.Ready, 1),
            (TraceKind.IrqExit, 0), (TraceKind.Switch, 1), (TraceKind.Block, 1), (TraceKind.Switch, 0),
        }, Slice(s, 4));
    }

    /// <summary>
    /// The ISR resumes a task LESS urgent than the interrupted one: no switch on interrupt exit;
    /// the woken task runs when the interrupted one is done.
    /// </summary>
    [Fact]
    public void Isr_waking_a_less_urgent_task_does_not_preempt()
    {
        using var s = new SimKernel();
        TaskControlBlock t = null;
        s.K.SetIrqHandler(5, new ActionIrqHandler((k, irq) => k.Resume(t)));
        s.Board.InjectAt(2, 5);
        t = s.Task("T", 20, () => { s.K.Suspend(t); s.Log.Add("T@" + s.K.Now); });
        s.Run();   // T suspends before L exists
        s.Task("L", 10, () => { s.K.Busy(4); s.Log.Add("L done@" + s.K.Now); });
        s.Run();
        Assert.Equal(new[] { "L done@4", "T@4" }, s.Log);
        Assert.Equal(0, s.K.Preemptions);
    }

    /// <summary>
    /// Inside a task: mask, raise line 5 (the handler does not run), restore (the handler runs at once).
    /// </summary>
    [Fact]
    public void Line_raised_while_masked_runs_on_restore()
    {
        using var s = new SimKernel();
        var isr = new ActionIrqHandler((k, irq) => s.Log.Add("isr " + irq));
        s.K.SetIrqHandler(5, isr);
        s.Task("T", 5, () =>
        {
            var ic = s.K.Board.Irq;
            int st = ic.Mask();
            Assert.Equal(0, st);
            Assert.True(ic.Raise(5));
            s.Log.Add("raised, pending=" + ic.Pending);
            s.K.Checkpoint();                       // a preemption point while masked delivers nothing
            s.Log.Add("after checkpoint " + isr.Calls);
            ic.Restore(st);
            s.Log.Add("restored " + isr.Calls + ", pending=" + ic.Pending);
        });
        s.Run();
        Assert.Equal(new[] { "raised, pending=32", "after checkpoint 0", "isr 5", "restored 1, pending=0" }, s.Log);
    }

    /// <summary>
    /// Nested: Mask, Mask, Raise, Restore (inner: still masked, nothing runs), Restore (outer: runs).
    /// </summary>
    [Fact]
    public void Nested_mask_delivers_only_at_the_outer_restore()
    {
        using var s = new SimKernel();
        var isr = new ActionIrqHandler((k, irq) => s.Log.Add("isr " + irq));
        s.K.SetIrqHandler(9, isr);
        s.Task("T", 5, () =>
        {
            var ic = s.K.Board.Irq;
            int outer = ic.Mask();
            int inner = ic.Mask();
            Assert.Equal((0, 1), (outer, inner));
            ic.Raise(9);
            ic.Restore(inner);
            s.Log.Add("inner restored " + isr.Calls + " masked=" + ic.IsMasked);
            ic.Restore(outer);
            s.Log.Add("outer restored " + isr.Calls + " masked=" + ic.IsMasked);
        });
        s.Run();
        Assert.Equal(new[] { "inner restored 0 masked=True", "isr 9", "outer restored 1 masked=False" }, s.Log);
    }

    /// <summary>
    /// A masked region in a task whose pending ISR wakes a more urgent task: the switch happens at
    /// the restore, before the task's next line. Lines are delivered lowest first.
    /// </summary>
    [Fact]
    public void Restore_delivers_pending_lines_lowest_first_and_reschedules()
    {
        using var s = new SimKernel();
        TaskControlBlock h = null;
        s.K.SetIrqHandler(3, new ActionIrqHandler((k, irq) => s.Log.Add("isr 3")));
        s.K.SetIrqHandler(6, new ActionIrqHandler((k, irq) => { s.Log.Add("isr 6"); k.Resume(h); }));
        h = s.Task("H", 1, () => { s.K.Suspend(h); s.Log.Add("H"); });
        s.Task("L", 5, () =>
        {
            var ic = s.K.Board.Irq;
            int st = ic.Mask();
            ic.Raise(6);
            ic.Raise(3);
            s.Log.Add("L before restore");
            ic.Restore(st);
            s.Log.Add("L after restore");
        });
        s.Run();
        Assert.Equal(new[] { "L before restore", "isr 3", "isr 6", "H", "L after restore" }, s.Log);
    }

    /// <summary>The same inside the kernel's own critical section (Enter/Leave): delivered at Leave.</summary>
    [Fact]
    public void Line_raised_inside_enter_leave_runs_at_leave()
    {
        using var s = new SimKernel();
        var isr = new ActionIrqHandler((k, irq) => s.Log.Add("isr"));
        s.K.SetIrqHandler(4, isr);
        s.Task("T", 5, () =>
        {
            int st = s.K.Enter();
            s.K.Board.Irq.Raise(4);
            int nested = s.K.Enter();
            s.K.Leave(nested);
            s.Log.Add("inner leave " + isr.Calls);
            s.K.Leave(st);
            s.Log.Add("outer leave " + isr.Calls);
        });
        s.Run();
        Assert.Equal(new[] { "inner leave 0", "isr", "outer leave 1" }, s.Log);
    }
}
