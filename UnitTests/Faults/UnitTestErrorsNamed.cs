using System.Reflection;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using NfRt.Sync;

namespace UnitTests.Faults;

/// <summary>
/// Errors are ours and named. Every public constructor (and factory) of the device assemblies refuses bad
/// input with ArgumentNullException / ArgumentOutOfRangeException / ArgumentException whose ParamName is
/// the bad argument — before, three threw OverflowException, OutOfMemoryException or
/// NullReferenceException. A reflection test keeps the table complete. Also: Peek of a bad index, the
/// three-argument CreateTask, a task of another kernel, and status names printable on the device.
/// </summary>
public class UnitTestErrorsNamed
{
    private static readonly Assembly[] Device =
    {
        typeof(TaskControlBlock).Assembly, typeof(Board).Assembly, typeof(Scheduler).Assembly,
        typeof(RtMutex).Assembly, typeof(BlockPool).Assembly,
    };

    /// <summary>(what is tried, the call, the parameter it must name). Built on a fresh kernel.</summary>
    private static List<(string What, Action Call, string Param)> BadConstructions()
    {
        var board = new SimulatedBoard(BoardProfiles.Stm32);
        var k = new Scheduler(new KernelConfig { PriorityLevels = 32 }, board);
        var ev = new KernelEvent(k, "ev");
        var pool = BoardPool.For(board);
        var part = new Partition(pool, "p", 8, 2, 0, 0);
        var stm = BoardProfiles.Stm32;
        BoardProfile Profile(string name = "x", int clock = 1, int tick = 1000, int levels = 32, int ram = 1024, int poolBytes = 512, int block = 64)
            => new BoardProfile(name, clock, tick, levels, ram, poolBytes, block, true);
        return new List<(string, Action, string)>
        {
            ("BoardProfile name null", () => Profile(name: null), "name"),
            ("BoardProfile coreClockHz 0", () => Profile(clock: 0), "coreClockHz"),
            ("BoardProfile tickRateHz 0", () => Profile(tick: 0), "tickRateHz"),
            ("BoardProfile tickRateHz 2 MHz", () => Profile(tick: 2_000_000), "tickRateHz"),
            ("BoardProfile priorityLevels 0", () => Profile(levels: 0), "priorityLevels"),
            ("BoardProfile priorityLevels 2000", () => Profile(levels: 2000), "priorityLevels"),
            ("BoardProfile ramBytes 0", () => Profile(ram: 0, poolBytes: 0), "ramBytes"),
            ("BoardProfile poolBytes -1", () => Profile(poolBytes: -1), "poolBytes"),
            ("BoardProfile poolBytes > ramBytes", () => Profile(poolBytes: 2048), "poolBytes"),
            ("BoardProfile blockSize 0", () => Profile(block: 0), "blockSize"),
            ("SimulatedBoard profile null", () => new SimulatedBoard(null), "profile"),
            ("SimulatedBoard maxInjections -1", () => new SimulatedBoard(stm, -1), "maxInjections"),
            ("SimulatedBoard maxInjections int.MaxValue", () => new SimulatedBoard(stm, int.MaxValue), "maxInjections"),
            ("RealTimeBoard profile null", () => new RealTimeBoard(null), "profile"),
            ("Scheduler config null", () => new Scheduler(null, new SimulatedBoard(stm)), "config"),
            ("Scheduler board null", () => new Scheduler(new KernelConfig(), null), "board"),
            ("Scheduler bad config", () => new Scheduler(new KernelConfig { MaxTasks = 0 }, new SimulatedBoard(stm)), "config"),
            ("Scheduler board already used", () => new Scheduler(new KernelConfig(), board), "board"),
            ("KernelEvent kernel null", () => new KernelEvent(null), "kernel"),
            ("KernelEvent name null", () => new KernelEvent(k, null), "name"),
            ("KernelTimer kernel null", () => new KernelTimer(null, ev), "kernel"),
            ("KernelTimer target null", () => new KernelTimer(k, null), "target"),
            ("RtMutex kernel null", () => new RtMutex(null, "m"), "kernel"),
            ("RtMutex name null", () => new RtMutex(k, null), "name"),
            ("RtMutex options null", () => new RtMutex(k, "m", null), "options"),
            ("RtMutex ceiling 32 of 32 levels", () => new RtMutex(k, "m", new RtMutexOptions { Ceiling = 32 }), "options"),
            ("RtMutex ceiling -2", () => new RtMutex(k, "m", new RtMutexOptions { Ceiling = -2 }), "options"),
            ("RtMutexSystem.Of null", () => RtMutexSystem.Of(null), "kernel"),
            ("CountingSemaphore kernel null", () => new CountingSemaphore(null, "s", 0, 1), "kernel"),
            ("CountingSemaphore name null", () => new CountingSemaphore(k, null, 0, 1), "name"),
            ("CountingSemaphore maxCount 0", () => new CountingSemaphore(k, "s", 0, 0), "maxCount"),
            ("CountingSemaphore initialCount -1", () => new CountingSemaphore(k, "s", -1, 1), "initialCount"),
            ("CountingSemaphore initialCount > maxCount", () => new CountingSemaphore(k, "s", 2, 1), "initialCount"),
            ("MessageQueue kernel null", () => new MessageQueue(null, "q", 1, 1), "kernel"),
            ("MessageQueue name null", () => new MessageQueue(k, null, 1, 1), "name"),
            ("MessageQueue capacity 0", () => new MessageQueue(k, "q", 0, 1), "capacity"),
            ("MessageQueue capacity int.MaxValue (was OverflowException)", () => new MessageQueue(k, "q", int.MaxValue, 16), "capacity"),
            ("MessageQueue ring larger than RAM (was OutOfMemoryException on a board)", () => new MessageQueue(k, "q", 100_000, 16), "capacity"),
            ("MessageQueue wordsPerMessage 0", () => new MessageQueue(k, "q", 1, 0), "wordsPerMessage"),
            ("MessageQueue wordsPerMessage 17", () => new MessageQueue(k, "q", 1, 17), "wordsPerMessage"),
            ("EventFlags kernel null", () => new EventFlags(null, "f"), "kernel"),
            ("EventFlags name null", () => new EventFlags(k, null), "name"),
            ("BlockPool board null", () => new BlockPool(null, 1024, 64), "board"),
            ("BlockPool blockSize 0", () => new BlockPool(board, 1024, 0), "blockSize"),
            ("BlockPool poolBytes below a block", () => new BlockPool(board, 32, 64), "poolBytes"),
            ("BlockPool poolBytes int.MaxValue (was OutOfMemoryException)", () => new BlockPool(board, int.MaxValue, 64), "poolBytes"),
            ("BoardPool.For null", () => BoardPool.For(null), "board"),
            ("BoardPool.For twice", () => BoardPool.For(board), "board"),
            ("Partition pool null", () => new Partition(null, "p", 4, 0, 0, 0), "pool"),
            ("Partition name null", () => new Partition(pool, null, 4, 0, 0, 0), "name"),
            ("Partition maximum 0", () => new Partition(pool, "p", 0, 0, 0, 0), "maximum"),
            ("Partition maximum int.MaxValue (was OutOfMemoryException)", () => new Partition(pool, "p", int.MaxValue, 0, 0, 0), "maximum"),
            ("Partition fastSlots > maximum", () => new Partition(pool, "p", 4, 5, 0, 0), "fastSlots"),
            ("Partition reserve -1", () => new Partition(pool, "p", 4, 0, -1, 0), "reserve"),
            ("Partition initialBlocks > maximum", () => new Partition(pool, "p", 4, 0, 0, 5), "initialBlocks"),
            ("BalloonService kernel null", () => new BalloonService(null, part, new BalloonConfig()), "kernel"),
            ("BalloonService partition null", () => new BalloonService(k, null, new BalloonConfig()), "partition"),
            ("BalloonService config null", () => new BalloonService(k, part, null), "config"),
            ("BalloonService bad config", () => new BalloonService(k, part, new BalloonConfig { MaxBatch = 0 }), "config"),
        };
    }

    [Fact]
    public void Every_constructor_refuses_bad_input_with_an_argument_exception_naming_the_argument()
    {
        var wrong = new List<string>();
        foreach (var (what, call, param) in BadConstructions())
        {
            try
            {
                call();
                wrong.Add(what + ": no exception");
            }
            catch (ArgumentException e)
            {
                if (e.ParamName != param) wrong.Add(what + ": ParamName " + (e.ParamName ?? "null") + ", not " + param + " (" + e.GetType().Name + ": " + e.Message + ")");
            }
            catch (Exception e)
            {
                wrong.Add(what + ": " + e.GetType().Name + ": " + e.Message);
            }
        }
        Assert.True(wrong.Count == 0, "constructors with errors that are not ours:\n" + string.Join("\n", wrong));
    }

    /// <summary>Every public constructor with a parameter (exceptions and delegates aside) is in the table above.</summary>
    [Fact]
    public void The_table_tries_every_public_constructor_that_takes_arguments()
    {
        var tried = new HashSet<string>(BadConstructions().Select(c => c.What.Split(' ')[0]));
        var missing = Device.SelectMany(a => a.GetExportedTypes())
            .Where(t => !typeof(Exception).IsAssignableFrom(t) && !typeof(Delegate).IsAssignableFrom(t))
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Length > 0))
            .Select(t => t.Name)
            .Where(n => !tried.Contains(n))
            .ToList();
        Assert.True(missing.Count == 0, "constructors not tried: " + string.Join(", ", missing));
    }

    [Fact]
    public void Peek_of_a_bad_index_or_word_is_refused_not_zero()
    {
        using var s = new SimKernel();
        var q = new MessageQueue(s.K, "q", 2, 2);
        s.Task("t", 3, () => q.Send(new[] { 5, 6 }, 0));
        s.Run();
        Assert.Equal(6, q.Peek(0, 1));
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => q.Peek(1, 0)).ParamName);   // only one queued
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => q.Peek(-1, 0)).ParamName);
        Assert.Equal("word", Assert.Throws<ArgumentOutOfRangeException>(() => q.Peek(0, 2)).ParamName);
        Assert.Equal(1, q.Count);
    }

    /// <summary>The three-argument CreateTask never returns null: it throws, naming the argument or the status.</summary>
    [Fact]
    public void The_three_argument_CreateTask_says_why_it_refuses()
    {
        using var s = new SimKernel(maxTasks: 1);
        var k = s.K;
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => k.CreateTask(null, 3, () => { })).ParamName);
        Assert.Equal("body", Assert.Throws<ArgumentNullException>(() => k.CreateTask("t", 3, null)).ParamName);
        Assert.Equal("priority", Assert.Throws<ArgumentOutOfRangeException>(() => k.CreateTask("t", 32, () => { })).ParamName);
        Assert.Equal("body", Assert.Throws<ArgumentException>(() => k.CreateTask("t", 3, async () => await Task.Yield())).ParamName);
        Assert.NotNull(k.CreateTask("t", 3, () => { }));
        Assert.Contains("NoResources", Assert.Throws<InvalidOperationException>(() => k.CreateTask("u", 3, () => { })).Message);
        Exception foreign = null;
        var th = new Thread(() => { try { k.CreateTask("v", 3, () => { }); } catch (Exception e) { foreign = e; } });
        th.Start();
        th.Join();
        Assert.Contains("WrongContext", Assert.IsType<InvalidOperationException>(foreign).Message);
        Assert.Equal(1, k.TaskCount);
    }

    /// <summary>A task of another kernel is refused by every call that takes a task, and nothing changes.</summary>
    [Fact]
    public void A_task_of_another_kernel_is_an_invalid_argument()
    {
        using var a = new SimKernel();
        using var b = new SimKernel();
        TaskControlBlock theirs = null;
        theirs = b.Task("theirs", 3, () => b.K.Suspend(theirs));
        b.Run();
        Assert.Equal(TaskState.Suspended, theirs.State);
        Assert.Equal(KernelStatus.InvalidArgument, a.K.Resume(theirs));
        Assert.Equal(KernelStatus.InvalidArgument, a.K.Suspend(theirs));
        Assert.Equal(KernelStatus.InvalidArgument, a.K.Interrupt(theirs));
        Assert.Equal(KernelStatus.InvalidArgument, a.K.Join(theirs));
        Assert.Equal(KernelStatus.InvalidArgument, a.K.SetPriority(theirs, 1));
        Assert.Equal(TaskState.Suspended, theirs.State);
        Assert.Equal(3, theirs.NormalPriority);
        Assert.Equal(KernelStatus.Ok, b.K.Resume(theirs));
        b.Run();
        Assert.Equal(TaskState.Dead, theirs.State);
    }

    /// <summary>The device's name table agrees with the enum, value for value, and prints an unknown value as its number.</summary>
    [Fact]
    public void Every_status_has_its_name_on_the_device()
    {
        foreach (KernelStatus st in Enum.GetValues<KernelStatus>()) Assert.Equal(st.ToString(), KernelStatusName.Of(st));
        Assert.Equal("-999", KernelStatusName.Of((KernelStatus)(-999)));
    }
}
