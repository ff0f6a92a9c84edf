using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Faults;

/// <summary>
/// Application code the kernel calls is contained (docs/spec/scheduler.md §37): an IRQ handler or a trace
/// sink that throws, an invariant checker that reports or throws, never takes an exception out of a kernel
/// call, never ends the task whose thread ran it, never aborts the process. The next run call returns
/// <see cref="KernelStatus.HookFaulted"/> and <see cref="Scheduler.LastHookFault"/> says which and how; the
/// kernel goes on working.
/// </summary>
public class UnitTestContainedHooks
{
    private sealed class Checker : IInvariantChecker
    {
        public Func<string> Body;
        public int Calls;
        public string Check() { Calls++; return Body(); }
    }

    private sealed class ThrowingSink : ITraceSink
    {
        public int Events;
        public void OnEvent(TraceEvent e) { if (++Events == 3) throw new InvalidOperationException("sink full"); }
    }

    /// <summary>
    /// A handler delivered on the driver thread (line 3 injected at tick 2) throws: AdvanceTicks(5) stops at
    /// the end of tick 2 with HookFaulted (before: the exception came out of AdvanceTicks raw); the handler
    /// stays installed and throws again at tick 4, reported by the next call; then everything is Ok.
    /// </summary>
    [Fact]
    public void A_handler_that_throws_on_the_driver_thread_is_reported_and_the_run_goes_on()
    {
        using var s = new SimKernel();
        var k = s.K;
        var h = new ActionIrqHandler((kk, l) => throw new InvalidOperationException("sensor gone at " + kk.Now));
        k.SetIrqHandler(3, h);
        s.Board.InjectAt(2, 3);
        s.Board.InjectAt(4, 3);
        int ticks = 0;
        s.Task("t", 5, () => { while (true) { k.Sleep(1); ticks++; } });
        Assert.Equal(KernelStatus.HookFaulted, k.AdvanceTicks(5));
        Assert.Equal(2, k.Now);
        HookFault f = k.LastHookFault;
        Assert.Equal(HookKind.IrqHandler, f.Kind);
        Assert.Equal(3, f.Line);
        Assert.Equal(2, f.Tick);
        Assert.IsType<InvalidOperationException>(f.Exception);
        Assert.Equal("IRQ handler of line 3 threw InvalidOperationException: sensor gone at 2", f.ToString());
        Assert.Equal(KernelStatus.HookFaulted, k.AdvanceTicks(3));
        Assert.Equal(4, k.Now);
        Assert.Equal(4, k.LastHookFault.Tick);
        Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(3));
        Assert.Equal(7, k.Now);
        Assert.Equal(2, h.Calls);
        Assert.Equal(2, k.HookFaults);
        Assert.Equal(7, ticks);
        Assert.Null(k.FirstFaultedTask());
    }

    /// <summary>
    /// The application's checker reports a defect once: the kernel call it ran in returns normally, the next
    /// run call returns HookFaulted with the report, the checker is removed (before: every later kernel call
    /// threw), and the kernel's own checks keep running.
    /// </summary>
    [Fact]
    public void An_application_checker_that_reports_is_reported_once_and_removed()
    {
        using var s = new SimKernel();
        var k = s.K;
        bool broken = false;
        var c = new Checker { Body = () => Volatile.Read(ref broken) ? "sensor table out of order" : null };
        Assert.Equal(KernelStatus.Ok, k.AddInvariantChecker(c));
        int laps = 0;
        s.Task("t", 5, () => { while (true) { k.Sleep(1); if (++laps == 2) broken = true; } });
        Assert.Equal(KernelStatus.HookFaulted, k.AdvanceTicks(5));
        Assert.Equal(HookKind.InvariantChecker, k.LastHookFault.Kind);
        Assert.Equal("sensor table out of order", k.LastHookFault.Report);
        Assert.Null(k.LastHookFault.Exception);
        Assert.Equal("invariant checker reported: sensor table out of order", k.LastHookFault.ToString());
        int calls = c.Calls, checks = k.InvariantChecks;
        Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(5));
        Assert.Equal(calls, c.Calls);                    // removed
        Assert.True(k.InvariantChecks > checks);         // the kernel's own checks go on
        Assert.Null(k.FirstFaultedTask());
        k.CheckInvariants();                             // the kernel's invariants hold: no throw
    }

    /// <summary>A checker that throws is treated the same: HookFaulted with the exception, removed, nothing thrown out.</summary>
    [Fact]
    public void An_application_checker_that_throws_is_contained()
    {
        using var s = new SimKernel();
        var k = s.K;
        var c = new Checker { Body = () => throw new IndexOutOfRangeException("bad sensor index") };
        s.Task("t", 5, () => k.Sleep(1));
        Assert.Equal(KernelStatus.Ok, k.AddInvariantChecker(c));
        Assert.Equal(KernelStatus.HookFaulted, k.AdvanceTicks(2));
        Assert.IsType<IndexOutOfRangeException>(k.LastHookFault.Exception);
        Assert.Equal(1, c.Calls);
        Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(2));
        Assert.Equal(1, c.Calls);
    }

    /// <summary>
    /// A trace sink that throws at its third event, on whichever thread flushes: detached, reported, and the
    /// kernel goes on (before: the exception came out of the kernel call that flushed).
    /// </summary>
    [Fact]
    public void A_trace_sink_that_throws_is_detached_and_reported()
    {
        using var s = new SimKernel(recordTrace: false);
        var k = s.K;
        var sink = new ThrowingSink();
        k.Trace.Sink = sink;
        int laps = 0;
        s.Task("t", 5, () => { while (true) { k.Sleep(1); laps++; } });
        Assert.Equal(KernelStatus.HookFaulted, k.AdvanceTicks(3));
        Assert.Equal(HookKind.TraceSink, k.LastHookFault.Kind);
        Assert.Equal("sink full", k.LastHookFault.Exception.Message);
        Assert.Null(k.Trace.Sink);
        Assert.Equal(3, sink.Events);
        Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(3));
        Assert.True(laps >= 3);
        Assert.Equal(3, sink.Events);
        Assert.Null(k.FirstFaultedTask());
    }

    /// <summary>Two failures before a report: the first is kept and reported, both are counted.</summary>
    [Fact]
    public void The_first_failure_since_the_last_report_is_kept_and_all_are_counted()
    {
        using var s = new SimKernel();
        var k = s.K;
        k.SetIrqHandler(3, new ActionIrqHandler((kk, l) => throw new InvalidOperationException("three")));
        k.SetIrqHandler(4, new ActionIrqHandler((kk, l) => throw new InvalidOperationException("four")));
        s.Board.InjectAt(1, 3);
        s.Board.InjectAt(1, 4);
        Assert.Equal(KernelStatus.HookFaulted, k.AdvanceTicks(2));
        Assert.Equal(3, k.LastHookFault.Line);
        Assert.Equal(2, k.HookFaults);
        Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(1));
    }

    /// <summary>From a foreign thread AddInvariantChecker is refused like every call; null is InvalidArgument.</summary>
    [Fact]
    public void AddInvariantChecker_checks_its_caller_and_argument()
    {
        using var s = new SimKernel();
        KernelStatus foreign = KernelStatus.Ok;
        var t = new Thread(() => foreign = s.K.AddInvariantChecker(new Checker { Body = () => null }));
        t.Start();
        t.Join();
        Assert.Equal(KernelStatus.WrongContext, foreign);
        Assert.Equal(KernelStatus.InvalidArgument, s.K.AddInvariantChecker(null));
    }
}
