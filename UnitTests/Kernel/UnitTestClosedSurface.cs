using System.Reflection;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Kernel;

/// <summary>
/// The kernel surface is closed: no public member lets user code corrupt kernel state.
/// Reflection over the device assemblies proves that every public field is read-only (except a
/// short, reasoned list of user-owned data), that kernel-state properties have no public setter,
/// and that the plumbing (wake, block, effective priority, trace emit, hooks, list mutators,
/// constructors of kernel-owned objects, the interrupt controller, the critical section, the board's CPU
/// services, the rt-mutex test hook) is not public. Behaviour tests then try the misuses that remain
/// expressible and show each is refused and changes nothing; application code the kernel calls (IRQ
/// handlers, checkers, the trace sink) is contained: UnitTests/Faults/UnitTestContainedHooks.cs.
/// </summary>
public class UnitTestClosedSurface
{
    private static readonly Assembly[] Device = DeviceAssemblies.All;

    /// <summary>Public writable fields that are the user's own data, never kernel state.</summary>
    private static readonly Dictionary<string, string> UserData = new()
    {
        ["TraceEvent"] = "a value copy handed to the sink",
        ["BalloonCounters"] = "a snapshot the user owns (ReadCounters fills it)",
        ["BalloonConfig"] = "read once when a service is created",
        ["RtMutexOptions"] = "read once when a mutex is created (docs/spec/primitives.md §11 makes them public fields)",
        ["PeriodicOptions"] = "read once when a periodic task is created (docs/spec/scheduler.md §33), like RtMutexOptions",
        ["TraceBuffer.Sink"] = "where the user wants events",
        ["BalloonService.Observer"] = "where the user wants the stall event",
    };

    private static IEnumerable<Type> PublicTypes() => Device.SelectMany(a => a.GetExportedTypes()).Where(t => !t.IsEnum);

    [Fact]
    public void Public_fields_of_device_types_are_read_only()
    {
        var writable = PublicTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(f => !f.IsInitOnly && !f.IsLiteral)
                .Select(f => (t.Name, f.Name)))
            .Where(x => !UserData.ContainsKey(x.Item1) && !UserData.ContainsKey(x.Item1 + "." + x.Item2))
            .Select(x => x.Item1 + "." + x.Item2)
            .ToList();
        Assert.True(writable.Count == 0, "writable public fields: " + string.Join(", ", writable));
    }

    [Fact]
    public void Kernel_state_properties_have_no_public_setter()
    {
        // KernelConfig has setters, but a kernel's own copy is frozen (tested below). TraceBuffer.Sink is
        // where the user wants events (a property so that attaching the first sink allocates the ring).
        var settable = PublicTypes().Where(t => t != typeof(KernelConfig))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(p => p.SetMethod != null && p.SetMethod.IsPublic)
                .Select(p => t.Name + "." + p.Name))
            .Where(name => name != "TraceBuffer.Sink")
            .ToList();
        Assert.True(settable.Count == 0, "public setters: " + string.Join(", ", settable));
    }

    [Theory]
    [InlineData(typeof(Scheduler), "Wake")]
    [InlineData(typeof(Scheduler), "BlockCurrent")]
    [InlineData(typeof(Scheduler), "MakeReady")]
    [InlineData(typeof(Scheduler), "SetEffectivePriority")]
    [InlineData(typeof(Scheduler), "Emit")]
    [InlineData(typeof(Scheduler), "SyncLayer")]
    [InlineData(typeof(Scheduler), "TimeOut")]
    [InlineData(typeof(Scheduler), "ArmTimeout")]
    [InlineData(typeof(Scheduler), "ExitCurrent")]
    [InlineData(typeof(PriorityList), "Add")]
    [InlineData(typeof(PriorityList), "Remove")]
    [InlineData(typeof(PriorityList), "Requeue")]
    [InlineData(typeof(TraceBuffer), "Append")]
    [InlineData(typeof(TraceBuffer), "TryTake")]
    [InlineData(typeof(RtMutexSystem), "WalkChain")]
    [InlineData(typeof(RtMutexSystem), "AdjustPrio")]
    [InlineData(typeof(RtMutexSystem), "RemoveWaiter")]
    [InlineData(typeof(RtMutex), "FixupWaitersBit")]
    [InlineData(typeof(RtMutex), "UnlockMasked")]
    [InlineData(typeof(RtMutex), "ReleaseOnExit")]
    [InlineData(typeof(SyncObject), "WakeAllForDestroyMasked")]
    [InlineData(typeof(RtMutex), "DestroyMasked")]
    [InlineData(typeof(KernelEvent), "SignalMasked")]
    [InlineData(typeof(Partition), "AcceptMasked")]
    [InlineData(typeof(Partition), "TakeFreeMasked")]
    [InlineData(typeof(Scheduler), "Enter")]
    [InlineData(typeof(Scheduler), "Leave")]
    [InlineData(typeof(Scheduler), "AddKernelChecker")]
    [InlineData(typeof(Board), "Irq")]
    [InlineData(typeof(Board), "IdleUntilTick")]
    [InlineData(typeof(Board), "ConsumeCpu")]
    [InlineData(typeof(Board), "Start")]
    [InlineData(typeof(Board), "Stop")]
    [InlineData(typeof(Board), "NewGate")]
    [InlineData(typeof(Board), "ClaimPoolRegion")]
    [InlineData(typeof(SimulatedBoard), "AdvanceTick")]
    [InlineData(typeof(RtMutexSystem), "TestHook")]
    public void Kernel_plumbing_is_not_public(Type type, string member)
    {
        Assert.Empty(type.GetMember(member, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static));
        Assert.NotEmpty(type.GetMember(member, BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static));
    }

    [Theory]
    [InlineData(typeof(TaskControlBlock))]
    [InlineData(typeof(Waiter))]
    [InlineData(typeof(PlistNode))]
    [InlineData(typeof(TimeoutNode))]
    [InlineData(typeof(KernelObject))]
    [InlineData(typeof(PiLock))]
    [InlineData(typeof(SyncObject))]
    [InlineData(typeof(TraceBuffer))]
    public void Kernel_owned_objects_cannot_be_made_by_users(Type type)
    {
        Assert.Empty(type.GetConstructors(BindingFlags.Public | BindingFlags.Instance));
    }

    /// <summary>
    /// The interrupt controller, its kernel-side interface and the rt-mutex test hook are not public types:
    /// application code cannot mask the CPU, run the kernel's ISRs, or run code inside the critical section.
    /// </summary>
    [Theory]
    [InlineData("NfRt.Boards.IrqController")]
    [InlineData("NfRt.Boards.IIrqSink")]
    [InlineData("NfRt.Sync.IRtMutexTestHook")]
    public void Plumbing_types_are_not_public(string fullName)
    {
        Type t = Device.Select(a => a.GetType(fullName)).Single(x => x != null);
        Assert.False(t.IsPublic, fullName + " is public");
    }

    /// <summary>A Board cannot be derived outside the kernel (its CPU services are internal): only the two boards exist.</summary>
    [Fact]
    public void Boards_cannot_be_derived_by_users()
    {
        Assert.DoesNotContain(typeof(Board).GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance), c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly);
    }

    [Fact]
    public void Changing_the_config_after_creation_changes_nothing()
    {
        var board = new SimulatedBoard(BoardProfiles.Stm32);
        var mine = new KernelConfig { PriorityLevels = 32, CheckInvariants = true };
        var k = new Scheduler(mine, board);
        mine.PriorityLevels = 1024;                                 // the caller's object is not the kernel's
        Assert.Equal(32, k.Config.PriorityLevels);
        var e = Assert.Throws<InvalidOperationException>(() => k.Config.PriorityLevels = 1024);
        Assert.Contains("PriorityLevels", e.Message);
        Assert.Equal(32, k.Config.PriorityLevels);
        var t = k.CreateTask("t", 5, () => { });
        Assert.Equal(KernelStatus.InvalidArgument, k.SetPriority(t, 32));   // still sized for 32 levels
        Assert.Equal(KernelStatus.Ok, k.SetPriority(t, 31));
        k.RunUntilIdle();
        Assert.Equal(TaskState.Dead, t.State);
        k.Shutdown();
    }

    [Fact]
    public void A_second_scheduler_on_one_board_is_refused_and_the_first_keeps_working()
    {
        using var s = new SimKernel();
        var e = Assert.Throws<ArgumentException>(() => new Scheduler(new KernelConfig(), s.Board));
        Assert.Contains("board", e.Message);
        int ran = 0;
        s.Task("t", 3, () => { ran++; s.K.Sleep(2); ran++; });
        s.Ticks(3);
        Assert.Equal(2, ran);
    }
}
