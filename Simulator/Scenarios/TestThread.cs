using NfRt.Harness;
using NfRt.Kernel;
using NfRt.Sync;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// One rt-tester test thread (scenario-language.md §5–§13): the scenario language's view of a
/// <see cref="LockstepTask"/> — the shared host harness's kernel task that waits for a command
/// posted by the driver, runs it in its own task context and waits again. This adapter adds only
/// what the language defines: opcode → command, the O and E fields, the lock-state digits and the
/// pause's accepted-command rule. The task has normal priority
/// <see cref="RtTesterProfile.NormalPriority"/> (SCHED_NORMAL, nice 0).
/// <para>Contract:</para>
/// <list type="bullet">
/// <item><see cref="Post"/> (driver side) rejects a command with -EBUSY while the thread is busy,
/// except during the pause-after-wake; it sets O to the posted opcode at once, like the original.
/// When the command returns, O is its result (<see cref="RtTesterProfile.Errno"/>).</item>
/// <item>Lock-state digits: 1 when a lock call starts (or after a wake of a no-pause lock, or
/// after <c>lockcont</c>); 2 from <see cref="OnBlocked"/>, which the rt-mutex calls after the
/// enqueue and all PI propagation; 3 in the pause; 4 when the call returns owning the mutex
/// outright; 0 otherwise. After a lock call the digit is recomputed from the real owner word, so
/// a failed self-lock (-EDEADLK) leaves an owned mutex at 4.</item>
/// <item>Pause after wake (<c>lock</c>, <c>lockint</c>): <see cref="OnWoken"/> (task context) sets digit 3
/// and O = 0 and arms <see cref="LockstepTask.PauseAfterWake"/>, so the harness's <see cref="PauseHook"/>
/// pauses the task right after. While paused, <c>lockcont</c> of the mutex it is paused on sets digit 1,
/// restores O to the lock opcode and ends the pause (<see cref="LockstepTask.Resume"/>): the kernel retries
/// the take. <c>reset</c>, <c>resetevent</c> and <c>nop</c> run as commands inside the pause (O = 0);
/// anything else stores -EINVAL in O. The pause goes on after each of them.</item>
/// <item>A signal ends the command wait of a paused lock (every kernel wait is interruptible) and the
/// task simply waits again (<see cref="LockstepTask"/>; for an interruptible lock the request stays
/// pending for the retry, as in Linux); a hand-off does not wake a paused waiter (a wake names the wait it ends).</item>
/// <item>Semaphore, queue and event-flags commands (scenario-language.md §16) run like a lock call
/// without digits: an event before and after, O = the command number while they wait, then the
/// status, or the word received / the flags observed; the value register (<c>setvalue</c>) is what
/// they send, wait for, set or clear.</item>
/// </list>
/// Every field is touched only by this task or by the driver while the task is parked
/// (baton passing: exactly one thread runs), so no locking is needed.
/// </summary>
public sealed class TestThread
{
    public readonly int Index;
    public readonly TaskControlBlock Task;
    private readonly ScenarioSystem _sys;
    private readonly LockstepTask _task;
    private readonly int[] _m = new int[ScriptParser.MaxMutexes];

    /// <summary>The latest top-level command (not one run inside the pause) and its argument.</summary>
    private CommandOpcode _op;
    private int _arg;
    private int _o, _e, _timeout, _value;
    private readonly int[] _word = new int[1];
    private int? _resultWord;         // a receive's word or a flags wait's value: O shows it instead of the status

    internal TestThread(ScenarioSystem sys, int index)
    {
        _sys = sys;
        Index = index;
        _task = new LockstepTask(sys.Kernel, "T" + index, RtTesterProfile.NormalPriority, index);
        _task.Completed = (_, result) =>
        {
            _o = _resultWord ?? RtTesterProfile.Errno(result);
            _resultWord = null;
        };
        Task = _task.Tcb;
    }

    /// <summary>The harness task under this thread (registered with the scenario's <see cref="PauseHook"/>).</summary>
    internal LockstepTask Lockstep => _task;

    /// <summary>Running a command and not in the pause: a new command would get -EBUSY.</summary>
    public bool IsBusy => _task.Busy && !_task.Paused;

    /// <summary>In the pause after a wake-up.</summary>
    public bool IsPaused => _task.Paused;

    /// <summary>The thread's status (driver side, at quiescence).</summary>
    public ThreadStatus Status() =>
        new(Index, _o, _e, RtTesterProfile.ToUser(Task.EffectivePriority), RtTesterProfile.ToUser(Task.NormalPriority), _m);

    /// <summary>
    /// Driver side: hands <paramref name="op"/> to the thread and wakes it. Returns 0, or
    /// -EBUSY (nothing changes) while the thread is busy outside the pause.
    /// </summary>
    internal int Post(CommandOpcode op, int arg)
    {
        if (IsBusy) return -RtTesterProfile.EBUSY;
        _o = (int)op;
        if (!_task.Paused) _task.Post(() => Run(op, arg));
        else if (op == CommandOpcode.LockCont && _sys.PeekMutex(arg) == _task.PausedOn) Continue();
        else _task.Post(() => RunInPause(op));
        return 0;
    }

    /// <summary><c>lockcont</c> of the mutex the thread is paused on: digit 1, O back to the lock opcode, the task retries the take.</summary>
    private void Continue()
    {
        _m[_arg] = 1;
        Stamp();
        _o = (int)_op;
        _task.Resume();
    }

    // ------------------------------------------------------------------ task context

    /// <summary>A top-level command (the thread was idle).</summary>
    private KernelStatus Run(CommandOpcode op, int arg)
    {
        _op = op;
        _arg = arg;
        _sys.Hooks?.BeforeCommand?.Invoke(Index, op);
        switch (op)
        {
            case CommandOpcode.Nop:
            case CommandOpcode.LockBkl:
            case CommandOpcode.UnlockBkl:
                return KernelStatus.Ok;
            case CommandOpcode.ResetEvent:
                _sys.Events.Reset();
                return KernelStatus.Ok;
            case CommandOpcode.Reset:
                ReleaseAll();
                return KernelStatus.Ok;
            case CommandOpcode.SetTimeout:
                _timeout = arg;
                return KernelStatus.Ok;
            case CommandOpcode.Unlock:
                return Unlock(arg);
            case CommandOpcode.Lock:
            case CommandOpcode.LockNoWait:
                return LockCall(arg, m => m.Lock(false));
            case CommandOpcode.LockInt:
            case CommandOpcode.LockIntNoWait:
                return LockCall(arg, m => m.LockInterruptible(false));
            case CommandOpcode.LockDd:
                return LockCall(arg, m => m.LockInterruptible(true));
            case CommandOpcode.LockTimeout:
                return LockCall(arg, m => m.LockTimed(_timeout, false));
            case CommandOpcode.LockTry:
                return LockCall(arg, m => m.TryLock() ? KernelStatus.Ok : KernelStatus.Busy);
            case CommandOpcode.SetValue:
                _value = arg;
                return KernelStatus.Ok;
            default:
                if (Opcodes.TakesObject(op)) return PrimitiveCall(op, arg);
                return KernelStatus.InvalidArgument;    // lockcont outside the pause; driver commands never get here
        }
    }

    /// <summary>
    /// A command that arrived during the pause (§8): <c>nop</c>, <c>resetevent</c> and <c>reset</c> run
    /// (O = 0); anything else (<c>lockcont</c> of another mutex included) is -EINVAL. The pause goes on.
    /// </summary>
    private KernelStatus RunInPause(CommandOpcode op)
    {
        switch (op)
        {
            case CommandOpcode.Nop:
                return KernelStatus.Ok;
            case CommandOpcode.ResetEvent:
                _sys.Events.Reset();
                return KernelStatus.Ok;
            case CommandOpcode.Reset:
                ReleaseAll();
                return KernelStatus.Ok;
            default:
                return KernelStatus.InvalidArgument;
        }
    }

    /// <summary>
    /// A semaphore, queue or event-flags command (scenario-language.md §16): stamps an event before
    /// and after, like a lock call; the result is the status (0 or a negative KernelStatus), except
    /// that a successful receive gives the word received and a successful flags wait the value
    /// observed. Waits have no time limit, or the thread's timeout for the *timeout forms; the
    /// thread's value register (setvalue) is the word sent and the flags waited for, set or cleared.
    /// </summary>
    private KernelStatus PrimitiveCall(CommandOpcode op, int index)
    {
        bool waits = Opcodes.IsPrimitiveWait(op);
        KernelObject obj = op <= CommandOpcode.SemGive ? _sys.Semaphore(index) : op <= CommandOpcode.QReceiveTimeout ? _sys.Queue(index) : _sys.Flags(index);
        Stamp();
        if (waits) _sys.Trace?.WaitBegin(Task.Id, obj.Name);
        KernelStatus result;
        int observed = 0;
        _word[0] = _value;
        switch (op)
        {
            case CommandOpcode.SemTake: result = _sys.Semaphore(index).Take(-1); break;
            case CommandOpcode.SemTakeTimeout: result = _sys.Semaphore(index).Take(_timeout); break;
            case CommandOpcode.SemGive: result = _sys.Semaphore(index).Give(); break;
            case CommandOpcode.QSend: result = _sys.Queue(index).Send(_word, -1); break;
            case CommandOpcode.QSendUrgent: result = _sys.Queue(index).SendUrgent(_word, -1); break;
            case CommandOpcode.QReceive:
            case CommandOpcode.QReceiveTimeout:
                result = _sys.Queue(index).Receive(_word, op == CommandOpcode.QReceive ? -1 : _timeout);
                if (result == KernelStatus.Ok) _resultWord = _word[0];
                break;
            case CommandOpcode.FlagsWait:
            case CommandOpcode.FlagsWaitAll:
                result = _sys.Flags(index).Wait(_value, op == CommandOpcode.FlagsWaitAll, true, -1, out observed);
                if (result == KernelStatus.Ok) _resultWord = observed;
                break;
            case CommandOpcode.FlagsSet: result = _sys.Flags(index).Set(_value); break;
            default: result = _sys.Flags(index).Clear(_value); break;
        }
        if (waits) _sys.Trace?.WaitEnd(Task.Id, obj.Name);
        Stamp();
        return result;
    }

    private KernelStatus LockCall(int index, Func<RtMutex, KernelStatus> call)
    {
        RtMutex m = _sys.Mutex(index);
        _m[index] = 1;
        Stamp();
        _sys.Trace?.WaitBegin(Task.Id, m.Name);
        KernelStatus result = call(m);
        _sys.Trace?.WaitEnd(Task.Id, m.Name);
        Stamp();
        bool owns = m.OwnerTask == Task && !m.HasPendingOwner;
        _m[index] = owns ? 4 : 0;
        if (owns && result == KernelStatus.Ok) _sys.Trace?.OwnershipBegin(Task.Id, m.Name);
        return result;
    }

    private KernelStatus Unlock(int index)
    {
        if (_m[index] != 4) return KernelStatus.InvalidArgument;
        RtMutex m = _sys.Mutex(index);
        Stamp();
        _sys.Trace?.OwnershipEnd(Task.Id, m.Name);
        KernelStatus result = m.Unlock();
        Stamp();
        if (result == KernelStatus.Ok) _m[index] = 0;
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
