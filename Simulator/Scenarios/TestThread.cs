using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// One rt-tester test thread: a kernel task (normal priority 120, like the original's
/// SCHED_NORMAL threads) that sleeps on a <see cref="KernelEvent"/> mailbox until the driver
/// posts a command, runs that one command in its own task context, stores the result in O,
/// and sleeps again (scenario-language.md, "Test threads and mutexes").
/// <para>Contract:</para>
/// <list type="bullet">
/// <item><see cref="Post"/> (driver side) rejects a command with -EBUSY while the thread is busy,
/// except during the pause-after-wake; it sets O to the posted opcode at once, like the original.</item>
/// <item>Lock-state digits: 1 when a lock call starts (or after a wake of a no-pause lock, or
/// after <c>lockcont</c>); 2 from <see cref="OnBlocked"/>, which the rt-mutex calls after the
/// enqueue and all PI propagation; 3 in the pause; 4 when the call returns owning the mutex
/// outright; 0 otherwise. After a lock call the digit is recomputed from the real owner word, so
/// a failed self-lock (-EDEADLK) leaves an owned mutex at 4.</item>
/// <item>Pause after wake (<c>lock</c>, <c>lockint</c>): <see cref="OnWoken"/> runs in task context,
/// sets digit 3 and O = 0, and blocks on the mailbox accepting only <c>lockcont</c> (of the mutex it
/// is paused on), <c>reset</c>, <c>resetevent</c> and <c>nop</c>; anything else stores -EINVAL in O
/// and the pause goes on. <c>lockcont</c> restores O to the lock opcode and the kernel retries the take.</item>
/// <item>Semaphore, queue and event-flags commands (scenario-language.md §16) run like a lock call
/// without digits: an event before and after, O = the command number while they wait, then the
/// status, or the word received / the flags observed; the value register (<c>setvalue</c>) is what
/// they send, wait for, set or clear.</item>
/// <item>A signal may wake the mailbox wait of a paused interruptible lock, and a hand-off may
/// wake a paused waiter still queued on its mutex: both are spurious for the mailbox and the
/// thread simply waits again (the interrupt request stays pending for the retry, as in Linux).</item>
/// </list>
/// Every field is touched only by this task or by the driver while the task is parked
/// (baton passing: exactly one thread runs), so no locking is needed.
/// </summary>
public sealed class TestThread
{
    /// <summary>Normal priority of a fresh test thread (SCHED_NORMAL, nice 0).</summary>
    public const int NormalPriority = 120;

    public readonly int Index;
    public readonly TaskControlBlock Task;
    private readonly ScenarioSystem _sys;
    private readonly KernelEvent _mailbox;
    private readonly int[] _m = new int[ScriptParser.MaxMutexes];

    private bool _hasCommand;
    private CommandOpcode _postedOp;
    private int _postedArg;
    private CommandOpcode _op;
    private int _arg;
    private bool _busy, _paused;
    private int _o, _e, _timeout, _value;
    private readonly int[] _word = new int[1];

    internal TestThread(ScenarioSystem sys, int index)
    {
        _sys = sys;
        Index = index;
        _mailbox = new KernelEvent(sys.Kernel);
        Task = sys.Kernel.CreateTask("T" + index, NormalPriority, Body, TaskOptions.None, 0, out var error);
        if (Task == null) throw new InvalidOperationException($"cannot create test thread {index}: {error}");
    }

    /// <summary>Running a command and not in the pause: a new command would get -EBUSY.</summary>
    public bool IsBusy => _busy && !_paused;

    /// <summary>In the pause after a wake-up.</summary>
    public bool IsPaused => _paused;

    /// <summary>The thread's status (driver side, at quiescence).</summary>
    public ThreadStatus Status() => new(Index, _o, _e, 99 - Task.EffectivePriority, 99 - Task.NormalPriority, _m);

    /// <summary>
    /// Driver side: hands <paramref name="op"/> to the thread and wakes it. Returns 0, or
    /// -EBUSY (nothing changes) while the thread is busy outside the pause.
    /// </summary>
    internal int Post(CommandOpcode op, int arg)
    {
        if (IsBusy) return -Errno.EBUSY;
        _postedOp = op;
        _postedArg = arg;
        _hasCommand = true;
        _o = (int)op;
        if (!_paused) _busy = true;
        _mailbox.Signal();
        return 0;
    }

    // ------------------------------------------------------------------ task context

    private void Body()
    {
        while (true)
        {
            NextCommand(out _op, out _arg);
            int result = Execute(_op, _arg);
            _o = result;
            _busy = false;
        }
    }

    private void NextCommand(out CommandOpcode op, out int arg)
    {
        while (!_hasCommand) _mailbox.Wait(-1);   // Ok, or a spurious wake (signal, hand-off): wait again
        _hasCommand = false;
        op = _postedOp;
        arg = _postedArg;
    }

    private int Execute(CommandOpcode op, int arg)
    {
        switch (op)
        {
            case CommandOpcode.Nop:
            case CommandOpcode.LockBkl:
            case CommandOpcode.UnlockBkl:
                return 0;
            case CommandOpcode.ResetEvent:
                _sys.Events.Reset();
                return 0;
            case CommandOpcode.Reset:
                ReleaseAll();
                return 0;
            case CommandOpcode.SetTimeout:
                _timeout = arg;
                return 0;
            case CommandOpcode.Unlock:
                return Unlock(arg);
            case CommandOpcode.Lock:
            case CommandOpcode.LockNoWait:
                return LockCall(arg, m => (int)m.Lock(false));
            case CommandOpcode.LockInt:
            case CommandOpcode.LockIntNoWait:
                return LockCall(arg, m => (int)m.LockInterruptible(false));
            case CommandOpcode.LockDd:
                return LockCall(arg, m => (int)m.LockInterruptible(true));
            case CommandOpcode.LockTimeout:
                return LockCall(arg, m => (int)m.LockTimed(_timeout, false));
            case CommandOpcode.LockTry:
                return LockCall(arg, m => m.TryLock() ? 0 : -Errno.EBUSY);
            case CommandOpcode.SetValue:
                _value = arg;
                return 0;
            default:
                if (Opcodes.TakesObject(op)) return PrimitiveCall(op, arg);
                return -Errno.EINVAL;           // lockcont outside the pause; driver commands never get here
        }
    }

    /// <summary>
    /// A semaphore, queue or event-flags command (scenario-language.md §16): stamps an event before
    /// and after, like a lock call; the result is the status (0 or a negative KernelStatus), except
    /// that a successful receive gives the word received and a successful flags wait the value
    /// observed. Waits have no time limit, or the thread's timeout for the *timeout forms; the
    /// thread's value register (setvalue) is the word sent and the flags waited for, set or cleared.
    /// </summary>
    private int PrimitiveCall(CommandOpcode op, int index)
    {
        bool waits = Opcodes.IsPrimitiveWait(op);
        KernelObject obj = op <= CommandOpcode.SemGive ? _sys.Semaphore(index) : op <= CommandOpcode.QReceiveTimeout ? _sys.Queue(index) : _sys.Flags(index);
        Stamp();
        if (waits) _sys.Trace?.WaitBegin(Task.Id, obj.Name);
        int result;
        int observed = 0;
        _word[0] = _value;
        switch (op)
        {
            case CommandOpcode.SemTake: result = (int)_sys.Semaphore(index).Take(-1); break;
            case CommandOpcode.SemTakeTimeout: result = (int)_sys.Semaphore(index).Take(_timeout); break;
            case CommandOpcode.SemGive: result = (int)_sys.Semaphore(index).Give(); break;
            case CommandOpcode.QSend: result = (int)_sys.Queue(index).Send(_word, -1); break;
            case CommandOpcode.QSendUrgent: result = (int)_sys.Queue(index).SendUrgent(_word, -1); break;
            case CommandOpcode.QReceive:
            case CommandOpcode.QReceiveTimeout:
                result = (int)_sys.Queue(index).Receive(_word, op == CommandOpcode.QReceive ? -1 : _timeout);
                if (result == 0) result = _word[0];
                break;
            case CommandOpcode.FlagsWait:
            case CommandOpcode.FlagsWaitAll:
                result = (int)_sys.Flags(index).Wait(_value, op == CommandOpcode.FlagsWaitAll, true, -1, out observed);
                if (result == 0) result = observed;
                break;
            case CommandOpcode.FlagsSet: result = (int)_sys.Flags(index).Set(_value); break;
            default: result = (int)_sys.Flags(index).Clear(_value); break;
        }
        if (waits) _sys.Trace?.WaitEnd(Task.Id, obj.Name);
        Stamp();
        return result;
    }

    private int LockCall(int index, Func<RtMutex, int> call)
    {
        RtMutex m = _sys.Mutex(index);
        _m[index] = 1;
        Stamp();
        _sys.Trace?.WaitBegin(Task.Id, m.Name);
        int result = call(m);
        _sys.Trace?.WaitEnd(Task.Id, m.Name);
        Stamp();
        bool owns = m.OwnerTask == Task && !m.HasPendingOwner;
        _m[index] = owns ? 4 : 0;
        if (owns && result == 0) _sys.Trace?.OwnershipBegin(Task.Id, m.Name);
        return result;
    }

    private int Unlock(int index)
    {
        if (_m[index] != 4) return -Errno.EINVAL;
        RtMutex m = _sys.Mutex(index);
        Stamp();
        _sys.Trace?.OwnershipEnd(Task.Id, m.Name);
        int result = (int)m.Unlock();
        Stamp();
        if (result == 0) _m[index] = 0;
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
            if (m.Unlock() == KernelStatus.Ok) _m[i] = 0;
        }
    }

    private void Stamp() => _e = _sys.Events.Next();

    private bool IsMyLock(RtMutex mutex) =>
        _busy && Opcodes.IsBlockingLock(_op) && mutex == _sys.PeekMutex(_arg);

    /// <summary>Masked (inside the kernel): enqueued and all PI propagation done. Records state 2 only.</summary>
    internal void OnBlocked(RtMutex mutex)
    {
        if (!IsMyLock(mutex) || _m[_arg] != 1) return;
        _m[_arg] = 2;
        Stamp();
    }

    /// <summary>Task context, interrupts enabled: woken, about to retry. The pause happens here.</summary>
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
        Pause();
    }

    private void Pause()
    {
        _paused = true;
        _o = 0;
        while (true)
        {
            NextCommand(out var op, out int arg);
            if (op == CommandOpcode.LockCont && arg == _arg)
            {
                _m[_arg] = 1;
                Stamp();
                break;
            }
            switch (op)
            {
                case CommandOpcode.Nop:
                    _o = 0;
                    break;
                case CommandOpcode.ResetEvent:
                    _sys.Events.Reset();
                    _o = 0;
                    break;
                case CommandOpcode.Reset:
                    ReleaseAll();
                    _o = 0;
                    break;
                default:
                    _o = -Errno.EINVAL;
                    break;
            }
        }
        _paused = false;
        _o = (int)_op;
    }
}
