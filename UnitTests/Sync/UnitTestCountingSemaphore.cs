using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// CountingSemaphore (docs/spec/primitives.md §8) step by step: every call and every error, the
/// wait order, priority changes of waiters (SetPriority and priority inheritance, on both CAS
/// flavours), timeouts, interrupts, destroy, and the IRQ-handler and idle-task rules. The
/// invariant checkers run after every kernel operation (RtMutexRig.Prio runs them once more).
/// </summary>
public class UnitTestCountingSemaphore
{
    /// <summary>
    /// 1. Take from 1 → Ok, count 0.  2. Take(0) → TimedOut, nothing changes.
    /// 3. Give, Give → count 2 (the maximum).  4. Give → Busy, count stays 2.
    /// </summary>
    [Fact]
    public void Take_and_give_keep_the_count_within_its_bounds()
    {
        using var r = new RtMutexRig();
        var a = r.Task("A", 10);
        var sem = new CountingSemaphore(r.S.K, "sem", 1, 2);
        r.Start();
        a.Do(() => sem.Take(-1));
        Assert.Equal(KernelStatus.Ok, a.LastResult); Assert.Equal(0, sem.Count);
        a.Do(() => sem.Take(0));
        Assert.Equal(KernelStatus.TimedOut, a.LastResult); Assert.Equal(0, sem.Count); Assert.Equal(0, sem.WaiterCount);
        a.Do(() => sem.Give()); a.Do(() => sem.Give());
        Assert.Equal(KernelStatus.Ok, a.LastResult); Assert.Equal(2, sem.Count);
        a.Do(() => sem.Give());
        Assert.Equal(KernelStatus.Busy, a.LastResult); Assert.Equal(2, sem.Count);
        Assert.Equal(1, sem.Id);
        Assert.Equal(2, sem.MaxCount);
        r.Prio(10);
    }

    /// <summary>
    /// Waiters A (10), B (5), C (10) block in that order → wait order B, A, C (most urgent first,
    /// FIFO among equals). D (20) gives three times: B, then A, then C get the unit (count stays 0);
    /// a fourth give raises the count to 1. Each give's trace names the task the unit went to.
    /// </summary>
    [Fact]
    public void Give_hands_the_unit_to_the_most_urgent_waiter_fifo_among_equals()
    {
        using var r = new RtMutexRig();
        var a = r.Task("A", 10); var b = r.Task("B", 5); var c = r.Task("C", 10); var d = r.Task("D", 20);
        var sem = new CountingSemaphore(r.S.K, "sem", 0, 5);
        r.Start();
        a.Do(() => sem.Take(-1)); b.Do(() => sem.Take(-1)); c.Do(() => sem.Take(-1));
        Assert.Equal("B,A,C", WaitOrder.Of(sem.WaiterAt));
        Assert.True(a.Busy && b.Busy && c.Busy);
        foreach (var (next, left) in new[] { (b, "A,C"), (a, "C"), (c, "") })
        {
            d.Do(() => sem.Give());
            Assert.Equal(KernelStatus.Ok, d.LastResult);
            Assert.False(next.Busy);
            Assert.Equal(KernelStatus.Ok, next.LastResult);
            Assert.Equal(0, sem.Count);
            Assert.Equal(left, WaitOrder.Of(sem.WaiterAt));
        }
        d.Do(() => sem.Give());
        Assert.Equal(1, sem.Count);
        var gives = r.S.Trace.Events.Where(e => e.Kind == TraceKind.SemaphoreGive).Select(e => e.B).ToList();
        Assert.Equal(new[] { b.Tcb.Id, a.Tcb.Id, c.Tcb.Id, 0 }, gives);
        Assert.All(r.S.Trace.Events.Where(e => e.Kind == TraceKind.SemaphoreGive), e => Assert.Equal(sem.Id, e.A));
        r.Prio(10, 5, 10, 20);
    }

    /// <summary>
    /// A waiter moves when its priority changes, by SetPriority and by priority inheritance.
    /// Tasks A (10), B (12), H (3); rt-mutex m.
    /// 1. B locks m, then B and A wait on the semaphore → order A, B.
    /// 2. H locks m: blocks, B inherits 3 → order B, A (B moved in the semaphore's list).
    /// 3. SetPriority(A, 2) → order A, B.  4. SetPriority(A, 10) → order B, A (A behind its group).
    /// 5. A give goes to B (3); B unlocks m: H owns it, B back to 12.
    /// </summary>
    [Theory, Boards]
    public void Waiters_move_when_their_priority_changes(string board)
    {
        using var r = new RtMutexRig(board);
        var a = r.Task("A", 10); var b = r.Task("B", 12); var h = r.Task("H", 3);
        var m = r.Mutex("m");
        var sem = new CountingSemaphore(r.S.K, "sem", 0, 1);
        r.Start();
        b.Do(() => m.Lock());
        b.Do(() => sem.Take(-1)); a.Do(() => sem.Take(-1));
        Assert.Equal("A,B", WaitOrder.Of(sem.WaiterAt)); r.Prio(10, 12, 3);
        h.Do(() => m.Lock());
        r.Owner(m, b, h); r.Prio(10, 3, 3);
        Assert.Equal("B,A", WaitOrder.Of(sem.WaiterAt));
        r.SetPriority(a, 2);
        Assert.Equal("A,B", WaitOrder.Of(sem.WaiterAt)); r.Prio(2, 3, 3);
        r.SetPriority(a, 10);
        Assert.Equal("B,A", WaitOrder.Of(sem.WaiterAt)); r.Prio(10, 3, 3);
        r.S.K.Interrupt(a.Tcb);   // A leaves; the give below must go to B
        r.S.Run();
        Assert.Equal(KernelStatus.Interrupted, a.LastResult);
        a.Do(() => sem.Give());
        Assert.Equal(KernelStatus.Ok, b.LastResult);
        b.Do(() => m.Unlock());
        r.Owner(m, h); r.Prio(10, 12, 3); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);
        r.Finish();
    }

    /// <summary>Take(3) on an empty semaphore: still waiting after 2 ticks, TimedOut at the third; the list is empty again.</summary>
    [Fact]
    public void A_timed_take_times_out()
    {
        using var r = new RtMutexRig();
        var a = r.Task("A", 10);
        var sem = new CountingSemaphore(r.S.K, "sem", 0, 1);
        r.Start();
        a.Do(() => sem.Take(3));
        r.S.Ticks(2);
        Assert.True(a.Busy); Assert.Equal(1, sem.WaiterCount);
        r.S.Ticks(1);
        Assert.False(a.Busy); Assert.Equal(KernelStatus.TimedOut, a.LastResult);
        Assert.Equal(0, sem.WaiterCount); Assert.NotSame(sem, a.Tcb.WaitingOn);
        r.Prio(10);
    }

    /// <summary>
    /// Scheduler.Interrupt ends a take with Interrupted: interruptible is a property of the wait, and
    /// every kernel wait has it (docs/spec/scheduler.md §19). Interrupting A while it waits for its next
    /// command ends that wait instead (the harness just waits again: no command finished).
    /// </summary>
    [Fact]
    public void Interrupt_ends_a_take()
    {
        using var r = new RtMutexRig();
        var a = r.Task("A", 10);
        var sem = new CountingSemaphore(r.S.K, "sem", 0, 1);
        r.Start();
        r.Interrupt(a);
        Assert.Equal(0, a.CompletedCount);
        a.Do(() => sem.Take(-1));
        Assert.Same(sem, a.Tcb.WaitingOn);
        Assert.True(a.Tcb.Interruptible);
        r.Interrupt(a);
        Assert.Equal(KernelStatus.Interrupted, a.LastResult);
        Assert.Equal(0, sem.WaiterCount);
        Assert.NotSame(sem, a.Tcb.WaitingOn); Assert.False(a.Tcb.InterruptRequested);
        r.Prio(10);
    }

    /// <summary>Destroy wakes both waiters with Destroyed; every later call returns Destroyed and changes nothing.</summary>
    [Fact]
    public void Destroy_wakes_every_waiter_and_later_calls_return_destroyed()
    {
        using var r = new RtMutexRig();
        var a = r.Task("A", 10); var b = r.Task("B", 11); var c = r.Task("C", 12);
        var sem = new CountingSemaphore(r.S.K, "sem", 0, 3);
        r.Start();
        a.Do(() => sem.Take(-1)); b.Do(() => sem.Take(5));
        c.Do(() => sem.Destroy());
        Assert.Equal(KernelStatus.Ok, c.LastResult);
        Assert.Equal(KernelStatus.Destroyed, a.LastResult); Assert.Equal(KernelStatus.Destroyed, b.LastResult);
        Assert.True(sem.IsDestroyed); Assert.Equal(0, sem.WaiterCount);
        c.Do(() => sem.Take(0)); c.Do(() => sem.Take(-1)); c.Do(() => sem.Give()); c.Do(() => sem.Destroy());
        Assert.Equal(new[] { KernelStatus.Destroyed, KernelStatus.Destroyed, KernelStatus.Destroyed, KernelStatus.Destroyed }, c.Results.Skip(1));
        Assert.Equal(0, sem.Count);
        r.S.Ticks(6);   // B's timeout was disarmed by the wake-up
        r.Prio(10, 11, 12);
    }

    /// <summary>
    /// IRQ handlers and the idle task (docs/spec/primitives.md §4). The driver (idle): Take(-1) on an
    /// empty semaphore is WrongContext, Take(0) TimedOut, Give Ok, Take of an available unit Ok.
    /// An IRQ handler at tick 2: a Take that would block is WrongContext (nothing changes), Take(0)
    /// is TimedOut, and its Give wakes the waiting H (5), which preempts L (20) at IRQ exit.
    /// </summary>
    [Fact]
    public void Irq_handlers_and_the_idle_task_use_only_the_non_blocking_forms()
    {
        using var r = new RtMutexRig();
        var h = r.Task("H", 5); var l = r.Task("L", 20);
        var sem = new CountingSemaphore(r.S.K, "sem", 0, 2);
        r.Start();
        Assert.Equal(KernelStatus.WrongContext, sem.Take(-1));
        Assert.Equal(KernelStatus.WrongContext, sem.Take(4));
        Assert.Equal(KernelStatus.TimedOut, sem.Take(0));
        Assert.Equal(KernelStatus.Ok, sem.Give());
        Assert.Equal(KernelStatus.Ok, sem.Take(-1));       // available: nothing to wait for
        Assert.Equal(0, sem.Count);

        var seen = new List<KernelStatus>();
        var isr = new ActionIrqHandler((k, irq) =>
        {
            seen.Add(sem.Take(-1));
            seen.Add(sem.Take(0));
            seen.Add(sem.Give());
        });
        r.S.K.SetIrqHandler(3, isr);
        Assert.True(r.S.Board.InjectAt(2, 3));
        h.Do(() => sem.Take(-1));
        Assert.True(h.Busy);
        l.Post(() => r.S.K.Busy(5));   // burns virtual time: the IRQ of tick 2 arrives while L runs
        r.S.Run();
        Assert.Equal(new[] { KernelStatus.WrongContext, KernelStatus.TimedOut, KernelStatus.Ok }, seen);
        Assert.Equal(KernelStatus.Ok, h.LastResult);
        Assert.True(h.Tcb.SwitchesIn >= 2);
        var switches = r.S.Trace.Events.Where(e => e.Kind == TraceKind.Preempt).ToList();
        Assert.Contains(switches, e => e.Task == l.Tcb.Id && e.A == h.Tcb.Id);
        Assert.False(l.Busy);
        r.Prio(5, 20);
    }

    /// <summary>
    /// A unit given after a waiter's timeout expired, but before that waiter ran, is not spent on it:
    /// the tick (IRQ line 0) expires A's timeout, then the handler of line 4 in the same tick gives.
    /// A returns TimedOut and the count is 1.
    /// </summary>
    [Fact]
    public void A_give_skips_a_waiter_that_timed_out_but_has_not_run_yet()
    {
        using var r = new RtMutexRig();
        var a = r.Task("A", 10);
        var sem = new CountingSemaphore(r.S.K, "sem", 0, 2);
        r.Start();
        r.S.K.SetIrqHandler(4, new ActionIrqHandler((k, irq) => Assert.Equal(KernelStatus.Ok, sem.Give())));
        Assert.True(r.S.Board.InjectAt(2, 4));
        a.Do(() => sem.Take(2));
        r.S.Ticks(2);
        Assert.Equal(KernelStatus.TimedOut, a.LastResult);
        Assert.Equal(1, sem.Count);
        Assert.Equal(0, sem.WaiterCount);
        r.Prio(10);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 1)]
    [InlineData(2, 1)]
    public void Bad_constructor_arguments_throw(int initial, int max)
    {
        using var s = new SimKernel();
        Assert.ThrowsAny<ArgumentException>(() => new CountingSemaphore(s.K, "s", initial, max));
        Assert.ThrowsAny<ArgumentException>(() => new CountingSemaphore(null, "s", 0, 1));
        Assert.ThrowsAny<ArgumentException>(() => new CountingSemaphore(s.K, null, 0, 1));
        s.K.CheckInvariants();
    }
}
