using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using NfRt.Sync;

namespace UnitTests.Faults;

/// <summary>
/// Misuse is refused and changes nothing: one pool per board; bad constructor arguments give an
/// ArgumentException naming the argument (never NullReference-, Overflow-, DivideByZero- or
/// OutOfMemoryException); after Shutdown every call returns <see cref="KernelStatus.ShutDown"/>.
/// </summary>
public class UnitTestMisuseRefused
{
    [Fact]
    public void A_board_has_one_pool()
    {
        var board = new SimulatedBoard(BoardProfiles.Stm32);
        var pool = BoardPool.For(board);
        var e = Assert.Throws<ArgumentException>(() => BoardPool.For(board));
        Assert.Contains("board", e.Message);
        Assert.Equal(pool.BlockCount, pool.FreeCount);
    }

    public static IEnumerable<object[]> BadConstructors() => new[]
    {
        new object[] { "profile", (Action)(() => new SimulatedBoard(null)) },
        new object[] { "maxInjections", (Action)(() => new SimulatedBoard(BoardProfiles.Stm32, -1)) },
        new object[] { "maxInjections", (Action)(() => new SimulatedBoard(BoardProfiles.Stm32, int.MaxValue)) },
        new object[] { "profile", (Action)(() => new RealTimeBoard(null)) },
        new object[] { "tickRateHz", (Action)(() => new BoardProfile("x", 1, 0, 32, 1024, 512, 64, true)) },
        new object[] { "blockSize", (Action)(() => new BoardProfile("x", 1, 1000, 32, 1024, 512, 0, true)) },
        new object[] { "poolBytes", (Action)(() => new BoardProfile("x", 1, 1000, 32, 1024, 4096, 64, true)) },
        new object[] { "name", (Action)(() => new BoardProfile(null, 1, 1000, 32, 1024, 512, 64, true)) },
        new object[] { "TraceCapacity", (Action)(() => new Scheduler(new KernelConfig { TraceCapacity = int.MaxValue }, new SimulatedBoard(BoardProfiles.Stm32))) },
        new object[] { "kernel", (Action)(() => new RtMutex(null, "m")) },
        new object[] { "name", (Action)(() => new RtMutex(new Scheduler(new KernelConfig(), new SimulatedBoard(BoardProfiles.Stm32)), null)) },
        new object[] { "kernel", (Action)(() => new KernelEvent(null)) },
    };

    [Theory]
    [MemberData(nameof(BadConstructors))]
    public void Bad_constructor_arguments_name_the_argument(string argument, Action make)
    {
        var e = Assert.ThrowsAny<ArgumentException>(make);
        Assert.Contains(argument, e.Message);
    }

    [Fact]
    public void After_shutdown_every_call_returns_ShutDown()
    {
        var s = new SimKernel();
        var m = new RtMutex(s.K, "m");
        var ev = new KernelEvent(s.K);
        var timer = new KernelTimer(s.K, ev);
        var t = s.Task("t", 3, () => ev.Wait(-1));
        s.Run();
        Assert.Equal(KernelStatus.Ok, s.K.Shutdown());
        Assert.Equal(KernelStatus.ShutDown, s.K.Shutdown());
        Assert.Equal(KernelStatus.ShutDown, s.K.AdvanceTicks(1));
        Assert.Equal(KernelStatus.ShutDown, s.K.RunUntilIdle());
        Assert.Equal(KernelStatus.ShutDown, s.K.RunUntilTick(5));
        Assert.Equal(KernelStatus.ShutDown, s.K.Checkpoint());
        Assert.Equal(KernelStatus.ShutDown, s.K.Yield());
        Assert.Equal(KernelStatus.ShutDown, s.K.Sleep(1));
        Assert.Equal(KernelStatus.ShutDown, s.K.SetPriority(t, 4));
        Assert.Equal(KernelStatus.ShutDown, s.K.Suspend(t));
        Assert.Equal(KernelStatus.ShutDown, s.K.Resume(t));
        Assert.Equal(KernelStatus.ShutDown, s.K.Interrupt(t));
        Assert.Equal(KernelStatus.ShutDown, s.K.Join(t));
        Assert.Null(s.K.CreateTask("late", 3, () => { }, TaskOptions.None, 0, out var err));
        Assert.Equal(KernelStatus.ShutDown, err);
        Assert.Equal(KernelStatus.ShutDown, ev.Signal());
        Assert.Equal(KernelStatus.ShutDown, ev.Wait(0));
        Assert.Equal(KernelStatus.ShutDown, timer.Arm(3));
        Assert.Equal(KernelStatus.ShutDown, timer.Cancel());
        Assert.Equal(KernelStatus.ShutDown, m.Lock());
        Assert.False(m.TryLock());
        Assert.Equal(KernelStatus.ShutDown, m.Unlock());
        Assert.Equal(KernelStatus.ShutDown, m.Destroy());
        Assert.Equal(3, t.NormalPriority);
    }
}
