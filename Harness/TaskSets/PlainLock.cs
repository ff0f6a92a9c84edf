using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Harness;

/// <summary>
/// A lock WITHOUT priority inheritance for task sets (the <c>plain</c> protocol), built like the inversion demo's
/// plain mutex: waiters sleep on a <see cref="KernelEvent"/> (most urgent first, FIFO among equals) and unlock
/// wakes the most urgent one, which retries. Nobody is boosted, so a preempted owner keeps its waiters waiting for
/// whatever preempts it: unbounded priority inversion.
/// <para>The kernel cannot see who holds it (its statistics count rt-mutex waits only), so this lock measures its
/// own waiters' priority-inversion time with the kernel's rule (docs/spec/scheduler.md §34): a waiter is in an
/// interval while the holder's normal priority is less urgent than its own; every change of holder re-evaluates
/// every waiter. <see cref="TakeBlocking"/> hands a task's accumulated time to the runner. Host code.</para>
/// </summary>
public sealed class PlainLock
{
    private readonly Scheduler _k;
    private readonly KernelEvent _released;
    private readonly List<TaskControlBlock> _waiting = new();
    private readonly Dictionary<TaskControlBlock, long> _openSince = new();
    private readonly Dictionary<TaskControlBlock, long> _blocked;
    private TaskControlBlock _owner;

    /// <summary>A plain lock on <paramref name="kernel"/>; blocking time is added into <paramref name="blocked"/> (shared by the set's plain locks).</summary>
    public PlainLock(Scheduler kernel, string name, Dictionary<TaskControlBlock, long> blocked)
    {
        _k = kernel;
        Name = name;
        _released = new KernelEvent(kernel, name);
        _blocked = blocked;
    }

    public string Name { get; }

    /// <summary>The holder, or null.</summary>
    public TaskControlBlock Owner => _owner;

    /// <summary>Blocks until free, then takes it. Deadlock when the caller holds it already.</summary>
    public KernelStatus Lock()
    {
        TaskControlBlock me = _k.Current;
        if (_owner == me) return KernelStatus.Deadlock;
        if (_owner != null)
        {
            _waiting.Add(me);
            if (Inverted(me, _owner)) _openSince[me] = _k.Now;
            while (_owner != null)
            {
                KernelStatus r = _released.Wait(-1);
                if (r != KernelStatus.Ok) { Close(me); _waiting.Remove(me); return r; }
            }
            Close(me);
            _waiting.Remove(me);
        }
        _owner = me;
        foreach (var w in _waiting)
            if (Inverted(w, me) && !_openSince.ContainsKey(w)) _openSince[w] = _k.Now;
        return KernelStatus.Ok;
    }

    /// <summary>Frees it and wakes the most urgent waiter (it runs at once if more urgent than the caller).</summary>
    public KernelStatus Unlock()
    {
        if (_owner != _k.Current) return KernelStatus.NotOwner;
        _owner = null;
        foreach (var w in _waiting.ToList()) Close(w);   // held by nobody: no waiter is inverted now
        if (_released.WaiterCount > 0) _released.Signal();
        return KernelStatus.Ok;
    }

    private static bool Inverted(TaskControlBlock waiter, TaskControlBlock holder) => Priority.MoreUrgent(waiter.NormalPriority, holder.NormalPriority);

    private void Close(TaskControlBlock w)
    {
        if (!_openSince.Remove(w, out long since)) return;
        _blocked[w] = _blocked.GetValueOrDefault(w) + (_k.Now - since);
    }

    /// <summary>The inversion time <paramref name="t"/> accumulated on plain locks since the last call; resets it.</summary>
    public static long TakeBlocking(Dictionary<TaskControlBlock, long> blocked, TaskControlBlock t)
    {
        blocked.Remove(t, out long b);
        return b;
    }
}
