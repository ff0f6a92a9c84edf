using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// The uncontended fast paths of the semaphore, the message queue and the block pool (docs/spec/primitives.md §17):
/// taken exactly when their conditions hold, and then with the full path's results and state; never taken with a
/// waiter, from an IRQ handler, from a foreign thread, with a line pending, or after destroy. Which path ran is seen
/// through <see cref="Scheduler.InvariantChecks"/>: every full kernel call runs the checkers at its outermost Leave
/// (checking is on), a fast path enters nothing and runs none. No trace sink (tracing keeps Give and Send on the full path).
/// </summary>
public class UnitTestPrimitivesFastPath
{
    private static SimKernel Kernel() => new(recordTrace: false);

    /// <summary>Runs <paramref name="call"/> in the calling task; returns its result and whether the checkers ran (the full path).</summary>
    private static (KernelStatus r, bool full) Call(Scheduler k, Func<KernelStatus> call)
    {
        int before = k.InvariantChecks;
        var r = call();
        return (r, k.InvariantChecks != before);
    }

    /// <summary>
    /// A task: Give, Give (0 → 2 = max) and Take, Take run the fast path with Ok; Take(0) on 0 (TimedOut) and Give at the
    /// maximum (Busy) run the full path and change nothing.
    /// </summary>
    [Fact]
    public void Semaphore_uncontended_calls_take_the_fast_path_and_refusals_the_full_one()
    {
        using var s = Kernel();
        var sem = new CountingSemaphore(s.K, "sem", 0, 2);
        var got = new List<(KernelStatus, bool, int)>();
        s.Task("A", 10, () =>
        {
            foreach (var f in new Func<KernelStatus>[] { sem.Give, sem.Give, sem.Give, () => sem.Take(-1), () => sem.Take(0), () => sem.Take(0) })
            {
                var (r, full) = Call(s.K, f);
                got.Add((r, full, sem.Count));
            }
        });
        s.Run();
        Assert.Equal(new[]
        {
            (KernelStatus.Ok, false, 1), (KernelStatus.Ok, false, 2), (KernelStatus.Busy, true, 2),
            (KernelStatus.Ok, false, 1), (KernelStatus.Ok, false, 0), (KernelStatus.TimedOut, true, 0),
        }, got);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// H (5) waits on an empty semaphore; L (10) gives: the full path hands the unit to H (count stays 0). L's next Give
    /// is fast again (count 1), and so is its Take. Then H waits with a 2-tick timeout and times out: the count word still
    /// says "may wait", so L's next Give runs the full path (finds nobody, count 1); the one after it is fast (count 2).
    /// </summary>
    [Fact]
    public void Semaphore_with_a_waiter_takes_the_full_path_and_the_fast_path_returns_once_nobody_waits()
    {
        using var s = Kernel();
        var sem = new CountingSemaphore(s.K, "sem", 0, 2);
        var go = new KernelEvent(s.K, "go");
        var log = new List<string>();
        s.Task("H", 5, () =>
        {
            log.Add("H " + sem.Take(-1));
            go.Wait(-1);
            log.Add("H " + sem.Take(2));
        });
        s.Task("L", 10, () =>
        {
            var (r, full) = Call(s.K, sem.Give);
            log.Add($"L give {r} full={full} count={sem.Count} waiters={sem.WaiterCount}");
            (r, full) = Call(s.K, sem.Give);
            log.Add($"L give {r} full={full} count={sem.Count}");
            (r, full) = Call(s.K, () => sem.Take(0));
            log.Add($"L take {r} full={full} count={sem.Count}");
            go.Signal();   // H runs: it waits again, with a timeout
            log.Add($"L sees waiters={sem.WaiterCount}");
            s.K.Sleep(5);  // H times out meanwhile
            (r, full) = Call(s.K, sem.Give);
            log.Add($"L give {r} full={full} count={sem.Count}");
            (r, full) = Call(s.K, sem.Give);
            log.Add($"L give {r} full={full} count={sem.Count}");
        });
        s.Run();
        s.Ticks(10);
        Assert.Equal(new[]
        {
            "H Ok",
            "L give Ok full=True count=0 waiters=0",
            "L give Ok full=False count=1",
            "L take Ok full=False count=0",
            "L sees waiters=1",
            "H TimedOut",
            "L give Ok full=True count=1",
            "L give Ok full=False count=2",
        }, log);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// From an IRQ handler (masked) Give, Send(…, 0), Receive(…, 0), Allocate and Free run the full path with the usual
    /// results; a line raised by the task just before a fast-eligible Take is delivered by that Take (its handler ran
    /// before the Take returned): the fast path never delays a delivery.
    /// </summary>
    [Fact]
    public void Irq_handlers_use_the_full_path_and_a_pending_line_keeps_the_fast_path_out()
    {
        using var s = Kernel();
        var sem = new CountingSemaphore(s.K, "sem", 1, 3);
        var q = new MessageQueue(s.K, "q", 2, 2);
        var pool = new BlockPool(s.Board, 512, 128);
        var inIrq = new List<string>();
        var handler = new ActionIrqHandler((k, line) =>
        {
            int before = k.InvariantChecks;
            inIrq.Add("give " + sem.Give());
            inIrq.Add("send " + q.Send(new[] { 7, 8 }, 0));
            var into = new int[2];
            inIrq.Add("receive " + q.Receive(into, 0) + " " + into[0] + into[1]);
            inIrq.Add("allocate " + pool.Allocate(out int b) + " " + b);
            inIrq.Add("free " + pool.Free(b));
            inIrq.Add("checks ran in the handler: " + (k.InvariantChecks != before));   // nested: the outer call checks
        });
        Assert.Equal(KernelStatus.Ok, s.K.SetIrqHandler(3, handler));
        int callsSeenAfterTake = -1;
        KernelStatus take = KernelStatus.InvalidArgument;
        s.Task("A", 10, () =>
        {
            Assert.Equal(KernelStatus.Ok, s.K.RaiseIrq(3));
            take = sem.Take(0);
            callsSeenAfterTake = handler.Calls;
        });
        s.Run();
        Assert.Equal(KernelStatus.Ok, take);
        Assert.Equal(1, callsSeenAfterTake);
        Assert.Equal(new[] { "give Ok", "send Ok", "receive Ok 78", "allocate Ok 0", "free Ok", "checks ran in the handler: False" }, inIrq);
        Assert.Equal(1, sem.Count);   // 1, taken, given back in the handler (the Take ran after the handler: 2 - 1)
        Assert.Equal(1, pool.Allocations); Assert.Equal(1, pool.Frees); Assert.Equal(pool.BlockCount, pool.FreeCount);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// While a task owns the CPU with interrupts enabled (so the fast word is set), a thread it starts calls every
    /// fast-path operation: each is refused (WrongContext) and counted in ForeignCalls, and nothing changes.
    /// </summary>
    [Fact]
    public void Foreign_threads_are_refused_and_counted_while_a_task_runs()
    {
        using var s = Kernel();
        var sem = new CountingSemaphore(s.K, "sem", 1, 2);
        var q = new MessageQueue(s.K, "q", 2, 1);
        var pool = new BlockPool(s.Board, 512, 128);
        var results = new List<string>();
        int foreignBefore = 0, foreignAfter = 0;
        s.Task("A", 10, () =>
        {
            Assert.Equal(MemoryStatus.Ok, pool.Allocate(out int held));
            Assert.Equal(KernelStatus.Ok, q.Send(new[] { 5 }, 0));
            foreignBefore = s.K.ForeignCalls;
            var t = new Thread(() =>
            {
                results.Add("take " + sem.Take(0));
                results.Add("give " + sem.Give());
                results.Add("send " + q.Send(new[] { 6 }, 0));
                results.Add("receive " + q.Receive(new int[1], 0));
                results.Add("allocate " + pool.Allocate(out int b) + " " + b);
                results.Add("free " + pool.Free(held));
            });
            t.Start();
            t.Join();
            foreignAfter = s.K.ForeignCalls;
        });
        s.Run();
        Assert.Equal(new[] { "take WrongContext", "give WrongContext", "send WrongContext", "receive WrongContext", "allocate WrongContext -1", "free WrongContext" }, results);
        Assert.Equal(6, foreignAfter - foreignBefore);
        Assert.Equal(1, sem.Count); Assert.Equal(1, q.Count); Assert.Equal(5, q.Peek(0, 0));
        Assert.Equal(1, pool.DirectAllocated); Assert.Equal(1, pool.Allocations); Assert.Equal(0, pool.Frees);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// Queue: Send, Send (full at 2), Receive, Receive are fast and FIFO; Send on full (TimedOut) and Receive on empty
    /// (TimedOut) are full; a waiting receiver gets the next Send directly (full path), after which Send is fast again;
    /// a sender blocked on a full queue is let in by the next Receive (full path); short arrays are InvalidArgument.
    /// </summary>
    [Fact]
    public void Queue_fast_path_runs_only_while_nobody_waits()
    {
        using var s = Kernel();
        var q = new MessageQueue(s.K, "q", 2, 2);
        var go = new KernelEvent(s.K, "go");
        var log = new List<string>();
        int[] rx = new int[2];
        s.Task("H", 5, () =>
        {
            go.Wait(-1);
            log.Add("H receive " + q.Receive(rx, -1) + " " + rx[0]);
            go.Wait(-1);
            log.Add("H send " + q.Send(new[] { 30, 0 }, -1));
        });
        s.Task("L", 10, () =>
        {
            void Do(string what, Func<KernelStatus> f)
            {
                var (r, full) = Call(s.K, f);
                log.Add($"{what} {r} full={full} count={q.Count}");
            }
            var into = new int[2];
            Do("send1", () => q.Send(new[] { 1, 0 }, 0));
            Do("send2", () => q.Send(new[] { 2, 0 }, 0));
            Do("send3", () => q.Send(new[] { 3, 0 }, 0));
            Do("recv", () => q.Receive(into, 0)); log.Add("got " + into[0]);
            Do("recv", () => q.Receive(into, 0)); log.Add("got " + into[0]);
            Do("recv", () => q.Receive(into, 0));
            Do("short", () => q.Receive(new int[1], 0));
            go.Signal();   // H waits to receive
            Do("send-to-waiter", () => q.Send(new[] { 20, 0 }, 0));
            Do("send", () => q.Send(new[] { 21, 0 }, 0));
            Do("send", () => q.Send(new[] { 22, 0 }, 0));
            go.Signal();   // H blocks sending on the full queue
            log.Add("senders " + q.SenderCount);
            Do("recv-lets-sender-in", () => q.Receive(into, 0)); log.Add("got " + into[0] + " then " + q.Peek(0, 0) + "," + q.Peek(1, 0));
            Do("recv", () => q.Receive(into, 0)); log.Add("got " + into[0]);
        });
        s.Run();
        Assert.Equal(new[]
        {
            "send1 Ok full=False count=1", "send2 Ok full=False count=2", "send3 TimedOut full=True count=2",
            "recv Ok full=False count=1", "got 1", "recv Ok full=False count=0", "got 2", "recv TimedOut full=True count=0",
            "short InvalidArgument full=False count=0",
            "H receive Ok 20", "send-to-waiter Ok full=True count=0",
            "send Ok full=False count=1", "send Ok full=False count=2",
            "senders 1",
            "H send Ok", "recv-lets-sender-in Ok full=True count=2", "got 21 then 22,30",
            "recv Ok full=False count=1", "got 22",
        }, log);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// Queue, bad arrays where the fast path runs (room to send, a message to receive, nobody waits): a null or too
    /// short array is InvalidArgument, answered without entering the kernel, and nothing moves — the count, the
    /// queued message and the caller's array stay as they were; a good array afterwards is served as before.
    /// </summary>
    [Fact]
    public void Queue_fast_path_refuses_bad_arrays_and_changes_nothing()
    {
        using var s = Kernel();
        var q = new MessageQueue(s.K, "q", 2, 3);
        var log = new List<string>();
        s.Task("T", 5, () =>
        {
            void Do(string what, Func<KernelStatus> f)
            {
                var (r, full) = Call(s.K, f);
                log.Add($"{what} {r} full={full} count={q.Count}");
            }
            Do("send-null", () => q.Send(null, 0));
            Do("send-short", () => q.Send(new[] { 9, 9 }, 0));
            Do("send", () => q.Send(new[] { 1, 2, 3 }, 0));
            var shortInto = new[] { 7, 7 };
            Do("recv-null", () => q.Receive(null, 0));
            Do("recv-short", () => q.Receive(shortInto, 0));
            log.Add("short array " + shortInto[0] + "," + shortInto[1] + " queued " + q.Peek(0, 0) + "," + q.Peek(0, 1) + "," + q.Peek(0, 2));
            var into = new int[4];
            Do("recv", () => q.Receive(into, 0));
            log.Add("got " + into[0] + "," + into[1] + "," + into[2] + "," + into[3]);
        });
        s.Run();
        Assert.Equal(new[]
        {
            "send-null InvalidArgument full=False count=0", "send-short InvalidArgument full=False count=0",
            "send Ok full=False count=1",
            "recv-null InvalidArgument full=False count=1", "recv-short InvalidArgument full=False count=1",
            "short array 7,7 queued 1,2,3",
            "recv Ok full=False count=0", "got 1,2,3,0",
        }, log);
        s.K.CheckInvariants();
    }

    /// <summary>Destroy: every later call (fast-eligible before) runs the full path and returns Destroyed; the semaphore keeps its count.</summary>
    [Fact]
    public void Destroyed_objects_never_take_the_fast_path()
    {
        using var s = Kernel();
        var sem = new CountingSemaphore(s.K, "sem", 1, 3);
        var q = new MessageQueue(s.K, "q", 2, 1);
        var log = new List<string>();
        s.Task("A", 10, () =>
        {
            Assert.Equal(KernelStatus.Ok, q.Send(new[] { 1 }, 0));
            Assert.Equal(KernelStatus.Ok, sem.Destroy());
            Assert.Equal(KernelStatus.Ok, q.Destroy());
            foreach (var (what, f) in new (string, Func<KernelStatus>)[]
                     { ("take", () => sem.Take(0)), ("give", sem.Give), ("send", () => q.Send(new[] { 2 }, 0)), ("receive", () => q.Receive(new int[1], 0)) })
            {
                var (r, full) = Call(s.K, f);
                log.Add($"{what} {r} full={full}");
            }
        });
        s.Run();
        Assert.Equal(new[] { "take Destroyed full=True", "give Destroyed full=True", "send Destroyed full=True", "receive Destroyed full=True" }, log);
        Assert.Equal(1, sem.Count);
        Assert.Equal(1, q.Count);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// Pool from a task: Allocate and Free keep the full path's results and counters (bad frees refused and counted);
    /// with a line pending, Allocate and Free each deliver it before they return (the fast path steps aside).
    /// </summary>
    [Fact]
    public void Pool_fast_allocate_and_free_keep_the_counters_and_a_pending_line_is_delivered()
    {
        using var s = Kernel();
        var pool = new BlockPool(s.Board, 384, 128);
        var handler = new ActionIrqHandler((k, line) => { });
        Assert.Equal(KernelStatus.Ok, s.K.SetIrqHandler(4, handler));
        var log = new List<string>();
        s.Task("A", 10, () =>
        {
            for (int i = 0; i < 4; i++) log.Add("allocate " + pool.Allocate(out int b) + " " + b);
            log.Add("free 1 " + pool.Free(1));
            log.Add("free 1 " + pool.Free(1));
            log.Add("free 7 " + pool.Free(7));
            s.K.RaiseIrq(4);
            log.Add("allocate " + pool.Allocate(out int c) + " " + c + " handler " + handler.Calls);
            s.K.RaiseIrq(4);
            log.Add("free 0 " + pool.Free(0) + " handler " + handler.Calls);
            log.Add("conservation " + (pool.CheckConservation() ?? "holds"));
        });
        s.Run();
        Assert.Equal(new[]
        {
            "allocate Ok 0", "allocate Ok 1", "allocate Ok 2", "allocate Exhausted -1", "free 1 Ok", "free 1 DoubleFree",
            "free 7 OutOfRange", "allocate Ok 1 handler 1", "free 0 Ok handler 2", "conservation holds",
        }, log);
        Assert.Equal(4, pool.Allocations); Assert.Equal(2, pool.Frees); Assert.Equal(1, pool.Failures);
        Assert.Equal(1, pool.DoubleFrees); Assert.Equal(1, pool.OutOfRangeFrees); Assert.Equal(2, pool.DirectAllocated);
        s.K.CheckInvariants();
    }
}
