using NfRt.Harness;
using NfRt.Kernel;
using NfRt.Simulator.Scenarios;

namespace UnitTests.SimulatorTests;

/// <summary>
/// The forms that let scripts reach the whole API (scenario-language.md §17-§22): what the parser
/// makes of callers, create options and word lists, the order rules of the object ledger, and
/// what the runner really does for irq, idle, create and exit.
/// </summary>
public class UnitTestScenarioApiReach
{
    private static ScenarioLine Line(string text)
    {
        Assert.Null(ScriptParser.ParseLine(1, text, out var line));
        return line;
    }

    [Fact]
    public void Irq_and_idle_are_callers_in_any_case()
    {
        Assert.Equal(Callers.Irq, Line("C: semgive: IRQ: 0").Thread);
        Assert.Equal(Callers.Idle, Line("C: unlock: Idle: 3").Thread);
        var t = Line("T: opcodeeq: irq: semgive");
        Assert.Equal((Callers.Irq, (int)CommandOpcode.SemGive), (t.Thread, t.Argument));
        Assert.Equal(Callers.Idle, Line("W: eventgt: idle: 2").Thread);
    }

    [Fact]
    public void Create_options_become_the_values_the_kernel_gets()
    {
        var m = Line("C: mutexcreate: 5: ceiling=80, ROBUST ,recursive").Options;
        Assert.Equal(new CreateOptions(RtTesterProfile.FromFifo(80), true, true, 0, 64, 2), m);
        Assert.Equal(CreateOptions.Defaults with { Ceiling = RtTesterProfile.Levels - 1 }, Line("C: mutexcreate: 0: ceiling=-40").Options);
        Assert.Equal(CreateOptions.Defaults with { Count = 3, Max = 3 }, Line("C: semcreate: 1: max=3,count=3").Options);
        Assert.Equal(CreateOptions.Defaults with { Capacity = 1024 }, Line("C: qcreate: 63: capacity=1024").Options);
        Assert.Same(CreateOptions.Defaults, Line("C: semcreate: 0: NONE").Options);
        Assert.Equal(5, Line("C: qcreate: 5: none").Object);
    }

    [Fact]
    public void Word_lists_read_in_receive_order()
    {
        Assert.Equal(new[] { 5, -7, 9 }, Line("T: qcontentseq: 0: 5, -7,9").Words);
        Assert.Empty(Line("T: qcontentseq: 0: Empty").Words);
    }

    [Theory]
    [InlineData("C: mutexcreate: 0: none\nC: mutexcreate: 0: robust\n", 2, "mutex 0 already exists (created by line 1): create it before its first use")]
    [InlineData("C: semgive: irq: 2\nC: semcreate: 2: max=3\n", 2, "semaphore 2 already exists (created by line 1): create it before its first use")]
    [InlineData("C: qsendtimeout: 0: 1\nC: qcreate: 1: capacity=4\n", 2, "queue 1 already exists (created by line 1): create it before its first use")]
    [InlineData("C: locknowait: 0: 0\nT: semcounteq: 0: 0\n", 2, "semaphore 0 does not exist yet: no earlier C line creates or uses it")]
    [InlineData("T: mutexownereq: 0: -1\nC: locknowait: 0: 0\n", 1, "mutex 0 does not exist yet: no earlier C line creates or uses it")]
    [InlineData("C: semcreate: 0: none\nW: qcounteq: 0: 0\n", 2, "queue 0 does not exist yet: no earlier C line creates or uses it")]
    [InlineData("C: flagsdestroy: 0: 0\nC: semgive: 0: 0\nT: flagswaiterseq: 1: 0\n", 3, "flags 1 does not exist yet: no earlier C line creates or uses it")]
    public void Objects_are_created_before_use_and_read_after(string text, int line, string message)
    {
        var script = ScriptParser.Parse("o.tst", text);
        Assert.False(script.Ok);
        Assert.Equal((line, message), (script.Error.Line, script.Error.Message));
    }

    [Fact]
    public void A_test_after_a_create_or_any_use_parses()
    {
        var script = ScriptParser.Parse("o.tst", "C: qcreate: 3: capacity=4\nT: qcounteq: 3: 0\nC: flagsset: idle: 2\nT: flagseq: 2: 0\nC: mutexdestroy: 1: 7\nT: mutexownereq: 7: -1\n");
        Assert.True(script.Ok, script.Error?.Message);
    }

    [Fact]
    public void Irq_commands_run_in_one_interrupt_each_and_idle_commands_in_none()
    {
        using var sys = new ScenarioSystem();
        int before = sys.Kernel.IrqsServiced;
        Run(sys, "C: semgive: irq: 0");
        Run(sys, "C: semgive: irq: 0");
        Assert.Equal(before + 2, sys.Kernel.IrqsServiced);
        Run(sys, "C: semtake: idle: 0");
        Run(sys, "C: unlock: idle: 0");
        Assert.Equal(before + 2, sys.Kernel.IrqsServiced);
        Assert.Equal(1, sys.Semaphore(0).Count);
        // the same unlock of a free mutex: the kernel refuses the handler outright, and tells the idle task the mutex is free
        Assert.Equal(RtTesterProfile.Errno(KernelStatus.InvalidArgument), sys.IdleCaller.Status().O);
        Run(sys, "C: unlock: irq: 0");
        Assert.Equal(RtTesterProfile.Errno(KernelStatus.WrongContext), sys.IrqCaller.Status().O);
        Assert.Equal("irq: O: -201, E:      10", sys.Describe(Line("T: opcodeeq: irq: 0")));
    }

    [Fact]
    public void Create_commands_build_the_kernel_objects_with_their_options()
    {
        using var sys = new ScenarioSystem();
        Run(sys, "C: mutexcreate: 2: ceiling=80, recursive, robust");
        Run(sys, "C: semcreate: 3: count=2, max=5");
        Run(sys, "C: qcreate: 4: capacity=7");
        var m = sys.Mutex(2);
        Assert.Equal((RtTesterProfile.FromFifo(80), true, true, "L2"), (m.Ceiling, m.IsRecursive, m.IsRobust, m.Name));
        Assert.Equal((2, 5, "S3"), (sys.Semaphore(3).Count, sys.Semaphore(3).MaxCount, sys.Semaphore(3).Name));
        Assert.Equal((7, 1, "Q4"), (sys.Queue(4).Capacity, sys.Queue(4).WordsPerMessage, sys.Queue(4).Name));
        Assert.Equal((-1, false, false), (sys.Mutex(0).Ceiling, sys.Mutex(0).IsRecursive, sys.Mutex(0).IsRobust));
        Assert.Equal((0, CreateOptions.DefaultMax), (sys.Semaphore(0).Count, sys.Semaphore(0).MaxCount));
        Assert.Equal(CreateOptions.DefaultCapacity, sys.Queue(0).Capacity);
        Assert.Throws<InvalidOperationException>(() => sys.Objects.Create(ObjectKind.Queue, 4, CreateOptions.Defaults));
    }

    [Fact]
    public void Exit_ends_the_task_and_the_kernel_releases_what_it_held()
    {
        using var sys = new ScenarioSystem();
        Run(sys, "C: locknowait: 1: 0");
        Run(sys, "C: locknowait: 2: 0");
        var t1 = sys.Thread(1);
        Assert.False(t1.Ended);
        Run(sys, "C: exit: 1: 0");
        Assert.True(t1.Ended);
        Assert.Equal(TaskState.Dead, t1.Task.State);
        Assert.Same(sys.Thread(2).Task, sys.Mutex(0).OwnerTask);
        Assert.False(sys.Mutex(0).HasPendingOwner);
        Assert.Equal(4, sys.Thread(2).Status().M(0));
    }

    private static void Run(ScenarioSystem sys, string text) =>
        Assert.Null(ScenarioRunner.RunLine(sys, "u.tst", Line(text), null));
}
