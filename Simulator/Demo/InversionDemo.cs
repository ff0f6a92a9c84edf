using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Simulator.Tracing;
using NfRt.Sync;

namespace NfRt.Simulator.Demo;

/// <summary>The outcome of one run of the inversion demo.</summary>
public sealed record InversionRun(int Mediums, bool Inheritance, long LockTick, long OwnTick, long RemainingCriticalSection, long EndTick, Timeline Timeline)
{
    /// <summary>Ticks the high task waited: from its lock call to owning the mutex.</summary>
    public long BlockingTicks => OwnTick - LockTick;
}

/// <summary>
/// The Mars Pathfinder priority inversion (1997) on the simulated STM32F429 board, in the
/// rt-tester priority profile (140 levels); priorities are the kernel's numbers, lower = more urgent:
/// <list type="bullet">
/// <item><c>asi_met</c> (low, prio 30) locks the bus mutex at tick 0 and computes for
/// <see cref="CriticalSection"/> ticks before unlocking;</item>
/// <item><c>bc_dist</c> (high, prio 10) sleeps until tick <see cref="HighWakes"/>, then locks the bus mutex;</item>
/// <item>N <c>commK</c> tasks (medium, prio 20) sleep until tick <see cref="MediumsWake"/> (after the high task
/// blocked, while the low task is still inside its critical section) and compute for
/// <see cref="MediumWork"/> ticks each.</item>
/// </list>
/// With a plain mutex the mediums preempt the low owner, so the high task waits for all their
/// work: blocking = remaining critical section + N·<see cref="MediumWork"/>. With the rt-mutex
/// the low owner inherits prio 10, the mediums cannot preempt it, and the high task waits exactly
/// for the rest of the critical section, whatever N is. Fully deterministic (virtual time).
/// </summary>
public static class InversionDemo
{
    public const int HighPrio = 10, MediumPrio = 20, LowPrio = 30;
    public const int CriticalSection = 10, HighWakes = 2, MediumsWake = 3, MediumWork = 50;

    /// <summary>The N values the demo table shows.</summary>
    public static readonly int[] DefaultMediums = { 0, 1, 2, 5, 10, 50 };

    /// <summary>Runs the scenario with <paramref name="mediums"/> medium tasks, with or without priority inheritance.</summary>
    public static InversionRun Run(int mediums, bool inheritance)
    {
        if (mediums < 0 || mediums > 200) throw new ArgumentOutOfRangeException(nameof(mediums), "0..200");
        var board = new SimulatedBoard(BoardProfiles.Stm32);
        var config = NfRt.Harness.RtTesterProfile.Config();
        config.CheckInvariants = true;
        config.MaxTasks = mediums + 2;
        config.TraceCapacity = 8192;
        var k = new Scheduler(config, board);
        var trace = new TraceCollector(TraceClock.Ticks,
            $"{(inheritance ? "rt-mutex (priority inheritance)" : "plain mutex (no inheritance)")}, N = {mediums} medium tasks, {board.Profile.Name}");
        k.Trace.Sink = trace;
        IBusMutex bus;
        if (inheritance)
        {
            var m = new RtMutex(k, "bus");
            trace.Attach(k, id => m.System.MutexAt(id - 1)?.Name ?? "m" + id);
            bus = new RtBusMutex(m);
        }
        else
        {
            trace.Attach(k, null);
            bus = new PlainMutex(k, "bus");
        }

        long lockTick = -1, ownTick = -1, remaining = -1;
        int lowCsStart = 0;
        TaskControlBlock low = null;
        var failures = new List<string>();
        void Check(KernelStatus s, string what) { if (s != KernelStatus.Ok) failures.Add(what + ": " + s); }

        var high = k.CreateTask("bc_dist", HighPrio, () =>
        {
            Check(k.Sleep(HighWakes), "high sleep");
            lockTick = k.Now;
            remaining = CriticalSection - (low.RunTicks - lowCsStart);
            trace.WaitBegin(k.Current.Id, bus.Name);
            Check(bus.Lock(), "high lock");
            trace.WaitEnd(k.Current.Id, bus.Name);
            ownTick = k.Now;
            trace.OwnershipBegin(k.Current.Id, bus.Name);
            Check(k.Busy(1), "high work");
            trace.OwnershipEnd(k.Current.Id, bus.Name);
            Check(bus.Unlock(), "high unlock");
        });
        for (int i = 1; i <= mediums; i++)
            k.CreateTask("comm" + i, MediumPrio, () =>
            {
                Check(k.Sleep(MediumsWake), "medium sleep");
                Check(k.Busy(MediumWork), "medium work");
            });
        low = k.CreateTask("asi_met", LowPrio, () =>
        {
            Check(bus.Lock(), "low lock");
            trace.OwnershipBegin(k.Current.Id, bus.Name);
            lowCsStart = low.RunTicks;
            Check(k.Busy(CriticalSection), "low work");
            trace.OwnershipEnd(k.Current.Id, bus.Name);
            Check(bus.Unlock(), "low unlock");
        });
        if (high == null || low == null) throw new InvalidOperationException("cannot create the demo tasks");

        try
        {
            k.RunUntilIdle();
            long guard = 100 + (long)mediums * MediumWork * 2;
            while (!AllDead(k) && k.Now < guard) k.AdvanceTicks(1);
            var fault = k.FirstFaultedTask();
            if (fault != null) throw new InvalidOperationException($"demo task {fault.Name} failed: {fault.Fault}");
            if (failures.Count > 0) throw new InvalidOperationException("demo kernel call failed: " + string.Join("; ", failures));
            if (!AllDead(k) || ownTick < 0) throw new InvalidOperationException("the demo did not finish");
            return new InversionRun(mediums, inheritance, lockTick, ownTick, remaining, k.Now, Timeline.Build(trace));
        }
        finally
        {
            k.Shutdown();
        }
    }

    private static bool AllDead(Scheduler k)
    {
        for (int id = 1; id <= k.TaskCount; id++)
            if (k.TaskById(id).State != TaskState.Dead) return false;
        return true;
    }
}
