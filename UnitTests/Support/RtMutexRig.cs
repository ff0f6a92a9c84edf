using System.Reflection;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Sync;
using Xunit.Sdk;

namespace UnitTests.Support;

/// <summary>
/// A simulated kernel with scripted tasks and rt-mutexes, and the assertions the deterministic
/// rt-mutex tests make after every step: owner (real or pending) and wait-list order of a mutex,
/// every task's effective and normal priority, the counters.
/// </summary>
public sealed class RtMutexRig : IDisposable
{
    public readonly SimKernel S;
    public readonly RtMutexSystem Sys;
    public readonly PauseHook Hook = new();
    public readonly List<LockstepTask> Tasks = new();
    private readonly Dictionary<LockstepTask, int> _normal = new();

    public RtMutexRig(string board = BoardsAttribute.Cas, int maxChainDepth = 1024, int levels = 32)
    {
        var profile = BoardProfiles.Find(board);
        Assert.NotNull(profile);
        S = new SimKernel(levels: levels, profile: profile, maxChainDepth: maxChainDepth);
        Sys = RtMutexSystem.Of(S.K);
        Sys.TestHook = Hook;
    }

    public RtMutexCounters C => Sys.Counters;

    /// <summary>Creates scripted tasks (name, priority); call <see cref="Start"/> once all exist.</summary>
    public LockstepTask Task(string name, int prio)
    {
        var t = new LockstepTask(S, name, prio);
        Tasks.Add(t);
        Hook.Add(t);
        _normal[t] = prio;
        return t;
    }

    public RtMutex Mutex(string name) => new RtMutex(S.K, name);

    /// <summary>Runs every task up to its first command wait.</summary>
    public void Start()
    {
        S.Run();
        foreach (var t in Tasks) Assert.True(t.Listening, t.Name + " did not start");
    }

    /// <summary>Priority change from the driver; the rig then expects the new normal priority.</summary>
    public KernelStatus SetPriority(LockstepTask t, int prio)
    {
        var r = S.K.SetPriority(t.Tcb, prio);
        if (r == KernelStatus.Ok) _normal[t] = prio;
        S.Run();
        return r;
    }

    /// <summary>Interrupt request from the driver (Scheduler.Interrupt), then run until quiescent.</summary>
    public void Interrupt(LockstepTask t)
    {
        Assert.Equal(KernelStatus.Ok, S.K.Interrupt(t.Tcb));
        S.Run();
    }

    // ------------------------------------------------------------------ assertions

    /// <summary>
    /// Runs the §13 checker, then asserts the effective priority of every task, in creation order,
    /// and that every normal priority is the one the task was created with or last set to (PI never changes it).
    /// </summary>
    public void Prio(params int[] effective)
    {
        // The scheduler checks after every Leave, but a call that ends by blocking switches away
        // without one: check the step's final state here too.
        S.K.CheckInvariants();
        Assert.Equal(Tasks.Count, effective.Length);
        var want = new List<string>();
        var got = new List<string>();
        foreach (var (t, i) in Tasks.Select((t, i) => (t, i)))
        {
            want.Add($"{t.Name}:{effective[i]}/{_normal[t]}");
            got.Add($"{t.Name}:{t.Tcb.EffectivePriority}/{t.Tcb.NormalPriority}");
        }
        Assert.Equal(string.Join(" ", want), string.Join(" ", got));
    }

    /// <summary>Asserts a real owner (no pending bit) and the exact wait-list order; bit1 must match the waiters.</summary>
    public void Owner(RtMutex m, LockstepTask owner, params LockstepTask[] waiters)
    {
        Assert.Equal(owner.Name, m.OwnerTask?.Name);
        Assert.False(m.HasPendingOwner, m.Name + " should be really owned");
        AssertWaiters(m, waiters);
    }

    /// <summary>Asserts a pending owner (bit0) and the exact wait-list order.</summary>
    public void PendingOwner(RtMutex m, LockstepTask owner, params LockstepTask[] waiters)
    {
        Assert.Equal(owner.Name, m.OwnerTask?.Name);
        Assert.True(m.HasPendingOwner, m.Name + " should have a pending owner");
        Assert.Equal(RtMutex.PendingOwnerBit, m.OwnerWord & RtMutex.PendingOwnerBit);
        AssertWaiters(m, waiters);
    }

    /// <summary>Asserts a free mutex: owner word 0, no waiters.</summary>
    public void Free(RtMutex m)
    {
        Assert.Equal(0, m.OwnerWord);
        Assert.Null(m.OwnerTask);
        Assert.Equal(0, m.WaiterCount);
    }

    /// <summary>Asserts a free mutex of any kind: no owner, no waiters, no flag bits (option bits allowed).</summary>
    public void Free2(RtMutex m)
    {
        Assert.Null(m.OwnerTask);
        Assert.Equal(0, m.WaiterCount);
        Assert.Equal(0, m.OwnerWord & ~(RtMutex.CeilingBit | RtMutex.OwnerDiedBit));
    }

    private static void AssertWaiters(RtMutex m, LockstepTask[] waiters)
    {
        var got = new List<string>();
        for (int i = 0; i < m.WaiterCount; i++) got.Add(m.WaiterAt(i).Name);
        Assert.Equal(string.Join(",", waiters.Select(w => w.Name)), string.Join(",", got));
        Assert.Equal(waiters.Length > 0, (m.OwnerWord & RtMutex.HasWaitersBit) != 0);
        foreach (var w in waiters) Assert.True(w.Tcb.BlockedOn != null && w.Tcb.BlockedOn.Mutex == m, w.Name + " queued but its blockedOn disagrees");
    }

    /// <summary>Asserts the seven counters the behaviours touch (all of them, zero unless given).</summary>
    public void Counters(int boosts = 0, int deboosts = 0, int steals = 0, int handoffs = 0, int deadlocks = 0, int timeouts = 0, int interrupts = 0)
    {
        Assert.Equal(
            $"boosts={boosts} deboosts={deboosts} steals={steals} handoffs={handoffs} deadlocks={deadlocks} timeouts={timeouts} interrupts={interrupts}",
            $"boosts={C.Boosts} deboosts={C.Deboosts} steals={C.Steals} handoffs={C.Handoffs} deadlocks={C.Deadlocks} timeouts={C.Timeouts} interrupts={C.Interrupted}");
    }

    /// <summary>
    /// End of a test: the invariants hold, and the board's CAS flavour was the one used (on the
    /// M0 board every owner-word CAS is a masked read-compare-write).
    /// </summary>
    public void Finish()
    {
        S.K.CheckInvariants();
        var atomics = S.Board.Atomics;
        if (S.Board.Profile.HardwareCas) Assert.IsType<HardwareAtomics>(atomics);
        else
        {
            var masked = Assert.IsType<MaskedAtomics>(atomics);
            Assert.True(masked.Operations > 0, "no masked CAS ran on the M0 board");
        }
    }

    /// <summary>Everything a misuse must leave alone: owner words, wait lists, priorities, counters but Misuse.</summary>
    public string Snapshot()
    {
        var parts = new List<string>();
        for (int i = 0; i < Sys.MutexCount; i++)
        {
            var m = Sys.MutexAt(i);
            var ws = new List<string>();
            for (int j = 0; j < m.WaiterCount; j++) ws.Add(m.WaiterAt(j).Name);
            parts.Add($"{m.Name}:{m.OwnerWord}[{string.Join(",", ws)}]");
        }
        foreach (var t in Tasks) parts.Add($"{t.Name}:{t.Tcb.EffectivePriority}/{t.Tcb.NormalPriority}/{t.Tcb.State}/{t.Tcb.PiWaiters.Count}");
        parts.Add($"c:{C.SlowLocks}/{C.Blocks}/{C.Boosts}/{C.Deboosts}/{C.Handoffs}/{C.Steals}/{C.Deadlocks}/{C.Timeouts}/{C.Interrupted}");
        return string.Join(" ", parts);
    }

    public void Dispose() => S.Dispose();
}
