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
/// <item><c>mutexdestroy</c> (§19) stamps like an unlock and recomputes the mutex's digit from its real owner,
/// as does <c>unlock</c> (a recursive mutex stays 4 until its last unlock). <c>exit</c> (§20) ends the
/// task: its digits go to 0 and the kernel's exit path releases what it held; an ended thread
/// (<see cref="Ended"/>) takes no more commands.</item>
/// </list>
/// Every field is touched only by this task or by the driver while the task is parked
/// (baton passing: exactly one thread runs), so no locking is needed.
/// </summary>
public sealed partial class TestThread
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

    /// <summary>The task has ended (<c>exit</c>, §20): it takes no more commands.</summary>
    public bool Ended => Task.State == TaskState.Dead;

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
            case CommandOpcode.MutexDestroy:
                return Destroy(arg);
            case CommandOpcode.Exit:
                return End();
            case CommandOpcode.SetValue:
                _value = arg;
                return KernelStatus.Ok;
            default:
                if (Opcodes.TakesObject(op)) return PrimitiveCall(op, arg);
                if (op != CommandOpcode.LockCont && Opcodes.TakesMutex(op)) return LockCall(op, arg);
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
        string name = ObjectKinds.Name(ObjectKinds.Of(op), index);
        Stamp();
        if (waits) _sys.Trace?.WaitBegin(Task.Id, name);
        KernelStatus result = PrimitiveCalls.Call(_sys.Objects, op, index, _value, _timeout, _word, out _resultWord);
        if (waits) _sys.Trace?.WaitEnd(Task.Id, name);
        Stamp();
        return result;
    }

    /// <summary>
    /// <c>exit</c> (§20): one event, every digit to 0, and the task ends when this returns; the kernel's
    /// exit path releases the mutexes it holds (robust ones marked so that the next owner gets OwnerDied).
    /// </summary>
    private KernelStatus End()
    {
        for (int i = 0; i < _m.Length; i++)
        {
            if (_m[i] == 4) _sys.Trace?.OwnershipEnd(Task.Id, _sys.Mutex(i).Name);
            _m[i] = 0;
        }
        Stamp();
        _task.EndAfterCommand();
        return KernelStatus.Ok;
    }

    private void Stamp() => _e = _sys.Events.Next();
}
