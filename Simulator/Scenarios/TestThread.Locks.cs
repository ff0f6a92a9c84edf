using NfRt.Kernel;
using NfRt.Sync;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The lock-state digits of a test thread (scenario-language.md §12): its lock calls, unlocks,
/// mutex destroys and <c>reset</c>, and the rt-mutex test hook's "blocked" and "woken"
/// notifications (digits 2, 1 and 3 while a lock call runs). When a call returns, the digit follows
/// the mutex's real owner word: 4 when the thread owns it outright, else 0.
/// </summary>
public sealed partial class TestThread
{
    private bool OwnsOutright(RtMutex m) => m.OwnerTask == Task && !m.HasPendingOwner;

    private KernelStatus LockCall(CommandOpcode op, int index)
    {
        RtMutex m = _sys.Mutex(index);
        _m[index] = 1;
        Stamp();
        _sys.Trace?.WaitBegin(Task.Id, m.Name);
        KernelStatus result = MutexCalls.Call(op, m, _timeout);
        _sys.Trace?.WaitEnd(Task.Id, m.Name);
        Stamp();
        bool owns = OwnsOutright(m);
        _m[index] = owns ? 4 : 0;
        if (owns && result is KernelStatus.Ok or KernelStatus.OwnerDied && m.RecursionDepth == 0) _sys.Trace?.OwnershipBegin(Task.Id, m.Name);
        return result;
    }

    /// <summary>
    /// <c>unlock</c>: only of a mutex this thread holds (digit 4), else -EINVAL without a kernel call.
    /// Afterwards the digit follows the real owner: a recursive mutex stays 4 until its last unlock.
    /// </summary>
    private KernelStatus Unlock(int index)
    {
        if (_m[index] != 4) return KernelStatus.InvalidArgument;
        RtMutex m = _sys.Mutex(index);
        Stamp();
        if (m.RecursionDepth == 0) _sys.Trace?.OwnershipEnd(Task.Id, m.Name);
        KernelStatus result = m.Unlock();
        Stamp();
        _m[index] = OwnsOutright(m) ? 4 : 0;
        return result;
    }

    /// <summary><c>mutexdestroy</c> (§19): the kernel's result; the digit follows the real owner afterwards.</summary>
    private KernelStatus Destroy(int index)
    {
        RtMutex m = _sys.Mutex(index);
        Stamp();
        KernelStatus result = m.Destroy();
        Stamp();
        _m[index] = OwnsOutright(m) ? 4 : 0;
        return result;
    }

    /// <summary><c>reset</c>: unlock every mutex this thread holds (digit 4).</summary>
    private void ReleaseAll()
    {
        for (int i = 0; i < _m.Length; i++)
        {
            if (_m[i] != 4) continue;
            RtMutex m = _sys.Mutex(i);
            _sys.Trace?.OwnershipEnd(Task.Id, m.Name);
            // a recursive mutex needs as many unlocks as locks; a failing unlock (destroyed) ends the loop
            while (OwnsOutright(m) && m.Unlock() == KernelStatus.Ok) { }
            _m[i] = OwnsOutright(m) ? 4 : 0;
        }
    }

    private bool IsMyLock(RtMutex mutex) =>
        _task.Busy && Opcodes.IsBlockingLock(_op) && mutex == _sys.PeekMutex(_arg);

    /// <summary>Masked (inside the kernel): enqueued and all PI propagation done. Records state 2 only.</summary>
    internal void OnBlocked(RtMutex mutex)
    {
        if (!IsMyLock(mutex) || _m[_arg] != 1) return;
        _m[_arg] = 2;
        Stamp();
    }

    /// <summary>
    /// Task context, interrupts enabled: woken, about to retry. A no-pause lock goes back to digit 1;
    /// <c>lock</c> and <c>lockint</c> take digit 3 and O = 0 and arm the pause, which the
    /// <see cref="PauseHook"/> enters as soon as this returns.
    /// </summary>
    internal void OnWoken(RtMutex mutex)
    {
        if (!IsMyLock(mutex) || _m[_arg] != 2) return;
        if (!Opcodes.PausesAfterWake(_op))
        {
            _m[_arg] = 1;
            Stamp();
            return;
        }
        _m[_arg] = 3;
        Stamp();
        _o = 0;
        _task.PauseAfterWake = true;
    }
}
