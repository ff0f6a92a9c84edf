using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>
/// Simulated time is deterministic: the same scenario gives the same trace, byte for byte,
/// however the host schedules the task threads.
/// </summary>
public class UnitTestDeterminism
{
    /// <summary>
    /// A non-trivial scenario: two time-sliced equals (A, B), an event waiter with a timeout (C),
    /// a task woken by an injected interrupt (D), a cooperative task (E), a kernel timer (F),
    /// priority changes and a join (G). Returns the trace dump and the log.
    /// </summary>
    private static (string dump, string log, int events) RunScenario()
    {
        using var s = new SimKernel(timeSlice: 2);
        var ev = new KernelEvent(s.K);
        var tick = new KernelEvent(s.K);
        var timer = new KernelTimer(s.K, tick);
        TaskControlBlock d = null, a = null;
        s.K.SetIrqHandler(7, new ActionIrqHandler((k, irq) => { s.Log.Add("isr@" + k.Now); k.Resume(d); }));
        Assert.True(s.Board.InjectAt(5, 7));
        Assert.True(s.Board.InjectAt(11, 7));
        Assert.True(s.Board.InjectAt(17, 7));

        a = s.Task("A", 6, () => { for (int i = 0; i < 3; i++) { s.K.Busy(3); ev.Signal(); s.Log.Add("A" + i + "@" + s.K.Now); } }, slice: 2);
        s.Task("B", 6, () => { for (int i = 0; i < 3; i++) { s.K.Busy(2); s.K.Sleep(1); s.Log.Add("B" + i + "@" + s.K.Now); } }, slice: 2);
        s.Task("C", 3, () => { for (int i = 0; i < 4; i++) s.Log.Add("C " + ev.Wait(4) + "@" + s.K.Now); });
        d = s.Task("D", 1, () => { for (int i = 0; i < 3; i++) { s.K.Suspend(d); s.Log.Add("D@" + s.K.Now); s.K.Busy(1); } });
        s.Task("E", 6, () => { s.K.Busy(2); s.K.Yield(); s.Log.Add("E@" + s.K.Now); s.K.Busy(1); }, TaskOptions.Cooperative);
        s.Task("F", 2, () =>
        {
            timer.Arm(4);
            tick.Wait(-1);
            s.Log.Add("F timer@" + s.K.Now);
            s.K.SetPriority(a, 4);
            timer.Arm(3);
            timer.Arm(6);
            tick.Wait(-1);
            s.Log.Add("F timer@" + s.K.Now);
        });
        var g = s.Task("G", 8, () => { s.Log.Add("G join " + s.K.Join(a) + "@" + s.K.Now); });
        s.Run();
        s.Ticks(30);
        Assert.All(new[] { a, g }, t => Assert.Equal(TaskState.Dead, t.State));
        var kinds = s.Trace.Events.Select(e => e.Kind).ToHashSet();
        foreach (var k in new[] { TraceKind.Switch, TraceKind.Preempt, TraceKind.Timeout, TraceKind.IrqEnter, TraceKind.Wake, TraceKind.Block, TraceKind.PriorityChange, TraceKind.Exit })
            Assert.Contains(k, kinds);
        Assert.Equal(0, s.K.Trace.Dropped);
        return (s.Trace.Dump(), string.Join("\n", s.Log), s.Trace.Events.Count);
    }

    [Fact]
    public void Same_scenario_twice_gives_byte_identical_traces()
    {
        var first = RunScenario();
        var second = RunScenario();
        var third = RunScenario();
        Assert.True(first.events > 100, "scenario too small: " + first.events + " events");
        Assert.Equal(first.dump, second.dump);
        Assert.Equal(first.dump, third.dump);
        Assert.Equal(first.log, second.log);
        Assert.Equal(first.log, third.log);
    }

    /// <summary>A different input (one injection moved by a tick) changes the trace: the comparison is not vacuous.</summary>
    [Fact]
    public void A_different_injection_tick_gives_a_different_trace()
    {
        static string Run(long at)
        {
            using var s = new SimKernel();
            TaskControlBlock t = null;
            s.K.SetIrqHandler(5, new ActionIrqHandler((k, irq) => k.Resume(t)));
            s.Board.InjectAt(at, 5);
            t = s.Task("T", 1, () => s.K.Suspend(t));
            s.Task("L", 9, () => s.K.Busy(5));
            s.Run();
            return s.Trace.Dump();
        }
        Assert.Equal(Run(2), Run(2));
        Assert.NotEqual(Run(2), Run(3));
    }
}
