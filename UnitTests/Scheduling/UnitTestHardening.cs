using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>Misuse of the CPU itself: burning time masked, an interrupt handler that throws.</summary>
public class UnitTestHardening
{
    [Fact]
    public void Busy_with_interrupts_masked_is_refused_instead_of_spinning_forever()
    {
        using var s = new SimKernel();
        KernelStatus r = KernelStatus.Ok;
        long before = -1, after = -1;
        s.Task("t", 3, () =>
        {
            int m = s.K.Board.Irq.Mask();
            before = s.Board.Now;
            r = s.K.Busy(5);
            after = s.Board.Now;
            s.K.Board.Irq.Restore(m);
        });
        s.Run();
        Assert.Equal(KernelStatus.WrongContext, r);
        Assert.Equal(before, after);   // no virtual time passed
    }

    /// <summary>
    /// A handler that throws, delivered in a task's context: the exception does not reach the task (it is
    /// not the task's fault), IRQs are enabled again, the run call reports HookFaulted naming the line, and
    /// the kernel still works (docs/spec/scheduler.md §37).
    /// </summary>
    [Fact]
    public void A_throwing_interrupt_handler_is_contained_and_does_not_leave_the_cpu_masked()
    {
        using var s = new SimKernel();
        var h = new ActionIrqHandler((k, irq) => throw new InvalidOperationException("isr bug"));
        Assert.Equal(KernelStatus.Ok, s.K.SetIrqHandler(7, h));
        Exception seen = null;
        s.Task("t", 3, () =>
        {
            s.K.RaiseIrq(7);
            try { s.K.Checkpoint(); } catch (InvalidOperationException e) { seen = e; }
            Assert.False(s.K.Board.Irq.IsMasked);
            s.K.Sleep(1);                  // the kernel still works: sleep, tick, wake
            s.Log.Add("woke");
        });
        Assert.Equal(KernelStatus.HookFaulted, s.K.RunUntilIdle());
        Assert.Null(seen);
        Assert.Equal(HookKind.IrqHandler, s.K.LastHookFault.Kind);
        Assert.Equal(7, s.K.LastHookFault.Line);
        Assert.Equal("isr bug", s.K.LastHookFault.Exception.Message);
        s.Ticks(1);
        Assert.Equal(1, h.Calls);
        Assert.Equal(new[] { "woke" }, s.Log);
        Assert.Null(s.K.FirstFaultedTask());
    }

    /// <summary>
    /// 1. A (5) masks interrupts by hand and resumes B (1) inside that region: no switch while masked.
    /// 2. A restores: that is the preemption point, B runs before A's next line.
    /// </summary>
    [Fact]
    public void A_switch_made_necessary_inside_a_raw_masked_region_happens_at_restore()
    {
        using var s = new SimKernel();
        TaskControlBlock b = null;
        b = s.Task("B", 1, () => { s.K.Suspend(b); s.Log.Add("B"); });
        s.Task("A", 5, () =>
        {
            int m = s.K.Board.Irq.Mask();
            s.K.Resume(b);
            s.Log.Add("A masked");
            s.K.Board.Irq.Restore(m);
            s.Log.Add("A after restore");
        });
        s.Run();
        Assert.Equal(new[] { "A masked", "B", "A after restore" }, s.Log);
    }
}
