using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Simulator.Demo;

/// <summary>
/// The demo's baseline: a mutex WITHOUT priority inheritance, like nanoCLR's Monitor but with
/// the same priority-ordered wake-up as the rt-mutex. Waiters sleep on a <see cref="KernelEvent"/>
/// (most urgent first, FIFO among equals); unlock wakes the most urgent one, which retries.
/// Nobody is ever boosted, so an owner preempted by medium-priority work keeps every waiter
/// waiting for all of it: unbounded priority inversion. Host-side demo code, not a kernel object.
/// </summary>
public sealed class PlainMutex : IBusMutex
{
    private readonly Scheduler _k;
    private readonly KernelEvent _released;
    private TaskControlBlock _owner;

    public PlainMutex(Scheduler kernel, string name)
    {
        _k = kernel;
        Name = name;
        _released = new KernelEvent(kernel);
    }

    public string Name { get; }

    /// <summary>Blocks until the mutex is free, then takes it. No preemption point lies between the test and the wait.</summary>
    public KernelStatus Lock()
    {
        TaskControlBlock me = _k.Current;
        if (_owner == me) return KernelStatus.Deadlock;
        while (_owner != null)
        {
            KernelStatus r = _released.Wait(-1);
            if (r != KernelStatus.Ok) return r;
        }
        _owner = me;
        return KernelStatus.Ok;
    }

    /// <summary>Frees the mutex and wakes the most urgent waiter (it runs at once if it is more urgent).</summary>
    public KernelStatus Unlock()
    {
        if (_owner != _k.Current) return KernelStatus.NotOwner;
        _owner = null;
        if (_released.WaiterCount > 0) _released.Signal();
        return KernelStatus.Ok;
    }
}
