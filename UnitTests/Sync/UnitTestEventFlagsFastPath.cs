using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// The uncontended fast paths of the event flags (docs/spec/primitives.md §10, §17): <c>Set</c> with no waiter,
/// <c>Clear</c>, and a <c>Wait</c> satisfied at once, taken exactly when their conditions hold and then with the
/// full path's results, values and counters; never with a waiter that a Set must serve, for a Wait that must block,
/// from an IRQ handler or the idle task, with a line pending or a halt asked for, from a foreign thread, with bad
/// arguments, after destroy, or (Set) while a trace sink records. Which path ran is seen through
/// <see cref="Scheduler.InvariantChecks"/>: every full kernel call runs the checkers at its outermost Leave (checking
/// is on), a fast path enters nothing and runs none. No trace sink unless a test says so.
/// </summary>
public class UnitTestEventFlagsFastPath
{
    private static SimKernel Kernel(bool trace = false) => new(recordTrace: trace);

    /// <summary>Runs <paramref name="call"/> in the calling context; returns its result and whether the checkers ran (the full path).</summary>
    private static (KernelStatus r, bool full) Call(Scheduler k, Func<KernelStatus> call)
    {
        int before = k.InvariantChecks;
        var r = call();
        return (r, k.InvariantChecks != before);
    }

    /// <summary>
    /// One task, nobody waits: Set, Set(0), Clear and satisfied waits (any, all, with and without clear on exit, with a
    /// timeout of 0, of 5 ticks and without limit) are fast with the full path's results, observed values and flag
    /// values; an unsatisfied Wait(…, 0) (TimedOut) and a Wait of no flag (InvalidArgument, also with `all`, which
    /// every value would satisfy) run the full path and change nothing. No switch and no foreign call is counted.
    /// </summary>
    [Fact]
    public void Uncontended_calls_take_the_fast_path_and_refusals_the_full_one()
    {
        using var s = Kernel();
        var f = new EventFlags(s.K, "f");
        var log = new List<string>();
        int switches = -1, foreign = -1;
        s.Task("A", 10, () =>
        {
            int sw = s.K.ContextSwitches, fc = s.K.ForeignCalls;
            void Do(string what, Func<int, (KernelStatus, int)> call)
            {
                int seen = -1;
                var (r, full) = Call(s.K, () => { var (st, o) = call(0); seen = o; return st; });
                log.Add($"{what} {r} full={full} seen={seen} value={f.Value}");
            }
            Do("set 0101", _ => (f.Set(0b0101), -1));
            Do("set 0", _ => (f.Set(0), -1));
            Do("wait any 0110", _ => (f.Wait(0b0110, false, false, 0, out int o), o));
            Do("wait all 0110", _ => (f.Wait(0b0110, true, false, 0, out int o), o));
            Do("wait all 0101 clear", _ => (f.Wait(0b0101, true, true, -1, out int o), o));
            Do("set 1011", _ => (f.Set(0b1011), -1));
            Do("wait any 0011 clear", _ => (f.Wait(0b0011, false, true, 5, out int o), o));
            Do("clear 1000", _ => (f.Clear(0b1000), -1));
            Do("wait none", _ => (f.Wait(0, false, false, -1, out int o), o));
            Do("set 0100", _ => (f.Set(0b0100), -1));
            Do("wait none all", _ => (f.Wait(0, true, true, 0, out int o), o));
            Do("clear -1", _ => (f.Clear(-1), -1));
            switches = s.K.ContextSwitches - sw; foreign = s.K.ForeignCalls - fc;
        });
        s.Run();
        Assert.Equal(new[]
        {
            "set 0101 Ok full=False seen=-1 value=5",
            "set 0 Ok full=False seen=-1 value=5",
            "wait any 0110 Ok full=False seen=5 value=5",
            "wait all 0110 TimedOut full=True seen=5 value=5",
            "wait all 0101 clear Ok full=False seen=5 value=0",
            "set 1011 Ok full=False seen=-1 value=11",
            "wait any 0011 clear Ok full=False seen=11 value=8",
            "clear 1000 Ok full=False seen=-1 value=0",
            "wait none InvalidArgument full=True seen=0 value=0",
            "set 0100 Ok full=False seen=-1 value=4",
            "wait none all InvalidArgument full=True seen=4 value=4",
            "clear -1 Ok full=False seen=-1 value=0",
        }, log);
        Assert.Equal((0, 0), (switches, foreign));
        Assert.Equal(0, f.WaiterCount);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// H (5) waits for 0b0010 with clear on exit. L (10): Set 0b0001 satisfies nobody but runs the full path (a task
    /// waits); a Wait satisfied at once is still fast (a waiter does not keep Wait out; clearing only removes flags,
    /// so it satisfies nobody); Set 0b0010 hands the flag to H (full path: H runs first and sees 0b0011, the flag is
    /// cleared). L's next Set is fast again. Then H waits with a 2-tick timeout and times out: the flags still say
    /// "a task may wait", so L's next Set runs the full path (finds nobody); the one after it is fast.
    /// </summary>
    [Fact]
    public void A_waiter_keeps_set_on_the_full_path_and_the_fast_path_returns_once_nobody_waits()
    {
        using var s = Kernel();
        var f = new EventFlags(s.K, "f");
        var go = new KernelEvent(s.K, "go");
        var log = new List<string>();
        s.Task("H", 5, () =>
        {
            log.Add("H wait " + f.Wait(0b0010, false, true, -1, out int o) + " seen=" + o);
            go.Wait(-1);
            log.Add("H wait " + f.Wait(0b1000, false, false, 2, out o) + " seen=" + o);
        });
        s.Task("L", 10, () =>
        {
            void Do(string what, Func<KernelStatus> call)
            {
                var (r, full) = Call(s.K, call);
                log.Add($"L {what} {r} full={full} value={f.Value} waiters={f.WaiterCount}");
            }
            Do("set 0001", () => f.Set(0b0001));
            Do("wait 0001", () => f.Wait(0b0001, false, false, 0, out _));
            Do("set 0010", () => f.Set(0b0010));
            Do("set 0100", () => f.Set(0b0100));
            go.Signal();   // H runs: it waits again, with a timeout
            Do("wait 0100 clear", () => f.Wait(0b0100, true, true, -1, out _));
            Do("clear 0001", () => f.Clear(0b0001));
            s.K.Sleep(5);  // H times out meanwhile
            Do("set 0001", () => f.Set(0b0001));
            Do("set 0010", () => f.Set(0b0010));
        });
        s.Run();
        s.Ticks(10);
        Assert.Equal(new[]
        {
            "L set 0001 Ok full=True value=1 waiters=1",
            "L wait 0001 Ok full=False value=1 waiters=1",
            "H wait Ok seen=3",
            "L set 0010 Ok full=True value=1 waiters=0",
            "L set 0100 Ok full=False value=5 waiters=0",
            "L wait 0100 clear Ok full=False value=1 waiters=1",
            "L clear 0001 Ok full=False value=0 waiters=1",
            "H wait TimedOut seen=0",
            "L set 0001 Ok full=True value=1 waiters=0",
            "L set 0010 Ok full=False value=3 waiters=0",
        }, log);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// A Wait that is not satisfied and may block runs the full path and blocks; a Set that satisfies one waiter and
    /// not another (all vs any) wakes only the first and stays on the full path while the other waits; Destroy ends
    /// that wait. (The timeout-0 refusal is in the first test.)
    /// </summary>
    [Fact]
    public void Waits_that_block_and_sets_that_leave_a_waiter_use_the_full_path()
    {
        using var s = Kernel();
        var f = new EventFlags(s.K, "f");
        var log = new List<string>();
        s.Task("H", 5, () => log.Add("H " + f.Wait(0b0011, true, false, -1, out int o) + " seen=" + o));
        s.Task("M", 6, () => log.Add("M " + f.Wait(0b0011, false, false, -1, out int o) + " seen=" + o));
        s.Task("L", 10, () =>
        {
            var (r, full) = Call(s.K, () => f.Set(0b0001));
            log.Add($"L set {r} full={full} waiters={f.WaiterCount}");
            (r, full) = Call(s.K, () => f.Set(0b0100));
            log.Add($"L set {r} full={full} waiters={f.WaiterCount}");
            (r, full) = Call(s.K, f.Destroy);
            log.Add($"L destroy {r} full={full} waiters={f.WaiterCount}");
        });
        s.Run();
        Assert.Equal(new[]
        {
            "M Ok seen=1", "L set Ok full=True waiters=1", "L set Ok full=True waiters=1",
            "H Destroyed seen=5", "L destroy Ok full=True waiters=0",
        }, log);
        Assert.Equal(0b0101, f.Value);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// With a trace sink: Set runs the full path and records its FlagsSet event (with the new value); a Wait
    /// satisfied at once records no event on either path, so it stays fast; Clear records none either.
    /// </summary>
    [Fact]
    public void Tracing_keeps_set_on_the_full_path_and_its_event_is_recorded()
    {
        using var s = Kernel(trace: true);
        var f = new EventFlags(s.K, "f");
        var log = new List<string>();
        TaskControlBlock a = null;
        a = s.Task("A", 10, () =>
        {
            var (r, full) = Call(s.K, () => f.Set(0b0110));
            log.Add($"set {r} full={full}");
            (r, full) = Call(s.K, () => f.Wait(0b0010, false, true, 0, out _));
            log.Add($"wait {r} full={full} value={f.Value}");
            (r, full) = Call(s.K, () => f.Clear(0b0100));
            log.Add($"clear {r} full={full} value={f.Value}");
            (r, full) = Call(s.K, () => f.Set(0b1000));
            log.Add($"set {r} full={full}");
        });
        s.Run();
        Assert.Equal(new[] { "set Ok full=True", "wait Ok full=False value=4", "clear Ok full=False value=0", "set Ok full=True" }, log);
        var sets = s.Trace.Events.Where(e => e.Kind == TraceKind.FlagsSet).Select(e => (e.Task, e.A, e.B)).ToList();
        Assert.Equal(new[] { (a.Id, f.Id, 0b0110), (a.Id, f.Id, 0b1000) }, sets);
        s.K.CheckInvariants();
    }

    /// <summary>Destroy: every later call (fast-eligible before) runs the full path and returns Destroyed; the value stays.</summary>
    [Fact]
    public void Destroyed_flags_never_take_the_fast_path()
    {
        using var s = Kernel();
        var f = new EventFlags(s.K, "f");
        var log = new List<string>();
        s.Task("A", 10, () =>
        {
            Assert.Equal(KernelStatus.Ok, f.Set(0b0011));
            Assert.Equal(KernelStatus.Ok, f.Destroy());
            foreach (var (what, call) in new (string, Func<KernelStatus>)[]
                     { ("set", () => f.Set(0b0100)), ("clear", () => f.Clear(0b0001)), ("wait", () => f.Wait(0b0001, false, true, 0, out _)),
                       ("wait none", () => f.Wait(0, false, false, 0, out _)) })
            {
                var (r, full) = Call(s.K, call);
                log.Add($"{what} {r} full={full}");
            }
        });
        s.Run();
        Assert.Equal(new[] { "set Destroyed full=True", "clear Destroyed full=True", "wait Destroyed full=True", "wait none InvalidArgument full=True" }, log);
        Assert.Equal(0b0011, f.Value);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// From an IRQ handler (interrupts masked, so the fast word is 0) Set, Clear and Wait(…, 0) keep their results
    /// (a wait that would block: WrongContext, nothing changed). A line raised by the task just before a fast-eligible
    /// Set, Clear or Wait is delivered by that call (its handler ran before the call returned): the fast path never
    /// delays a delivery.
    /// </summary>
    [Fact]
    public void Irq_handlers_use_the_full_path_and_a_pending_line_keeps_the_fast_path_out()
    {
        using var s = Kernel();
        var f = new EventFlags(s.K, "f");
        var inIrq = new List<string>();
        bool firstCall = true;
        var handler = new ActionIrqHandler((k, line) =>
        {
            if (!firstCall) return;
            firstCall = false;
            inIrq.Add("set " + f.Set(0b0110));
            inIrq.Add("wait " + f.Wait(0b0010, false, true, 0, out int o) + " " + o + " value " + f.Value);
            inIrq.Add("wait " + f.Wait(0b0001, false, false, 0, out o) + " " + o);
            inIrq.Add("wait-block " + f.Wait(0b0001, false, false, -1, out o) + " " + o + " value " + f.Value);
            inIrq.Add("clear " + f.Clear(0b0100) + " value " + f.Value);
        });
        Assert.Equal(KernelStatus.Ok, s.K.SetIrqHandler(3, handler));
        var seen = new List<string>();
        s.Task("A", 10, () =>
        {
            Assert.Equal(KernelStatus.Ok, s.K.RaiseIrq(3));   // pending only: delivered at the next preemption point
            int c = handler.Calls;
            seen.Add("set " + f.Set(0b1000) + " handler " + c + "->" + handler.Calls + " value " + f.Value);
            Assert.Equal(KernelStatus.Ok, s.K.RaiseIrq(3));
            c = handler.Calls;
            seen.Add("wait " + f.Wait(0b1000, false, true, 0, out int o) + " " + o + " handler " + c + "->" + handler.Calls + " value " + f.Value);
            Assert.Equal(KernelStatus.Ok, f.Set(0b0001));
            Assert.Equal(KernelStatus.Ok, s.K.RaiseIrq(3));
            c = handler.Calls;
            seen.Add("clear " + f.Clear(0b0001) + " handler " + c + "->" + handler.Calls + " value " + f.Value);
        });
        s.Run();
        // The handler ran once the task's Set(0b1000) had updated the value (at its Leave): 0b1000 | 0b0110, and so on.
        Assert.Equal(new[] { "set Ok", "wait Ok 14 value 12", "wait TimedOut 12", "wait-block WrongContext 12 value 12", "clear Ok value 8" }, inIrq);
        Assert.Equal(new[] { "set Ok handler 0->1 value 8", "wait Ok 8 handler 1->2 value 0", "clear Ok handler 2->3 value 0" }, seen);
        Assert.Equal(0, f.WaiterCount);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// The idle task (the driver, outside a run call) is never fast: its Set, Clear and satisfied Wait run the full
    /// path with the usual results.
    /// </summary>
    [Fact]
    public void The_idle_task_uses_the_full_path()
    {
        using var s = Kernel();
        var f = new EventFlags(s.K, "f");
        s.Run();
        Assert.Equal((KernelStatus.Ok, true), Call(s.K, () => f.Set(0b0011)));
        Assert.Equal((KernelStatus.Ok, true), Call(s.K, () => f.Wait(0b0001, false, true, 0, out _)));
        Assert.Equal((KernelStatus.Ok, true), Call(s.K, () => f.Clear(0b0010)));
        Assert.Equal(0, f.Value);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// A halt asked for (the driver's watchdog or target tick sets the request) keeps the fast path out: the call runs
    /// the full path, whose Leave hands the CPU to the driver before the call returns; the task resumes at the next
    /// run call with the call's result and the flags changed exactly once.
    /// </summary>
    [Theory]
    [InlineData("set")]
    [InlineData("wait")]
    [InlineData("clear")]
    public void A_halt_request_keeps_the_fast_path_out(string call)
    {
        using var s = Kernel();
        var f = new EventFlags(s.K, "f");
        var log = new List<string>();
        s.Task("A", 10, () =>
        {
            Assert.Equal(KernelStatus.Ok, f.Set(0b0011));
            Interlocked.Exchange(ref s.K.Board.Irq.haltRequested, 1);
            var (r, full) = Call(s.K, () => call == "set" ? f.Set(0b0100) : call == "wait" ? f.Wait(0b0001, false, true, 0, out _) : f.Clear(0b0010));
            log.Add($"{call} {r} full={full} value={f.Value}");
        });
        s.Run();
        Assert.Empty(log);   // halted inside the call
        s.Run();
        string value = call == "set" ? "7" : call == "wait" ? "2" : "1";
        Assert.Equal(new[] { $"{call} Ok full=True value={value}" }, log);
        s.K.CheckInvariants();
    }

    /// <summary>
    /// While a task owns the CPU with interrupts enabled (so the fast word is set), a thread it starts calls Set, Clear
    /// and a Wait that would be satisfied at once: each is refused (WrongContext) and counted in ForeignCalls, and
    /// nothing changes.
    /// </summary>
    [Fact]
    public void Foreign_threads_are_refused_and_counted_while_a_task_runs()
    {
        using var s = Kernel();
        var f = new EventFlags(s.K, "f");
        var results = new List<string>();
        int foreign = -1, value = -1;
        s.Task("A", 10, () =>
        {
            Assert.Equal(KernelStatus.Ok, f.Set(0b0101));
            int before = s.K.ForeignCalls;
            var t = new Thread(() =>
            {
                results.Add("set " + f.Set(0b0010));
                results.Add("clear " + f.Clear(0b0001));
                results.Add("wait " + f.Wait(0b0100, false, true, 0, out int o) + " " + o);
                results.Add("wait none " + f.Wait(0, false, false, 0, out o));
            });
            t.Start();
            t.Join();
            foreign = s.K.ForeignCalls - before;
            value = f.Value;
        });
        s.Run();
        Assert.Equal(new[] { "set WrongContext", "clear WrongContext", "wait WrongContext 5", "wait none WrongContext" }, results);
        Assert.Equal(4, foreign);
        Assert.Equal(0b0101, value);
        s.K.CheckInvariants();
    }
}
