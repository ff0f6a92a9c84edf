using System.Text.RegularExpressions;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Simulator;
using NfRt.Simulator.Scenarios;
using static UnitTests.SimulatorTests.UnitTestOutputSafety;

namespace UnitTests.SimulatorTests;

/// <summary>
/// Issue 10: every simulator command checks every driver call's result (RunUntilIdle, AdvanceTicks,
/// RunUntilTick, Shutdown) and says on stderr, in one line per problem, when a task faulted, the
/// watchdog fired or shutdown had to abandon a task thread; the exit code is then non-zero. No
/// script, demo or option can make a task throw or hang, so the tests add such tasks through the
/// test-only <see cref="KernelTestHooks"/>.
/// </summary>
public class UnitTestKernelReports
{
    private static (int Code, string Out, string Err) Run(KernelTestHooks hooks, params string[] files)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Commands.RunScenarios(files.Select(f => new FileInfo(f)).ToArray(), new Commands.RunOptions { TestHooks = hooks }, o, e);
        return (code, o.ToString().Replace("\r\n", "\n"), e.ToString().Replace("\r\n", "\n"));
    }

    private static string Script(TempDir dir, string name, string text)
    {
        string path = dir[name];
        File.WriteAllText(path, text);
        return path;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A task (priority 0) that sleeps until tick <paramref name="tick"/> and then throws.</summary>
    private static Action<Scheduler> Sensor(int tick) => k => Assert.NotNull(k.CreateTask("sensor", 0, () =>
    {
        k.Sleep(tick);
        throw new InvalidOperationException("sensor gone");
    }));

    /// <summary>A task (priority 0) that burns CPU forever: preemption points, never a context switch.</summary>
    private static Action<Scheduler> Hog() => k => Assert.NotNull(k.CreateTask("hog", 0, () => k.Busy(int.MaxValue)));

    [Fact]
    public void Run_reports_a_test_thread_that_throws_as_a_failed_script_and_on_stderr_and_the_other_scripts_still_run()
    {
        using var dir = new TempDir();
        string bad = Script(dir, "t3.tst", "C: locknowait: 0: 0\nC: nop: 3: 0\nT: opcodeeq: 3: 0\n");
        string good = dir.Copy("pi-one-level.tst");
        var hooks = new KernelTestHooks
        {
            BeforeCommand = (thread, op) => { if (thread == 3) throw new InvalidOperationException("sensor gone"); },
        };
        var r = Run(hooks, bad, good);
        Assert.Equal(1, r.Code);
        Assert.Contains($"{bad}: Kernel fault in line 2: task T3 faulted at tick 0: InvalidOperationException: sensor gone\n", r.Out);
        Assert.Contains($"{good}: Pass\n", r.Out);
        Assert.Contains("1 of 2 scripts passed\n", r.Out);
        Assert.Equal(new[] { $"{bad}: task T3 faulted at tick 0: InvalidOperationException: sensor gone" }, Lines(r.Err));
    }

    [Fact]
    public void Run_reports_a_task_that_faults_during_a_tick_line_with_its_tick()
    {
        using var dir = new TempDir();
        string s = Script(dir, "tick.tst", "C: locknowait: 0: 0\nC: tick: 0: 20\nW: locked: 0: 0\n");
        var r = Run(new KernelTestHooks { AddTasks = Sensor(12) }, s);
        Assert.Equal(1, r.Code);
        Assert.StartsWith($"{s}: Kernel fault in line 2: task sensor faulted at tick 12: InvalidOperationException: sensor gone\n", r.Out);
        Assert.Equal(new[] { $"{s}: task sensor faulted at tick 12: InvalidOperationException: sensor gone" }, Lines(r.Err));
    }

    [Fact]
    public void Run_reports_a_task_that_keeps_the_cpu_as_a_watchdog_failure()
    {
        using var dir = new TempDir();
        string s = Script(dir, "hog.tst", "C: locknowait: 0: 0\nW: locked: 0: 0\n");
        var r = Run(new KernelTestHooks { WatchdogMs = 200, AddTasks = Hog() }, s);
        Assert.Equal(1, r.Code);
        const string why = "watchdog: task hog kept the CPU for 200 ms without a context switch and was halted at tick ";
        Assert.StartsWith($"{s}: Kernel fault in line 1: {why}", r.Out);
        var err = Assert.Single(Lines(r.Err));
        Assert.Matches("^" + Regex.Escape($"{s}: {why}") + "[0-9]+$", err);
    }

    [Fact]
    public void Run_reports_a_task_stuck_outside_the_kernel_and_the_thread_shutdown_had_to_abandon()
    {
        using var dir = new TempDir();
        using var release = new ManualResetEventSlim();
        string s = Script(dir, "stuck.tst", "C: nop: 2: 0\nT: opcodeeq: 2: 0\n");
        var hooks = new KernelTestHooks
        {
            WatchdogMs = 100,
            BeforeCommand = (thread, op) => release.Wait(TimeSpan.FromSeconds(30)),   // waits on an OS primitive: no kernel call
        };
        try
        {
            var r = Run(hooks, s);
            Assert.Equal(1, r.Code);
            const string why = "watchdog: task T2 kept the CPU for 100 ms without a context switch (it has not reached a kernel call)";
            Assert.StartsWith($"{s}: Kernel fault in line 1: {why}\n", r.Out);
            Assert.Equal(new[]
            {
                $"{s}: {why}",
                $"{s}: shutdown: the thread of task T2 did not end within 2000 ms and was abandoned",
            }, Lines(r.Err));
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public void Runner_reports_a_task_fault_of_a_line_run_on_a_given_system()
    {
        var hooks = new KernelTestHooks { BeforeCommand = (thread, op) => throw new InvalidOperationException("sensor gone") };
        var sys = new ScenarioSystem(null, hooks);
        try
        {
            Assert.Null(ScriptParser.ParseLine(1, "C: locknowait: 1: 0", out var line));
            var result = ScenarioRunner.RunLine(sys, "s.tst", line, null);
            Assert.NotNull(result);
            Assert.Equal(ScenarioOutcome.KernelFault, result.Outcome);
            Assert.Equal("task T1 faulted at tick 0: InvalidOperationException: sensor gone", result.Detail);
            Assert.Equal(new[] { "task T1 faulted at tick 0: InvalidOperationException: sensor gone" }, result.KernelProblems);
        }
        finally
        {
            sys.Dispose();
        }
    }

    [Fact]
    public void Demo_reports_a_task_fault_on_stderr_and_exits_1()
    {
        using var dir = new TempDir();
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Commands.Demo(o, e, dir["demo"], 2, new KernelTestHooks { AddTasks = Sensor(12) });
        Assert.Equal(1, code);
        var err = Assert.Single(Lines(e.ToString().Replace("\r\n", "\n")));
        Assert.Equal("demo (plain mutex (no inheritance), N = 0 medium tasks, STM32F429): task sensor faulted at tick 12: InvalidOperationException: sensor gone", err);
        Assert.False(Directory.Exists(dir["demo"]), "nothing is written after a failed run");
    }

    [Fact]
    public void Demo_reports_a_watchdog_on_stderr_and_exits_1()
    {
        using var dir = new TempDir();
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Commands.Demo(o, e, dir["demo"], 2, new KernelTestHooks { WatchdogMs = 200, AddTasks = Hog() });
        Assert.Equal(1, code);
        var err = Assert.Single(Lines(e.ToString().Replace("\r\n", "\n")));
        Assert.Matches(@"^demo \(plain mutex \(no inheritance\), N = 0 medium tasks, STM32F429\): watchdog: task hog kept the CPU for 200 ms without a context switch and was halted at tick [0-9]+$", err);
    }

    [Fact]
    public void Balloon_reports_a_task_fault_on_stderr_and_exits_1()
    {
        using var dir = new TempDir();
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Commands.Balloon(o, e, dir["b.svg"], new KernelTestHooks { AddTasks = Sensor(1500) });
        Assert.Equal(1, code);
        var err = Assert.Single(Lines(e.ToString().Replace("\r\n", "\n")));
        Assert.Equal("balloon: task sensor faulted at tick 1500: InvalidOperationException: sensor gone", err);
        Assert.False(File.Exists(dir["b.svg"]));
    }

    [Fact]
    public void Balloon_reports_a_task_stuck_outside_the_kernel_on_stderr_and_exits_1()
    {
        using var dir = new TempDir();
        using var release = new ManualResetEventSlim();
        var o = new StringWriter();
        var e = new StringWriter();
        try
        {
            int code = Commands.Balloon(o, e, dir["b.svg"], new KernelTestHooks
            {
                WatchdogMs = 100,
                AddTasks = k => Assert.NotNull(k.CreateTask("stuck", 0, () => release.Wait(TimeSpan.FromSeconds(30)))),
            });
            Assert.Equal(1, code);
            Assert.Equal(new[]
            {
                "balloon: watchdog: task stuck kept the CPU for 100 ms without a context switch (it has not reached a kernel call)",
                "balloon: shutdown: the thread of task stuck did not end within 2000 ms and was abandoned",
            }, Lines(e.ToString().Replace("\r\n", "\n")));
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public void Report_names_the_faulted_task_the_tick_and_the_exception_on_one_line()
    {
        var sim = new SimKernel(recordTrace: false);
        try
        {
            sim.Task("pump", 3, () =>
            {
                sim.K.Sleep(7);
                throw new InvalidOperationException("valve\nstuck   open");
            });
            var st = sim.K.AdvanceTicks(20);
            Assert.Equal(KernelStatus.TaskFaulted, st);
            Assert.Equal("task pump faulted at tick 7: InvalidOperationException: valve stuck open", KernelReport.Describe(sim.K, st, "AdvanceTicks"));
            Assert.Null(KernelReport.Describe(sim.K, KernelStatus.Ok, "RunUntilIdle"));
            Assert.Equal("AdvanceTicks returned InvalidArgument", KernelReport.Describe(sim.K, sim.K.AdvanceTicks(-1), "AdvanceTicks"));
        }
        finally
        {
            Assert.Empty(KernelReport.AfterShutdown(sim.K, sim.K.Shutdown()));
        }
        Assert.Equal("RunUntilIdle: the kernel was already shut down", KernelReport.Describe(sim.K, sim.K.RunUntilIdle(), "RunUntilIdle"));
    }

    [Fact]
    public void Report_after_shutdown_counts_kernel_calls_refused_from_foreign_threads()
    {
        var sim = new SimKernel(recordTrace: false);
        var foreign = new Thread(() => sim.K.RunUntilIdle());
        foreign.Start();
        foreign.Join();
        Assert.Equal(new[] { "1 kernel call from a foreign thread (neither a task's nor the driver's) was refused" },
            KernelReport.AfterShutdown(sim.K, sim.K.Shutdown()));
    }

    [Fact]
    public void A_problem_found_at_shutdown_fails_a_script_that_passed()
    {
        using var release = new ManualResetEventSlim();
        var hooks = new KernelTestHooks
        {
            WatchdogMs = 100,
            // a task outside the scenario that sleeps while the script runs, then swallows the shutdown's
            // abort and blocks outside the kernel: every line of the script holds
            AddTasks = k => Assert.NotNull(k.CreateTask("stuck", 0, () =>
            {
                try { k.Sleep(1_000_000); }
                catch (Exception) { release.Wait(TimeSpan.FromSeconds(30)); }
            })),
        };
        try
        {
            var result = ScenarioRunner.Run(ScriptParser.Parse("s.tst", "C: locknowait: 0: 0\nT: locked: 0: 0\n"), null, null, null, hooks);
            Assert.Equal(ScenarioOutcome.KernelFault, result.Outcome);
            Assert.Equal("Kernel fault in line 2", result.Headline);
            Assert.Equal(new[] { "shutdown: the thread of task stuck did not end within 2000 ms and was abandoned" }, result.KernelProblems);
        }
        finally
        {
            release.Set();
        }
    }
}
