using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>
/// No two threads ever run kernel code (or task code) at once: a thread that does not own the
/// CPU is refused with a <see cref="KernelFaultException"/> before it changes anything, and a
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
        (s.K.Now, s.Board.Now, s.K.Trace.Count, s.K.ContextSwitches, s.Board.Interrupts.Pending, s.Board.Interrupts.IsMasked, s.K.InterruptsServiced);

    /// <summary>
    /// While task T owns the CPU it starts a plain thread that calls kernel APIs, then joins it.
    /// 1. Every call from the foreign thread throws KernelFaultException.
    /// 2. Back in T: time, trace, switches, the interrupt mask, T's priority, the event, the timer,
    ///    the task table and the current task are exactly as before.
    /// </summary>
    [Fact]
    public void Kernel_calls_from_a_foreign_thread_fault_and_change_nothing_while_a_task_runs()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        var timer = new KernelTimer(s.K, ev);
        var isr = new ActionInterruptHandler((k, irq) => { });
        s.K.SetInterruptHandler(5, isr);
        TaskControlBlock t = null, other = null;
        var results = new List<string>();
        t = s.Task("T", 5, () =>
        {
            s.Board.Interrupts.Raise(5);   // pending until T's next preemption point
            var before = Snapshot(s);
            var calls = new (string name, Action call)[]
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
                ("CreateTask", () => s.K.CreateTask("X", 3, () => { }, TaskOptions.None, 0, out _)),
                ("CheckInvariants", () => s.K.CheckInvariants()),
                ("RunUntilIdle", () => s.K.RunUntilIdle()),
                ("AdvanceTicks", () => s.K.AdvanceTicks(1)),
                ("Shutdown", () => s.K.Shutdown()),
            };
            foreach (var (name, call) in calls)
            {
                var e = OnForeignThread(call);
                results.Add(name + ": " + (e == null ? "no exception" : e.GetType().Name));
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
        Assert.All(results, r => Assert.EndsWith(": KernelFaultException", r));
        Assert.Equal(18, results.Count);
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
        var isr = new ActionInterruptHandler((k, irq) => isrThread = Environment.CurrentManagedThreadId);
        s.K.SetInterruptHandler(5, isr);
        s.Run();
        Assert.Null(OnForeignThread(() => Assert.True(s.Board.Interrupts.Raise(5))));
        var e = OnForeignThread(() => s.K.Checkpoint());
        Assert.IsType<KernelFaultException>(e);
        Assert.Equal(0, isr.Calls);
        Assert.Equal(1 << 5, s.Board.Interrupts.Pending);
        Assert.IsType<KernelFaultException>(OnForeignThread(() => s.K.Yield()));
        Assert.IsType<KernelFaultException>(OnForeignThread(() => s.K.Enter()));
        Assert.False(s.Board.Interrupts.IsMasked);
        s.Run();
        Assert.Equal(1, isr.Calls);
        Assert.Equal(Environment.CurrentManagedThreadId, isrThread);
    }
}
