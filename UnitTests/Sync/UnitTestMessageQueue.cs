using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// MessageQueue (docs/spec/primitives.md §9) step by step: copy semantics, FIFO and urgent order,
/// a full queue (blocked senders let in most urgent first, an urgent one to the front), direct
/// hand-off to a waiting receiver, re-queue under priority inheritance (both CAS flavours),
/// timeouts, interrupts, destroy, misuse, and the IRQ-handler and idle-task rules.
/// </summary>
public class UnitTestMessageQueue
{
    private static int[] Msg(int a, int b) => new[] { a, b };

    /// <summary>
    /// Capacity 3, two words. A sends (1,10), (2,20), then changes its array (nothing queued changes:
    /// messages are copied), sends urgent (9,90) → front. Receives give (9,90), (1,10), (2,20); a
    /// fourth Receive(0) is TimedOut.
    /// </summary>
    [Fact]
    public void Messages_are_copied_and_received_in_order_urgent_first()
    {
        using var r = new RtMutexRig();
        var a = r.Task("A", 10);
        var q = new MessageQueue(r.S.K, "q", 3, 2);
        r.Start();
        int[] buf = Msg(1, 10);
        a.Do(() => q.Send(buf, 0));
        buf[0] = 2; buf[1] = 20;
        a.Do(() => q.Send(buf, 0));
        buf[0] = 7;
        Assert.Equal(new[] { 1, 10, 2, 20 }, new[] { q.Peek(0, 0), q.Peek(0, 1), q.Peek(1, 0), q.Peek(1, 1) });
        a.Do(() => q.SendUrgent(Msg(9, 90), 0));
        Assert.Equal(3, q.Count); Assert.Equal(3, q.Capacity); Assert.Equal(2, q.WordsPerMessage);
        var got = new List<int>();
        int[] into = new int[3];
        for (int i = 0; i < 3; i++)
        {
            a.Do(() => q.Receive(into, -1));
            Assert.Equal(KernelStatus.Ok, a.LastResult);
            got.Add(into[0]); got.Add(into[1]);
        }
        Assert.Equal(new[] { 9, 90, 1, 10, 2, 20 }, got);
        a.Do(() => q.Receive(into, 0));
        Assert.Equal(KernelStatus.TimedOut, a.LastResult);
        Assert.Equal(0, q.Count);
        r.Prio(10);
    }

    /// <summary>
    /// A full queue (capacity 1): Send(0) is TimedOut. Senders S1 (10), S2 (5, urgent), S3 (10)
    /// block → order S2, S1, S3. R (20) receives: the queued message, and S2's urgent message moves
    /// in; next Receive gets S2's, S1's moves in; then S1's, S3's moves in; then S3's.
    /// </summary>
    [Fact]
    public void A_receive_lets_the_most_urgent_blocked_sender_in()
    {
        using var r = new RtMutexRig();
        var s1 = r.Task("S1", 10); var s2 = r.Task("S2", 5); var s3 = r.Task("S3", 10); var rx = r.Task("R", 20);
        var q = new MessageQueue(r.S.K, "q", 1, 2);
        r.Start();
        rx.Do(() => q.Send(Msg(0, 0), 0));
        rx.Do(() => q.Send(Msg(0, 1), 0));
        Assert.Equal(KernelStatus.TimedOut, rx.LastResult);
        s1.Do(() => q.Send(Msg(1, 1), -1)); s2.Do(() => q.SendUrgent(Msg(2, 2), -1)); s3.Do(() => q.Send(Msg(3, 3), 50));
        Assert.Equal("S2,S1,S3", WaitOrder.Of(i => q.WaiterAt(true, i)));
        Assert.Equal(3, q.SenderCount);
        int[] into = new int[2];
        var got = new List<int>();
        foreach (var (next, left) in new[] { (s2, "S1,S3"), (s1, "S3"), (s3, "") })
        {
            rx.Do(() => q.Receive(into, -1));
            got.Add(into[0]);
            Assert.False(next.Busy); Assert.Equal(KernelStatus.Ok, next.LastResult);
            Assert.Equal(1, q.Count);
            Assert.Equal(left, WaitOrder.Of(i => q.WaiterAt(true, i)));
        }
        rx.Do(() => q.Receive(into, -1));
        got.Add(into[0]);
        Assert.Equal(new[] { 0, 2, 1, 3 }, got);
        Assert.Equal(0, q.Count);
        r.Prio(10, 5, 10, 20);
    }

    /// <summary>
    /// Receivers A (10) and B (5) wait on an empty queue → order B, A. S (20) sends: the message is
    /// written straight into B's array (the queue stays empty) and B wakes; the QueueSend trace event
    /// names B. A second send goes to A the same way.
    /// </summary>
    [Fact]
    public void Send_hands_the_message_directly_to_the_most_urgent_waiting_receiver()
    {
        using var r = new RtMutexRig();
        var a = r.Task("A", 10); var b = r.Task("B", 5); var s = r.Task("S", 20);
        var q = new MessageQueue(r.S.K, "q", 2, 3);
        r.Start();
        int[] intoA = new int[3], intoB = new int[4];
        a.Do(() => q.Receive(intoA, -1)); b.Do(() => q.Receive(intoB, -1));
        Assert.Equal("B,A", WaitOrder.Of(i => q.WaiterAt(false, i)));
        Assert.Equal(2, q.ReceiverCount);
        s.Do(() => q.Send(new[] { 4, 5, 6 }, 0));
        Assert.Equal(KernelStatus.Ok, b.LastResult);
        Assert.Equal(new[] { 4, 5, 6, 0 }, intoB);
        Assert.Equal(0, q.Count);
        s.Do(() => q.SendUrgent(new[] { 7, 8, 9, 99 }, 0));
        Assert.Equal(new[] { 7, 8, 9 }, intoA);
        Assert.Equal(0, q.Count); Assert.Equal(0, q.ReceiverCount);
        var sends = r.S.Trace.Events.Where(e => e.Kind == TraceKind.QueueSend).Select(e => e.B).ToList();
        Assert.Equal(new[] { b.Tcb.Id, a.Tcb.Id }, sends);
        r.Prio(10, 5, 20);
    }

    /// <summary>
    /// Receivers and senders move when their priority changes by inheritance. Tasks A (10), B (12), H (3);
    /// rt-mutex m. B locks m; B then A wait to receive (order A, B); H blocks on m → B inherits 3 and
    /// moves in front of A; a send goes to B. Then the same on the sender side of a full queue.
    /// </summary>
    [Theory, Boards]
    public void Receivers_and_senders_move_when_priority_inheritance_changes_them(string board)
    {
        using var r = new RtMutexRig(board);
        var a = r.Task("A", 10); var b = r.Task("B", 12); var h = r.Task("H", 3);
        var m = r.Mutex("m");
        var q = new MessageQueue(r.S.K, "q", 1, 1);
        r.Start();
        int[] ia = new int[1], ib = new int[1];
        b.Do(() => m.Lock());
        b.Do(() => q.Receive(ib, -1)); a.Do(() => q.Receive(ia, -1));
        Assert.Equal("A,B", WaitOrder.Of(i => q.WaiterAt(false, i)));
        h.Do(() => m.Lock());
        r.Prio(10, 3, 3);
        Assert.Equal("B,A", WaitOrder.Of(i => q.WaiterAt(false, i)));
        Assert.Equal(KernelStatus.Ok, q.Send(new[] { 42 }, 0));   // H is blocked on m: the driver sends
        r.S.Run();
        Assert.Equal(42, ib[0]); Assert.Equal(KernelStatus.Ok, b.LastResult);
        Assert.Equal(KernelStatus.Ok, q.Send(new[] { 43 }, 0));
        r.S.Run();
        Assert.Equal(43, ia[0]);
        // senders: the queue is empty; fill it, then B (3, boosted) and A (10) block sending
        Assert.Equal(KernelStatus.Ok, q.Send(new[] { 1 }, 0));
        a.Do(() => q.Send(new[] { 2 }, -1)); b.Do(() => q.Send(new[] { 3 }, -1));
        Assert.Equal("B,A", WaitOrder.Of(i => q.WaiterAt(true, i)));
        r.SetPriority(a, 1);
        Assert.Equal("A,B", WaitOrder.Of(i => q.WaiterAt(true, i)));
        int[] d = new int[1];
        Assert.Equal(KernelStatus.Ok, q.Receive(d, 0));
        r.S.Run();
        Assert.Equal(1, d[0]); Assert.Equal(2, q.Peek(0, 0)); Assert.False(a.Busy);
        r.Prio(1, 3, 3);
        r.Finish();
    }

    /// <summary>Timed receive and timed send time out; Interrupt ends a receive and a send; Destroy wakes a receiver and a sender with Destroyed.</summary>
    [Fact]
    public void Timeouts_interrupts_and_destroy_end_both_kinds_of_wait()
    {
        using var r = new RtMutexRig();
        var a = r.Task("A", 10); var b = r.Task("B", 11);
        var empty = new MessageQueue(r.S.K, "empty", 1, 1);
        var full = new MessageQueue(r.S.K, "full", 1, 1);
        r.Start();
        Assert.Equal(KernelStatus.Ok, full.Send(new[] { 5 }, 0));
        int[] into = new int[1];
        a.Do(() => empty.Receive(into, 2)); b.Do(() => full.Send(new[] { 6 }, 3));
        r.S.Ticks(2);
        Assert.Equal(KernelStatus.TimedOut, a.LastResult); Assert.True(b.Busy);
        r.S.Ticks(1);
        Assert.Equal(KernelStatus.TimedOut, b.LastResult);
        a.Do(() => empty.Receive(into, -1)); b.Do(() => full.SendUrgent(new[] { 6 }, -1));
        r.Interrupt(a); r.Interrupt(b);
        Assert.Equal(KernelStatus.Interrupted, a.LastResult); Assert.Equal(KernelStatus.Interrupted, b.LastResult);
        Assert.Equal(0, empty.ReceiverCount + full.SenderCount);
        Assert.Equal(5, full.Peek(0, 0));
        a.Do(() => empty.Receive(into, -1)); b.Do(() => full.Send(new[] { 6 }, -1));
        Assert.Equal(KernelStatus.Ok, empty.Destroy()); Assert.Equal(KernelStatus.Ok, full.Destroy());
        r.S.Run();
        Assert.Equal(KernelStatus.Destroyed, a.LastResult); Assert.Equal(KernelStatus.Destroyed, b.LastResult);
        Assert.Equal(KernelStatus.Destroyed, full.Send(new[] { 1 }, 0));
        Assert.Equal(KernelStatus.Destroyed, full.Receive(into, 0));
        Assert.Equal(KernelStatus.Destroyed, full.Destroy());
        Assert.Equal(0, into[0]);
        r.Prio(10, 11);
    }

    /// <summary>
    /// Misuse changes nothing: a null or too short array is InvalidArgument for every call; from the
    /// driver (idle), a send to a full queue or a receive from an empty one that would wait is
    /// WrongContext, the 0-tick forms are TimedOut. From an IRQ handler, Send(…, 0) hands a message to
    /// the waiting receiver; a Receive that would wait is WrongContext.
    /// </summary>
    [Fact]
    public void Misuse_and_context_rules_change_nothing()
    {
        using var r = new RtMutexRig();
        var a = r.Task("A", 10);
        var q = new MessageQueue(r.S.K, "q", 1, 2);
        r.Start();
        Assert.Equal(KernelStatus.InvalidArgument, q.Send(null, 0));
        Assert.Equal(KernelStatus.InvalidArgument, q.Send(new int[1], 0));
        Assert.Equal(KernelStatus.InvalidArgument, q.SendUrgent(new int[1], -1));
        Assert.Equal(KernelStatus.InvalidArgument, q.Receive(null, -1));
        Assert.Equal(KernelStatus.InvalidArgument, q.Receive(new int[1], 0));
        Assert.Equal(0, q.Count);
        Assert.Equal(KernelStatus.WrongContext, q.Receive(new int[2], -1));
        Assert.Equal(KernelStatus.TimedOut, q.Receive(new int[2], 0));
        Assert.Equal(KernelStatus.Ok, q.Send(new[] { 1, 2 }, -1));       // room: nothing to wait for
        Assert.Equal(KernelStatus.WrongContext, q.Send(new[] { 3, 4 }, 5));
        Assert.Equal(KernelStatus.TimedOut, q.SendUrgent(new[] { 3, 4 }, 0));
        Assert.Equal(1, q.Count); Assert.Equal(1, q.Peek(0, 0));
        int[] d = new int[2];
        Assert.Equal(KernelStatus.Ok, q.Receive(d, 0));

        var seen = new List<KernelStatus>();
        r.S.K.SetIrqHandler(6, new ActionIrqHandler((k, irq) =>
        {
            seen.Add(q.Receive(new int[2], -1));
            seen.Add(q.Send(new[] { 8, 9 }, 0));
        }));
        Assert.True(r.S.Board.InjectAt(1, 6));
        int[] into = new int[2];
        a.Do(() => q.Receive(into, -1));
        r.S.Ticks(1);
        Assert.Equal(new[] { KernelStatus.WrongContext, KernelStatus.Ok }, seen);
        Assert.Equal(KernelStatus.Ok, a.LastResult); Assert.Equal(new[] { 8, 9 }, into);
        Assert.ThrowsAny<ArgumentException>(() => new MessageQueue(r.S.K, "x", 0, 1));
        Assert.ThrowsAny<ArgumentException>(() => new MessageQueue(r.S.K, "x", 1, 0));
        Assert.ThrowsAny<ArgumentException>(() => new MessageQueue(r.S.K, "x", 1, 17));
        Assert.ThrowsAny<ArgumentException>(() => new MessageQueue(null, "x", 1, 1));
        r.Prio(10);
    }
}
