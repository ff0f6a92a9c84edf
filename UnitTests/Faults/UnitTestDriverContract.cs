using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Faults;

/// <summary>
/// The driver contract (docs/spec/scheduler.md §35): calls from the driver thread (Main, the idle task)
/// other than RunUntilIdle / AdvanceTicks / RunUntilTick / Shutdown never dispatch — they make tasks
/// ready and return at once; tasks and time run only inside the run calls. Every driver mistake (IRQs
/// left masked, a critical section left open, a driver call from an IRQ handler, from the trace sink or
/// from a task) is refused with a status, never a hang, on the simulated and the real-time board. Each
/// body runs under <see cref="DriverThread"/>: a hang fails the test instead of hanging the suite.
/// </summary>
public class UnitTestDriverContract
{
    /// <summary>
    /// Two time-sliced tasks that never block keep switching; AdvanceTicks still returns at its tick.
    /// Then CreateTask from Main (a more urgent task) returns at once: the new task is Ready, has not
    /// run, no switch happened and time did not move; the next run call runs it.
    /// </summary>
    [Fact]
    public void CreateTask_from_main_returns_at_once_while_time_sliced_tasks_keep_switching()
    {
        DriverThread.Run(() =>
        {
            var s = new SimKernel();
            var k = s.K;
            bool stop = false;
            for (int i = 0; i < 2; i++) s.Task("hog" + i, 5, () => { while (!Volatile.Read(ref stop)) k.Busy(1); }, slice: 2);
            Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(4));
            long now = k.Now;
            int switches = k.ContextSwitches;
            bool ran = false;
            var late = k.CreateTask("late", 1, () => ran = true);
            Assert.NotNull(late);
            Assert.Equal(TaskState.Ready, late.State);
            Assert.False(ran);
            Assert.Equal(now, k.Now);
            Assert.Equal(switches, k.ContextSwitches);
            Assert.Same(k.Idle, k.Current);
            Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(1));
            Assert.True(ran);
            Volatile.Write(ref stop, true);
            Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(2));
            Assert.Equal(KernelStatus.Ok, k.Shutdown());
        }, 30_000, "CreateTask from Main");
    }

    /// <summary>
    /// Signal, Give, Set and Resume from Main wake four tasks: each becomes Ready and the calls return
    /// without a switch; they run, in priority order, at the next RunUntilIdle.
    /// </summary>
    [Fact]
    public void Signal_Give_Set_Resume_from_main_make_tasks_ready_and_return()
    {
        DriverThread.Run(() =>
        {
            using var s = new SimKernel();
            var k = s.K;
            var ev = new KernelEvent(k, "ev");
            var sem = new CountingSemaphore(k, "sem", 0, 1);
            var flags = new EventFlags(k, "flags");
            var log = new List<string>();
            var e = s.Task("e", 3, () => { ev.Wait(-1); log.Add("e"); });
            var g = s.Task("g", 4, () => { sem.Take(-1); log.Add("g"); });
            var f = s.Task("f", 5, () => { flags.Wait(1, false, true, -1, out _); log.Add("f"); });
            TaskControlBlock r = null;
            r = s.Task("r", 6, () => { k.Suspend(r); log.Add("r"); });
            Assert.Equal(KernelStatus.Ok, k.RunUntilIdle());
            Assert.Empty(log);
            int switches = k.ContextSwitches;
            Assert.Equal(KernelStatus.Ok, ev.Signal());
            Assert.Equal(KernelStatus.Ok, sem.Give());
            Assert.Equal(KernelStatus.Ok, flags.Set(1));
            Assert.Equal(KernelStatus.Ok, k.Resume(r));
            Assert.Equal(KernelStatus.Ok, k.Yield());                // from the idle task: nothing
            Assert.Equal(KernelStatus.Ok, k.Checkpoint());           // outside a run call: nothing
            Assert.Empty(log);
            Assert.Equal(switches, k.ContextSwitches);
            foreach (var t in new[] { e, g, f, r }) Assert.Equal(TaskState.Ready, t.State);
            Assert.Equal(KernelStatus.Ok, k.RunUntilIdle());
            Assert.Equal(new[] { "e", "g", "f", "r" }, log);
        }, 30_000, "signals from Main");
    }

    /// <summary>
    /// A device line injected at tick 2 is delivered while the driver is idle, so its handler runs on
    /// the driver thread; every driver call it makes is refused with WrongContext (before: the nested
    /// run never returned). The outer AdvanceTicks ends at its tick and the kernel is not shut down.
    /// </summary>
    [Fact]
    public void Driver_calls_from_an_IRQ_handler_on_the_driver_thread_are_refused()
    {
        DriverThread.Run(() =>
        {
            using var s = new SimKernel();
            var k = s.K;
            var got = new List<KernelStatus>();
            Thread handlerThread = null;
            k.SetIrqHandler(3, new ActionIrqHandler((kk, line) =>
            {
                handlerThread = Thread.CurrentThread;
                got.Add(kk.RunUntilIdle());
                got.Add(kk.AdvanceTicks(1));
                got.Add(kk.RunUntilTick(kk.Now + 5));
                got.Add(kk.Shutdown());
            }));
            Assert.True(s.Board.InjectAt(2, 3));
            int ran = 0;
            s.Task("t", 5, () => { while (true) { k.Sleep(1); ran++; } });
            Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(4));
            Assert.Same(Thread.CurrentThread, handlerThread);
            Assert.Equal(4, k.Now);
            Assert.Equal(Enumerable.Repeat(KernelStatus.WrongContext, 4), got);
            Assert.False(k.IsShutDown);
            Assert.Equal(4, ran);
        }, 30_000, "a driver call from an IRQ handler");
    }

    /// <summary>The same handler delivered on a task thread (at its Busy tick): WrongContext too.</summary>
    [Fact]
    public void Driver_calls_from_an_IRQ_handler_on_a_task_thread_are_refused()
    {
        DriverThread.Run(() =>
        {
            using var s = new SimKernel();
            var k = s.K;
            var got = new List<KernelStatus>();
            TaskControlBlock current = null;
            k.SetIrqHandler(3, new ActionIrqHandler((kk, line) =>
            {
                current = kk.Current;
                got.Add(kk.RunUntilIdle());
                got.Add(kk.AdvanceTicks(1));
                got.Add(kk.Shutdown());
            }));
            Assert.True(s.Board.InjectAt(2, 3));
            var busy = s.Task("busy", 5, () => k.Busy(4));
            Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(6));
            Assert.Same(busy, current);
            Assert.Equal(Enumerable.Repeat(KernelStatus.WrongContext, 3), got);
            Assert.Equal(TaskState.Dead, busy.State);
        }, 30_000, "a driver call from an IRQ handler on a task");
    }

    /// <summary>
    /// Main leaves a critical section open (Enter without Leave), or masks the board's IRQs: every run
    /// call returns WrongContext at once and runs nothing (before: RunUntilTick never returned, and
    /// RunUntilIdle returned Ok having run nothing). After Leave / Restore everything runs.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Run_calls_with_IRQs_masked_on_the_driver_are_refused(bool simulated)
    {
        DriverThread.Run(() =>
        {
            Board board = simulated ? new SimulatedBoard(BoardProfiles.Stm32) : new RealTimeBoard(BoardProfiles.Esp32);
            var k = new Scheduler(new KernelConfig { PriorityLevels = 32, CheckInvariants = true, WatchdogMs = 2000 }, board);
            int ran = 0;
            k.CreateTask("t", 5, () => ran++);
            int st = k.Enter();
            Assert.Equal(KernelStatus.WrongContext, k.RunUntilIdle());
            Assert.Equal(KernelStatus.WrongContext, k.RunUntilTick(k.Now + 3));
            if (simulated) Assert.Equal(KernelStatus.WrongContext, k.AdvanceTicks(3));
            Assert.Equal(KernelStatus.WrongContext, k.Shutdown());
            Assert.Equal(0, ran);
            k.Leave(st);
            Assert.Equal(KernelStatus.Ok, k.RunUntilIdle());
            Assert.Equal(1, ran);
            int m = board.Irq.Mask();
            Assert.Equal(KernelStatus.WrongContext, k.RunUntilTick(k.Now + 3));
            board.Irq.Restore(m);
            long target = k.Now + 3;
            Assert.Equal(KernelStatus.Ok, k.RunUntilTick(target));
            Assert.True(k.Now >= target);
            Assert.Equal(KernelStatus.Ok, k.Shutdown());
        }, 30_000, "run calls with IRQs masked");
    }

    /// <summary>
    /// Real-time board: a task that never blocks is halted at RunUntilTick's target; then CreateTask
    /// from Main returns at once, and ticks raised while Main is outside a run call stay pending (nothing
    /// runs) until the next run call (before: CreateTask ran the tasks until the watchdog fired).
    /// </summary>
    [Fact]
    public void On_the_real_time_board_set_up_calls_from_main_return_at_once()
    {
        DriverThread.Run(() =>
        {
            var board = new RealTimeBoard(BoardProfiles.Esp32);
            var k = new Scheduler(new KernelConfig { PriorityLevels = 32, CheckInvariants = true }, board);
            bool stop = false;
            k.CreateTask("hog", 5, () => { while (!Volatile.Read(ref stop)) k.Busy(1); });
            Assert.Equal(KernelStatus.Ok, k.RunUntilTick(k.Now + 20));
            bool ran = false;
            long now = k.Now;
            var late = k.CreateTask("late", 1, () => ran = true);
            Assert.Equal(TaskState.Ready, late.State);
            Assert.Same(k.Idle, k.Current);
            Thread.Sleep(30);
            Assert.Equal(KernelStatus.Ok, k.Yield());
            Assert.False(ran);
            Assert.Equal(now, k.Now);
            Assert.Equal(KernelStatus.Ok, k.RunUntilTick(k.Now + 2));
            Assert.True(ran);
            Volatile.Write(ref stop, true);
            Assert.Equal(KernelStatus.Ok, k.RunUntilTick(k.Now + 2));
            Assert.Equal(KernelStatus.Ok, k.Shutdown());
        }, 30_000, "CreateTask from Main on the real-time board");
    }

    /// <summary>The trace sink runs on the driver thread during a run call: a run call from it is refused.</summary>
    [Fact]
    public void A_driver_call_from_the_trace_sink_is_refused()
    {
        DriverThread.Run(() =>
        {
            using var s = new SimKernel(recordTrace: false);
            var k = s.K;
            var got = new List<KernelStatus>();
            k.Trace.Sink = new CallbackSink(e =>
            {
                if (got.Count < 4 && e.Kind == TraceKind.Switch) got.Add(k.RunUntilIdle());
            });
            s.Task("t", 5, () => k.Sleep(1));
            Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(2));
            Assert.NotEmpty(got);
            Assert.All(got, g => Assert.Equal(KernelStatus.WrongContext, g));
        }, 30_000, "a driver call from the trace sink");
    }

    /// <summary>
    /// Task a takes a C# lock and yields to b, which blocks on that lock outside the kernel: b is stuck.
    /// With a fake wall clock that moves only when the driver reads it, the stuck report comes twice the
    /// watchdog period after the last switch (at most one eighth of a period later: the driver looks for
    /// switches eight times a period), as docs/spec/scheduler.md §29 says, not three times.
    /// </summary>
    [Fact]
    public void A_task_stuck_after_a_switch_is_reported_twice_the_watchdog_period_after_it()
    {
        DriverThread.Run(() =>
        {
            const int wd = 400, step = 10;
            var s = new SimKernel(watchdogMs: wd);
            var k = s.K;
            long fake = 1000;
            k.clockSeam = () => Interlocked.Add(ref fake, step);
            object gate = new();
            long switchedAt = -1;
            s.Task("a", 5, () => { lock (gate) { Volatile.Write(ref switchedAt, Volatile.Read(ref fake)); k.Yield(); } });
            var b = s.Task("b", 5, () => { lock (gate) { } });
            Assert.Equal(KernelStatus.WatchdogExpired, k.AdvanceTicks(1));
            long reportedAt = Volatile.Read(ref fake);
            Assert.True(k.WatchdogTaskStuck);
            Assert.Same(b, k.WatchdogTask);
            long took = reportedAt - Volatile.Read(ref switchedAt);
            Assert.True(took >= 2 * wd, "reported " + took + " ms after the switch");
            Assert.True(took <= 2 * wd + wd / 8 + 4 * step, "reported " + took + " ms after the switch (2 x " + wd + " documented)");
            k.clockSeam = null;
            Assert.Equal(KernelStatus.Ok, k.Shutdown());
        }, 60_000, "the watchdog");
    }

    private sealed class CallbackSink : ITraceSink
    {
        private readonly Action<TraceEvent> _on;
        public CallbackSink(Action<TraceEvent> on) { _on = on; }
        public void OnEvent(TraceEvent e) => _on(e);
    }
}
