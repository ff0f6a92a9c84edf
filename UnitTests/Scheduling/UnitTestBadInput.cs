using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>
/// Bad input gets a typed answer and changes nothing: no trace event, no time, no state, no queue.
/// </summary>
public class UnitTestBadInput
{
    private static (long now, long board, int traced, int buffered, int switches, int tasks) Snapshot(SimKernel s) =>
        (s.K.Now, s.Board.Now, s.Trace.Events.Count, s.K.Trace.Count, s.K.ContextSwitches, s.K.TaskCount);

    [Fact]
    public void Sleep_minus_one_is_invalid_and_changes_nothing()
    {
        using var s = new SimKernel();
        TaskControlBlock t = null;
        t = s.Task("T", 5, () =>
        {
            var before = Snapshot(s);
            Assert.Equal(KernelStatus.InvalidArgument, s.K.Sleep(-1));
            Assert.Equal(KernelStatus.InvalidArgument, s.K.Sleep(int.MinValue));
            Assert.Equal(KernelStatus.InvalidArgument, s.K.Busy(-1));
            Assert.Equal(before, Snapshot(s));
            Assert.Equal(TaskState.Running, t.State);
            Assert.False(t.Timeout.IsQueued);
            s.Log.Add("still running@" + s.K.Now);
        });
        s.Run();
        Assert.Equal(new[] { "still running@0" }, s.Log);
    }

    [Fact]
    public void Timer_arm_with_zero_or_negative_ticks_is_invalid_and_keeps_the_armed_expiry()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        var timer = new KernelTimer(s.K, ev);
        s.Run();
        Assert.Equal(KernelStatus.InvalidArgument, timer.Arm(0));
        Assert.Equal(KernelStatus.InvalidArgument, timer.Arm(-1));
        Assert.False(timer.IsArmed);
        Assert.Equal(KernelStatus.Ok, timer.Arm(4));
        var before = Snapshot(s);
        Assert.Equal(KernelStatus.InvalidArgument, timer.Arm(0));
        Assert.Equal(before, Snapshot(s));
        Assert.True(timer.IsArmed);
        Assert.Equal(4L, timer.DueTick);
        s.Ticks(4);
        Assert.Equal(1, timer.Expirations);
    }

    [Fact]
    public void Driver_and_interrupt_setup_reject_bad_arguments()
    {
        using var s = new SimKernel();
        var h = new ActionIrqHandler((k, irq) => { });
        Assert.Equal(KernelStatus.InvalidArgument, s.K.AdvanceTicks(-1));
        Assert.Equal(KernelStatus.InvalidArgument, s.K.SetIrqHandler(Board.TickIrq, h));   // the tick is the kernel's
        Assert.Equal(KernelStatus.InvalidArgument, s.K.SetIrqHandler(-1, h));
        Assert.Equal(KernelStatus.InvalidArgument, s.K.SetIrqHandler(32, h));
        Assert.Equal(KernelStatus.InvalidArgument, s.K.AddInvariantChecker(null));
        Assert.Equal(0L, s.K.Now);
        Assert.Equal(0L, s.Board.Now);
    }

    [Fact]
    public void Create_task_rejects_bad_arguments_and_a_full_table()
    {
        using var s = new SimKernel(levels: 8, maxTasks: 2);
        Assert.Null(s.K.CreateTask(null, 3, () => { }, TaskOptions.None, 0, out var e1));
        Assert.Equal(KernelStatus.InvalidArgument, e1);
        Assert.Null(s.K.CreateTask("x", 3, null, TaskOptions.None, 0, out var e2));
        Assert.Equal(KernelStatus.InvalidArgument, e2);
        Assert.Null(s.K.CreateTask("x", 8, () => { }, TaskOptions.None, 0, out var e3));
        Assert.Equal(KernelStatus.InvalidArgument, e3);
        Assert.Null(s.K.CreateTask("x", -1, () => { }, TaskOptions.None, 0, out var e4));
        Assert.Equal(KernelStatus.InvalidArgument, e4);
        Assert.Null(s.K.CreateTask("x", 3, () => { }, TaskOptions.None, -1, out var e5));
        Assert.Equal(KernelStatus.InvalidArgument, e5);
        Assert.Equal(0, s.K.TaskCount);
        Assert.Empty(s.Trace.Events);
        s.Task("a", 3, () => { });
        s.Task("b", 3, () => { });
        Assert.Null(s.K.CreateTask("c", 3, () => { }, TaskOptions.None, 0, out var e6));
        Assert.Equal(KernelStatus.NoResources, e6);
        Assert.Equal(2, s.K.TaskCount);
        s.Run();
    }

    /// <summary>Null, idle, self and wrong-state targets: typed answers, nothing changes.</summary>
    [Fact]
    public void Task_calls_with_bad_targets_get_typed_answers()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        TaskControlBlock t = null, other = null;
        t = s.Task("T", 5, () =>
        {
            var before = Snapshot(s);
            Assert.Equal(KernelStatus.InvalidArgument, s.K.Suspend(null));
            Assert.Equal(KernelStatus.InvalidArgument, s.K.Resume(null));
            Assert.Equal(KernelStatus.InvalidArgument, s.K.Join(null));
            Assert.Equal(KernelStatus.InvalidArgument, s.K.Interrupt(null));
            Assert.Equal(KernelStatus.InvalidArgument, s.K.SetPriority(null, 3));
            Assert.Equal(KernelStatus.InvalidArgument, s.K.SetPriority(s.K.Idle, 3));
            Assert.Equal(KernelStatus.WrongState, s.K.Join(t));          // joining oneself
            Assert.Equal(KernelStatus.WrongState, s.K.Resume(other));    // not suspended
            Assert.Equal(KernelStatus.WrongState, s.K.Interrupt(other)); // in no interruptible operation
            Assert.Equal(before, Snapshot(s));
            Assert.Equal(KernelStatus.WrongContext, s.K.Suspend(s.K.Idle));
            Assert.Equal(TaskState.Ready, other.State);
            s.Log.Add("T done");
        });
        other = s.Task("O", 9, () => s.Log.Add("O"));
        s.Run();
        Assert.Equal(new[] { "T done", "O" }, s.Log);
        Assert.Equal(KernelStatus.WrongState, s.K.SetPriority(t, 3));    // dead
        Assert.Equal(KernelStatus.WrongState, s.K.Suspend(t));
    }

    /// <summary>Blocking calls from the idle task (the driver) are refused with WrongContext.</summary>
    [Fact]
    public void Blocking_calls_from_the_driver_are_wrong_context()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K);
        var sleeper = s.Task("S", 5, () => s.K.Sleep(10));
        s.Run();
        var before = Snapshot(s);
        Assert.Equal(KernelStatus.WrongContext, s.K.Sleep(3));
        Assert.Equal(KernelStatus.WrongContext, ev.Wait(5));
        Assert.Equal(KernelStatus.WrongContext, s.K.Busy(1));
        Assert.Equal(KernelStatus.WrongContext, s.K.Join(sleeper));
        Assert.Equal(before, Snapshot(s));
        Assert.Equal(0, ev.WaiterCount);
    }

    public static IEnumerable<object[]> BadConfigs() => new[]
    {
        new object[] { "PriorityLevels", new KernelConfig { PriorityLevels = 0 } },
        new object[] { "PriorityLevels", new KernelConfig { PriorityLevels = 2048 } },
        new object[] { "MaxTasks", new KernelConfig { MaxTasks = -1 } },
        new object[] { "DefaultTimeSlice", new KernelConfig { DefaultTimeSlice = -2 } },
        new object[] { "MaxChainDepth", new KernelConfig { MaxChainDepth = 0 } },
        new object[] { "TraceCapacity", new KernelConfig { TraceCapacity = -1 } },
    };

    /// <summary>
    /// The constructor refuses a bad configuration with an ArgumentException naming the field, before
    /// touching the board: the same board then takes a good kernel.
    /// </summary>
    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Scheduler_ctor_names_the_bad_config_field(string field, KernelConfig config)
    {
        var board = new SimulatedBoard(BoardProfiles.Stm32);
        var e = Assert.ThrowsAny<ArgumentException>(() => new Scheduler(config, board));
        Assert.Contains(field, e.Message);
        var k = new Scheduler(new KernelConfig(), board);
        k.RunUntilIdle();
        k.Shutdown();
    }

    [Fact]
    public void Scheduler_ctor_rejects_null_config_and_null_board()
    {
        Assert.Contains("config", Assert.ThrowsAny<ArgumentException>(() => new Scheduler(null, new SimulatedBoard(BoardProfiles.Stm32))).Message);
        Assert.Contains("board", Assert.ThrowsAny<ArgumentException>(() => new Scheduler(new KernelConfig(), null)).Message);
    }
}
