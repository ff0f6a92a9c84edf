using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>
/// Device events (docs/spec/scheduler.md §36): a thread outside the kernel — a nanoFramework event thread,
/// a timer callback, any thread — cannot make kernel calls (WrongContext) but raises a device IRQ line with
/// <see cref="Scheduler.RaiseIrq"/>; the line's handler runs in kernel context, where Give / Set / Signal work.
/// The event threads here are real threads; the pattern is the documented one: store the event (an
/// Interlocked counter), raise, and let the handler take everything stored (raises coalesce).
/// </summary>
public class UnitTestDeviceEvents
{
    private const int Line = 5;

    /// <summary>The documented handler: moves every event the threads stored into a semaphore.</summary>
    private sealed class DrainToSemaphore : IIrqHandler
    {
        public int Stored;              // written by the event threads (Interlocked), taken by the handler
        public int Calls;
        public CountingSemaphore Units;

        public void OnIrq(Scheduler kernel, int irq)
        {
            Calls++;
            int n = Interlocked.Exchange(ref Stored, 0);
            for (int i = 0; i < n; i++) Assert.Equal(KernelStatus.Ok, Units.Give());
        }
    }

    /// <summary>
    /// Real-time board: a foreign thread's Give is refused (WrongContext), its RaiseIrq is not; the driver
    /// idles in RunUntilTick and the raise wakes it; the handler's Give wakes the consumer task, which
    /// receives every event the thread produced.
    /// </summary>
    [Fact]
    public void A_foreign_thread_signals_a_task_through_an_irq_line_on_the_real_time_board()
    {
        DriverThread.Run(() =>
        {
            var board = new RealTimeBoard(BoardProfiles.Esp32);
            var k = new Scheduler(new KernelConfig { PriorityLevels = 32, CheckInvariants = true }, board);
            var h = new DrainToSemaphore { Units = new CountingSemaphore(k, "units", 0, 1000) };
            Assert.Equal(KernelStatus.Ok, k.SetIrqHandler(Line, h));
            int consumed = 0;
            k.CreateTask("consumer", 3, () => { while (h.Units.Take(-1) == KernelStatus.Ok) Interlocked.Increment(ref consumed); });
            Assert.Equal(KernelStatus.Ok, k.RunUntilTick(k.Now + 2));

            const int events = 50;
            KernelStatus giveFromThread = KernelStatus.Ok;
            var raises = new List<KernelStatus>();
            var device = new Thread(() =>
            {
                giveFromThread = h.Units.Give();
                for (int i = 0; i < events; i++)
                {
                    Interlocked.Increment(ref h.Stored);
                    raises.Add(k.RaiseIrq(Line));
                    Thread.Sleep(1);
                }
            }) { IsBackground = true };
            device.Start();
            for (int i = 0; i < 2000 && Volatile.Read(ref consumed) < events; i++) Assert.Equal(KernelStatus.Ok, k.RunUntilTick(k.Now + 5));
            Assert.True(device.Join(30_000));
            Assert.Equal(KernelStatus.WrongContext, giveFromThread);
            Assert.All(raises, r => Assert.Equal(KernelStatus.Ok, r));
            Assert.Equal(events, Volatile.Read(ref consumed));
            Assert.InRange(h.Calls, 1, events);
            Assert.Equal(1, k.ForeignCalls);      // the refused Give; RaiseIrq is no refused call
            Assert.Equal(KernelStatus.Ok, k.Shutdown());
        }, 60_000, "device events on the real-time board");
    }

    /// <summary>
    /// Four threads raise 300 events each while the kernel runs (checkers on): no event is lost, the
    /// handler runs fewer times than raised (coalescing), nothing else is refused.
    /// </summary>
    [Fact]
    public void Four_threads_raising_at_once_lose_no_event()
    {
        DriverThread.Run(() =>
        {
            var board = new RealTimeBoard(BoardProfiles.Esp32);
            var k = new Scheduler(new KernelConfig { PriorityLevels = 32, CheckInvariants = true }, board);
            var h = new DrainToSemaphore { Units = new CountingSemaphore(k, "units", 0, 5000) };
            k.SetIrqHandler(Line, h);
            int consumed = 0;
            k.CreateTask("consumer", 3, () => { while (h.Units.Take(-1) == KernelStatus.Ok) consumed++; });
            k.CreateTask("load", 10, () => { while (true) k.Busy(1); });
            const int perThread = 300;
            int refused = 0;
            var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
            {
                for (int i = 0; i < perThread; i++)
                {
                    Interlocked.Increment(ref h.Stored);
                    if (k.RaiseIrq(Line) != KernelStatus.Ok) Interlocked.Increment(ref refused);
                    if (i % 50 == 0) Thread.Sleep(1);
                }
            }) { IsBackground = true }).ToList();
            threads.ForEach(t => t.Start());
            for (int i = 0; i < 4000 && (threads.Any(t => t.IsAlive) || Volatile.Read(ref consumed) < 4 * perThread); i++)
                Assert.Equal(KernelStatus.Ok, k.RunUntilTick(k.Now + 2));
            Assert.Equal(0, refused);
            Assert.Equal(4 * perThread, Volatile.Read(ref consumed));
            Assert.True(h.Calls <= 4 * perThread);
            Assert.Equal(0, k.ForeignCalls);
            k.CheckInvariants();
            Assert.Equal(KernelStatus.Ok, k.Shutdown());
        }, 120_000, "four raising threads");
    }

    /// <summary>
    /// Simulated board: a raise while the driver is outside a run call stays pending (the handler does not
    /// run, PendingIrqs shows it); three raises coalesce into one handler call at the next run call.
    /// </summary>
    [Fact]
    public void Raises_outside_a_run_call_wait_for_the_next_one_and_coalesce()
    {
        DriverThread.Run(() =>
        {
            using var s = new SimKernel();
            var k = s.K;
            var h = new ActionIrqHandler((kk, line) => s.Log.Add("isr@" + kk.Now));
            k.SetIrqHandler(Line, h);
            Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(2));
            var t = new Thread(() => { for (int i = 0; i < 3; i++) Assert.Equal(KernelStatus.Ok, k.RaiseIrq(Line)); });
            t.Start();
            t.Join();
            Assert.Equal(1 << Line, k.PendingIrqs);
            Assert.Equal(0, h.Calls);
            Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(1));
            Assert.Equal(1, h.Calls);
            Assert.Equal(new[] { "isr@2" }, s.Log);      // delivered at the start of the run call, before its tick
            Assert.Equal(0, k.PendingIrqs);
            Assert.Equal(1, k.IrqsServiced);
        }, 30_000, "raises outside a run call");
    }

    /// <summary>Line 0 (the tick) and lines outside 1..31 are refused, a line with no handler too, and everything after Shutdown.</summary>
    [Fact]
    public void Bad_raises_are_refused_and_change_nothing()
    {
        var s = new SimKernel();
        var k = s.K;
        Assert.Equal(KernelStatus.InvalidArgument, k.RaiseIrq(0));
        Assert.Equal(KernelStatus.InvalidArgument, k.RaiseIrq(-1));
        Assert.Equal(KernelStatus.InvalidArgument, k.RaiseIrq(Board.IrqLines));
        Assert.Equal(KernelStatus.WrongState, k.RaiseIrq(Line));
        Assert.Equal(0, k.PendingIrqs);
        k.SetIrqHandler(Line, new ActionIrqHandler((kk, l) => { }));
        Assert.Equal(KernelStatus.Ok, k.Shutdown());
        Assert.Equal(KernelStatus.ShutDown, k.RaiseIrq(Line));
        Assert.Equal(0, k.PendingIrqs);
    }

    /// <summary>
    /// In the handler the ISR-safe calls work: Give, Set, Signal, Send without waiting, Resume. Each wakes
    /// its task; the tasks run after the IRQ exit, most urgent first.
    /// </summary>
    [Fact]
    public void The_isr_safe_calls_work_in_the_handler_of_a_raised_line()
    {
        using var s = new SimKernel();
        var k = s.K;
        var sem = new CountingSemaphore(k, "sem", 0, 1);
        var flags = new EventFlags(k, "flags");
        var ev = new KernelEvent(k, "ev");
        var q = new MessageQueue(k, "q", 1, 1);
        TaskControlBlock r = null;
        s.Task("g", 2, () => { sem.Take(-1); s.Log.Add("g"); });
        s.Task("f", 3, () => { flags.Wait(1, false, true, -1, out _); s.Log.Add("f"); });
        s.Task("e", 4, () => { ev.Wait(-1); s.Log.Add("e"); });
        s.Task("q", 5, () => { var m = new int[1]; q.Receive(m, -1); s.Log.Add("q" + m[0]); });
        r = s.Task("r", 6, () => { k.Suspend(r); s.Log.Add("r"); });
        var got = new List<KernelStatus>();
        k.SetIrqHandler(Line, new ActionIrqHandler((kk, l) =>
        {
            got.Add(sem.Give());
            got.Add(flags.Set(1));
            got.Add(ev.Signal());
            got.Add(q.Send(new[] { 7 }, 0));
            got.Add(kk.Resume(r));
        }));
        s.Run();
        var t = new Thread(() => k.RaiseIrq(Line));
        t.Start();
        t.Join();
        s.Ticks(1);
        Assert.Equal(Enumerable.Repeat(KernelStatus.Ok, 5), got);
        Assert.Equal(new[] { "g", "f", "e", "q7", "r" }, s.Log);
    }
}
