using NfRt.Kernel;
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
            int m = s.K.Board.Interrupts.Mask();
            before = s.Board.Now;
            r = s.K.Busy(5);
            after = s.Board.Now;
            s.K.Board.Interrupts.Restore(m);
        });
        s.Run();
        Assert.Equal(KernelStatus.WrongContext, r);
        Assert.Equal(before, after);   // no virtual time passed
    }

    [Fact]
    public void A_throwing_interrupt_handler_does_not_leave_the_cpu_masked()
    {
        using var s = new SimKernel();
        var h = new ActionInterruptHandler((k, irq) => throw new InvalidOperationException("isr bug"));
        Assert.Equal(KernelStatus.Ok, s.K.SetInterruptHandler(7, h));
        Exception seen = null;
        s.Task("t", 3, () =>
        {
            s.K.Board.Interrupts.Raise(7);
            try { s.K.Checkpoint(); } catch (InvalidOperationException e) { seen = e; }
            Assert.False(s.K.Board.Interrupts.IsMasked);
            s.K.Sleep(1);                  // the kernel still works: sleep, tick, wake
            s.Log.Add("woke");
        });
        s.Run();
        s.Ticks(1);
        Assert.NotNull(seen);
        Assert.Equal(1, h.Calls);
        Assert.Equal(new[] { "woke" }, s.Log);
    }
}
