using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>
/// No two threads ever run kernel code (or task code) at once: a thread that does not own the
/// CPU is refused (a WrongContext status; a <see cref="KernelFaultException"/> from the critical-section API) before it changes anything, and a
/// stress run with a shared "inside" counter never sees two runners.
/// </summary>
public class UnitTestSingleRunner
{
    /// <summary>Runs <paramref name="call"/> on a fresh plain thread, joins it, returns what it threw.</summary>
    private static Exception OnForeignThread(Action call)
    {
        Exception caught = null;
        var th = new Thread(() => { try { call(); } catch (Exception e) { caught = e; } });
        th.Start();
        Assert.True(th.Join(TimeSpan.FromSeconds(10)), "foreign thread hung");
        return caught;
    }

    private static (long now, long boardNow, int buffered, int switches, int pending, bool masked, int serviced) Snapshot(SimKernel s) =>
        (s.K.Now, s.Board.Now, s.K.Trace.Count, s.K.ContextSwitches, s.Board.Irq.Pending, s.Board.Irq.IsMasked, s.K.IrqsServiced);

    /// <summary>
    /// While task T owns the CPU it starts a plain thread that calls kernel APIs, then joins it.
    /// 1. Every call from the foreign thread is refused: the critical-section API (Enter, CheckInvariants)
    ///    throws KernelFaultException, every other call returns WrongContext (CreateTask: null + WrongContext).
    /// 2. Back in T: time, trace, switches, the interrupt mask, T's priority, the event, the timer,
    ///    the task table and the current task are exactly as before.
    /// </summary>
    [Fact]
    public void Kernel_calls_from_a_foreign_thread_fault_and_change_nothing_while_a_task_runs()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        var timer = new KernelTimer(s.K, ev);
        var isr = new ActionIrqHandler((k, irq) => { });
        s.K.SetIrqHandler(5, isr);
        TaskControlBlock t = null, other = null;
        var results = new List<string>();
        t = s.Task("T", 5, () =>
        {
            s.Board.Irq.Raise(5);   // pending until T's next preemption point
            var before = Snapshot(s);
            var calls = new (string name, Func<object> call)[]
            {
                ("Enter", () => s.K.Enter()),
                ("Yield", () => s.K.Yield()),
                ("Sleep(0)", () => s.K.Sleep(0)),
                ("Sleep(3)", () => s.K.Sleep(3)),
                ("Busy(1)", () => s.K.Busy(1)),
                ("Checkpoint", () => s.K.Checkpoint()),
                ("Signal", () => ev.Signal()),
                ("Wait", () => ev.Wait(5)),
                ("SetPriority", () => s.K.SetPriority(t, 1)),
                ("Suspend", () => s.K.Suspend(other)),
                ("Resume", () => s.K.Resume(t)),
                ("Arm", () => timer.Arm(3)),
                ("Cancel", () => timer.Cancel()),
                ("CreateTask", () => s.K.CreateTask("X", 3, () => { }, TaskOptions.None, 0, out var err) == null ? err : KernelStatus.Ok),
                ("CheckInvariants", () => { s.K.CheckInvariants(); return null; }),
                ("RunUntilIdle", () => s.K.RunUntilIdle()),
                ("AdvanceTicks", () => s.K.AdvanceTicks(1)),
                ("Shutdown", () => s.K.Shutdown()),
            };
            foreach (var (name, call) in calls)
            {
                object r = null;
                var e = OnForeignThread(() => r = call());
                results.Add(name + ": " + (e != null ? e.GetType().Name : r is KernelStatus st ? st.ToString() : "returned"));
            }
            Assert.Equal(before, Snapshot(s));
            Assert.Same(t, s.K.Current);
            Assert.Equal(TaskState.Running, t.State);
            Assert.Equal(5, t.EffectivePriority);
            Assert.Equal(TaskState.Ready, other.State);
            Assert.False(ev.IsSignaled);
            Assert.False(timer.IsArmed);
            Assert.Equal(2, s.K.TaskCount);
            Assert.Equal(0, isr.Calls);
            s.K.Checkpoint();                 // T's own preemption point delivers the pending line
            Assert.Equal(1, isr.Calls);
        });
        other = s.Task("O", 9, () => { });
        s.Run();
        Assert.All(results, r => Assert.EndsWith(r.StartsWith("Enter") || r.StartsWith("CheckInvariants") ? ": KernelFaultException" : ": WrongContext", r));
        Assert.Equal(18, results.Count);
        Assert.Equal(16, s.K.ForeignCalls);
        Assert.False(s.K.IsShutDown);
    }

    /// <summary>
    /// While the driver is idle a foreign thread raises a line (allowed: Raise is thread-safe) and
    /// then tries to deliver it with Checkpoint: refused, the handler has not run; the driver's
    /// own next preemption point runs it on the driver thread.
    /// </summary>
    [Fact]
    public void Foreign_thread_cannot_deliver_interrupts_while_the_driver_is_idle()
    {
        using var s = new SimKernel();
        int isrThread = -1;
        var isr = new ActionIrqHandler((k, irq) => isrThread = Environment.CurrentManagedThreadId);
        s.K.SetIrqHandler(5, isr);
        s.Run();
        Assert.Null(OnForeignThread(() => Assert.True(s.Board.Irq.Raise(5))));
        KernelStatus r = KernelStatus.Ok;
        Assert.Null(OnForeignThread(() => r = s.K.Checkpoint()));
        Assert.Equal(KernelStatus.WrongContext, r);
        Assert.Equal(0, isr.Calls);
        Assert.Equal(1 << 5, s.Board.Irq.Pending);
        Assert.Null(OnForeignThread(() => r = s.K.Yield()));
        Assert.Equal(KernelStatus.WrongContext, r);
        Assert.IsType<KernelFaultException>(OnForeignThread(() => s.K.Enter()));
        Assert.False(s.Board.Irq.IsMasked);
        s.Run();
        Assert.Equal(1, isr.Calls);
        Assert.Equal(Environment.CurrentManagedThreadId, isrThread);
    }

    /// <summary>An invariant checker that counts itself in the shared "inside" counter: kernel code is a runner too.</summary>
    private sealed class InsideChecker : IInvariantChecker
    {
        private readonly Func<string> _probe;
        public InsideChecker(Func<string> probe) { _probe = probe; }
        public string Check() => _probe();
    }

    /// <summary>
    /// Stress: <paramref name="tasks"/> tasks at 3 priorities (time slice 1) each do <paramref name="rounds"/> rounds
    /// of a seeded random kernel call (yield, sleep, busy, event signal / timed wait, priority change,
    /// checkpoint, Enter/Leave, a masked region raising a line); an ISR fires every 7 ticks and re-arms itself.
    /// Task code between kernel calls, the ISR and an invariant checker (kernel code, run after every
    /// operation) all increment one shared counter with Interlocked, widen the window, and record the
    /// largest value seen: it must never exceed 1. Returns (probes, context switches).
    /// </summary>
    private static (int probes, int switches) Stress(Scheduler k, Action<Func<bool>> drive, int tasks, int rounds)
    {
        int inside = 0, maxSeen = 0, probes = 0, finished = 0;
        string Probe()
        {
            int v = Interlocked.Increment(ref inside);
            if (v > maxSeen) maxSeen = v;
            probes++;
            Thread.SpinWait(20);
            Thread.Yield();                 // give any wrongly running thread a chance to overlap
            v = Volatile.Read(ref inside);
            if (v > maxSeen) maxSeen = v;
            Interlocked.Decrement(ref inside);
            return null;
        }
        Assert.Equal(KernelStatus.Ok, k.AddInvariantChecker(new InsideChecker(Probe)));
        var ev = new KernelEvent(k);
        var sim = k.Board as SimulatedBoard;
        k.SetIrqHandler(3, new ActionIrqHandler((kk, irq) => { Probe(); ev.Signal(); sim?.InjectAt(sim.Now + 7, 3); }));
        sim?.InjectAt(3, 3);
        var tcbs = new TaskControlBlock[tasks];
        for (int i = 0; i < tasks; i++)
        {
            int me = i;
            tcbs[i] = k.CreateTask("S" + i, 4 + (i % 3), () =>
            {
                var rnd = new Random(1000 + me);
                for (int r = 0; r < rounds; r++)
                {
                    Probe();
                    switch (rnd.Next(9))
                    {
                        case 0: k.Yield(); break;
                        case 1: k.Sleep(rnd.Next(3)); break;
                        case 2: k.Busy(1); break;
                        case 3: ev.Signal(); break;
                        case 4: ev.Wait(rnd.Next(1, 4)); break;
                        case 5: k.SetPriority(tcbs[me], 4 + rnd.Next(3)); break;
                        case 6: k.Checkpoint(); break;
                        case 7:
                            int st = k.Enter();
                            Probe();
                            k.Leave(st);
                            break;
                        default:
                            int m = k.Board.Irq.Mask();
                            k.Board.Irq.Raise(3);
                            k.Board.Irq.Restore(m);
                            break;
                    }
                }
                Interlocked.Increment(ref finished);
            }, TaskOptions.None, 1, out var err);
            Assert.Equal(KernelStatus.Ok, err);
        }
        drive(() => finished == tasks);
        Assert.Null(k.FirstFaultedTask());
        Assert.Equal(tasks, finished);
        Assert.Equal(1, maxSeen);
        Assert.Equal(0, inside);
        Assert.True(probes > tasks * rounds, "probes " + probes);
        Assert.All(tcbs, t => Assert.Equal(TaskState.Dead, t.State));
        return (probes, k.ContextSwitches);
    }

    [Fact]
    public void Stress_no_two_runners_ever_inside_at_once_simulated()
    {
        using var s = new SimKernel();
        var (probes, switches) = Stress(s.K, done =>
        {
            s.Run();
            for (int i = 0; i < 1000 && !done(); i++) s.Ticks(5);
        }, tasks: 16, rounds: 300);
        Assert.True(switches > 1000, "switches " + switches);
        Assert.True(s.K.Preemptions > 50, "preemptions " + s.K.Preemptions);
        Assert.True(s.K.IrqsServiced > 100, "interrupts " + s.K.IrqsServiced);
    }

    /// <summary>The same on the real-time board: the tick thread raises the tick line concurrently with the tasks.</summary>
    [Fact]
    public void Stress_no_two_runners_ever_inside_at_once_real_time()
    {
        var board = new RealTimeBoard(BoardProfiles.Stm32);
        var k = new Scheduler(new KernelConfig { PriorityLevels = 32, CheckInvariants = true }, board);
        try
        {
            Stress(k, done =>
            {
                long until = 10;
                while (!done()) { k.RunUntilTick(until); until += 10; }
            }, tasks: 8, rounds: 100);
        }
        finally
        {
            k.Shutdown();
        }
        for (int i = 1; i <= k.TaskCount; i++) Assert.False(k.IsTaskThreadAlive(i));
    }
}
