using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// EventFlags (docs/spec/primitives.md §10) step by step: set, clear, any/all waits satisfied at once
/// or later, the observed value, clear on exit in priority order, re-queue under inheritance (both
/// CAS flavours), timeouts, interrupts, destroy, misuse, and the IRQ-handler and idle-task rules.
/// </summary>
public class UnitTestEventFlags
{
    /// <summary>Set ORs, Clear ANDs out; a wait already satisfied returns at once with the value (and clears its flags when asked).</summary>
    [Fact]
    public void Set_clear_and_immediate_waits()
    {
        using var r = new RtMutexRig();
        var a = r.Task("A", 10);
        var f = new EventFlags(r.S.K, "f");
        r.Start();
        int seen = -1;
        a.Do(() => f.Set(0b0101));
        Assert.Equal(0b0101, f.Value);
        a.Do(() => f.Clear(0b0001));
        Assert.Equal(0b0100, f.Value);
        a.Do(() => f.Wait(0b0110, false, false, 0, out seen));
        Assert.Equal(KernelStatus.Ok, a.LastResult); Assert.Equal(0b0100, seen);
        a.Do(() => f.Wait(0b0110, true, false, 0, out seen));
        Assert.Equal(KernelStatus.TimedOut, a.LastResult); Assert.Equal(0b0100, seen);
        a.Do(() => f.Set(0b0010));
        a.Do(() => f.Wait(0b0110, true, true, -1, out seen));
        Assert.Equal(KernelStatus.Ok, a.LastResult); Assert.Equal(0b0110, seen);
        Assert.Equal(0, f.Value);
        a.Do(() => f.Wait(0, false, false, -1, out seen));
        Assert.Equal(KernelStatus.InvalidArgument, a.LastResult);
        Assert.Equal(0, f.WaiterCount);
        r.Prio(10);
    }

    /// <summary>
    /// Waiters: A (10) any of 0b011 with clear, B (5) all of 0b011, C (10) any of 0b001, D (20) any of 0b100.
    /// Order B, A, C, D. Set 0b001: B (all) not satisfied; A satisfied (observes 0b001, clears it); C is
    /// then left waiting although it was satisfied by the set before A cleared. Set 0b010: B not (0b01
    /// was cleared); nobody else. Set 0b101: B satisfied (observes 0b111), C (0b111), D (0b111). Value 0b111.
    /// </summary>
    [Fact]
    public void Set_wakes_every_satisfied_waiter_in_priority_order_and_clear_on_exit_can_starve_a_later_one()
    {
        using var r = new RtMutexRig();
        var a = r.Task("A", 10); var b = r.Task("B", 5); var c = r.Task("C", 10); var d = r.Task("D", 20);
        var f = new EventFlags(r.S.K, "f");
        r.Start();
        int oa = -1, ob = -1, oc = -1, od = -1;
        a.Do(() => f.Wait(0b011, false, true, -1, out oa));
        b.Do(() => f.Wait(0b011, true, false, -1, out ob));
        c.Do(() => f.Wait(0b001, false, false, -1, out oc));
        d.Do(() => f.Wait(0b100, false, false, -1, out od));
        Assert.Equal("B,A,C,D", WaitOrder.Of(f.WaiterAt));
        Assert.Equal(KernelStatus.Ok, f.Set(0b001));
        r.S.Run();
        Assert.Equal(KernelStatus.Ok, a.LastResult); Assert.Equal(0b001, oa);
        Assert.Equal(0, f.Value);
        Assert.Equal("B,C,D", WaitOrder.Of(f.WaiterAt));
        Assert.Equal(KernelStatus.Ok, f.Set(0b010));
        r.S.Run();
        Assert.Equal("B,C,D", WaitOrder.Of(f.WaiterAt));
        Assert.Equal(KernelStatus.Ok, f.Set(0b101));
        r.S.Run();
        Assert.Equal(0, f.WaiterCount);
        Assert.Equal((0b111, 0b111, 0b111), (ob, oc, od));
        Assert.Equal(0b111, f.Value);
        var sets = r.S.Trace.Events.Where(e => e.Kind == TraceKind.FlagsSet).Select(e => e.B).ToList();
        Assert.Equal(new[] { 0, 0b010, 0b111 }, sets);
        r.Prio(10, 5, 10, 20);
    }

    /// <summary>
    /// Priority inheritance moves a flags waiter: B (12) owns m and waits for flag 1 with clear, A (10)
    /// too → order A, B; H (3) blocks on m → B inherits 3 and moves first, so the set satisfies B
    /// (which clears the flag) and A keeps waiting.
    /// </summary>
    [Theory, Boards]
    public void Inheritance_decides_which_clearing_waiter_gets_the_flag(string board)
    {
        using var r = new RtMutexRig(board);
        var a = r.Task("A", 10); var b = r.Task("B", 12); var h = r.Task("H", 3);
        var m = r.Mutex("m");
        var f = new EventFlags(r.S.K, "f");
        r.Start();
        int oa = 0, ob = 0;
        b.Do(() => m.Lock());
        b.Do(() => f.Wait(1, false, true, -1, out ob)); a.Do(() => f.Wait(1, false, true, -1, out oa));
        Assert.Equal("A,B", WaitOrder.Of(f.WaiterAt));
        h.Do(() => m.Lock());
        Assert.Equal("B,A", WaitOrder.Of(f.WaiterAt));
        Assert.Equal(KernelStatus.Ok, f.Set(1));
        r.S.Run();
        Assert.Equal(KernelStatus.Ok, b.LastResult); Assert.Equal(1, ob);
        Assert.True(a.Busy); Assert.Equal(0, f.Value);
        b.Do(() => m.Unlock());
        r.Owner(m, h); r.Prio(10, 12, 3);
        r.Interrupt(a);
        Assert.Equal(KernelStatus.Interrupted, a.LastResult); Assert.Equal(0, oa);
        r.Finish();
    }

    /// <summary>A timed wait returns TimedOut with the value at that time; Destroy wakes a waiter with Destroyed; later calls are Destroyed.</summary>
    [Fact]
    public void Timeout_and_destroy()
    {
        using var r = new RtMutexRig();
        var a = r.Task("A", 10);
        var f = new EventFlags(r.S.K, "f");
        r.Start();
        int seen = -1;
        a.Do(() => f.Wait(0b110, true, false, 3, out seen));
        Assert.Equal(KernelStatus.Ok, f.Set(0b010));
        r.S.Ticks(3);
        Assert.Equal(KernelStatus.TimedOut, a.LastResult); Assert.Equal(0b010, seen);
        a.Do(() => f.Wait(0b100, false, false, -1, out seen));
        Assert.Equal(KernelStatus.Ok, f.Destroy());
        r.S.Run();
        Assert.Equal(KernelStatus.Destroyed, a.LastResult);
        Assert.Equal(KernelStatus.Destroyed, f.Set(1));
        Assert.Equal(KernelStatus.Destroyed, f.Clear(1));
        Assert.Equal(KernelStatus.Destroyed, f.Wait(1, false, false, 0, out seen));
        Assert.Equal(KernelStatus.Destroyed, f.Destroy());
        Assert.Equal(0b010, f.Value);
        r.Prio(10);
    }

    /// <summary>
    /// From the driver (idle) a wait that would block is WrongContext and changes nothing; a satisfied
    /// one is Ok. From an IRQ handler Set wakes the waiter (preempting the running L at IRQ exit) and a
    /// wait that would block is WrongContext.
    /// </summary>
    [Fact]
    public void Irq_handlers_and_the_idle_task()
    {
        using var r = new RtMutexRig();
        var h = r.Task("H", 5); var l = r.Task("L", 20);
        var f = new EventFlags(r.S.K, "f");
        r.Start();
        Assert.Equal(KernelStatus.WrongContext, f.Wait(1, false, true, -1, out _));
        Assert.Equal(KernelStatus.TimedOut, f.Wait(1, false, true, 0, out _));
        Assert.Equal(KernelStatus.Ok, f.Set(3));
        Assert.Equal(KernelStatus.Ok, f.Wait(1, false, true, -1, out int v));
        Assert.Equal((3, 2), (v, f.Value));
        Assert.Equal(KernelStatus.Ok, f.Clear(-1));

        var seen = new List<KernelStatus>();
        r.S.K.SetIrqHandler(9, new ActionIrqHandler((k, irq) =>
        {
            seen.Add(f.Wait(8, false, false, 5, out _));
            seen.Add(f.Set(8));
        }));
        Assert.True(r.S.Board.InjectAt(2, 9));
        int oh = 0;
        h.Do(() => f.Wait(8, true, false, -1, out oh));
        l.Post(() => r.S.K.Busy(4));
        r.S.Run();
        Assert.Equal(new[] { KernelStatus.WrongContext, KernelStatus.Ok }, seen);
        Assert.Equal(KernelStatus.Ok, h.LastResult); Assert.Equal(8, oh);
        Assert.Contains(r.S.Trace.Events, e => e.Kind == TraceKind.Preempt && e.Task == l.Tcb.Id && e.A == h.Tcb.Id);
        Assert.ThrowsAny<ArgumentException>(() => new EventFlags(null, "f"));
        Assert.ThrowsAny<ArgumentException>(() => new EventFlags(r.S.K, null));
        r.Prio(5, 20);
    }
}
