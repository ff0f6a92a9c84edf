using NfRt.Harness;
using NfRt.Kernel;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The interrupt handler or the idle task as a caller of kernel calls (scenario-language.md §17),
/// named <c>irq</c> or <c>idle</c> in a line's second field. Like a test thread it has O and E
/// fields and value and timeout registers, and runs any thread command except <c>exit</c> — but
/// straight through: each command makes its one kernel call and O gets exactly what the kernel
/// returned (WrongContext included: these contexts may not wait or own a mutex). No lock-state
/// digits, no pause, no priority. <see cref="Execute"/> runs in the IRQ handler (masked, on the
/// driver thread, the idle task interrupted) or on the driver itself (the idle task).
/// </summary>
public sealed class ContextCaller
{
    /// <summary><see cref="Callers.Irq"/> or <see cref="Callers.Idle"/>.</summary>
    public readonly int Index;

    private readonly ScenarioSystem _sys;
    private readonly int[] _word = new int[1];
    private int _o, _e, _value, _timeout;

    internal ContextCaller(ScenarioSystem sys, int index)
    {
        _sys = sys;
        Index = index;
    }

    /// <summary>O and E (a fresh caller reads O 0, E 0).</summary>
    public ThreadStatus Status() => ThreadStatus.OfContext(Index, _o, _e);

    /// <summary>Driver side, before the call is made: O shows the command's number while it runs.</summary>
    internal void Begin(CommandOpcode op) => _o = (int)op;

    /// <summary>
    /// Runs <paramref name="op"/> on <paramref name="arg"/> in this context. Register commands set the
    /// register; <c>nop</c>, <c>lockbkl</c>, <c>unlockbkl</c> and <c>reset</c> do nothing (a context holds
    /// no mutex); <c>resetevent</c> resets the counter; <c>lockcont</c> is -EINVAL (never paused); every
    /// other command is its kernel call, stamped with an event before and after.
    /// </summary>
    internal void Execute(CommandOpcode op, int arg)
    {
        KernelStatus r = KernelStatus.Ok;
        int? word = null;
        switch (op)
        {
            case CommandOpcode.Nop:
            case CommandOpcode.LockBkl:
            case CommandOpcode.UnlockBkl:
            case CommandOpcode.Reset:
                break;
            case CommandOpcode.ResetEvent:
                _sys.Events.Reset();
                break;
            case CommandOpcode.SetTimeout:
                _timeout = arg;
                break;
            case CommandOpcode.SetValue:
                _value = arg;
                break;
            case CommandOpcode.LockCont:
                r = KernelStatus.InvalidArgument;
                break;
            default:
                _e = _sys.Events.Next();
                r = Opcodes.TakesMutex(op)
                    ? MutexCalls.Call(op, _sys.Objects.Mutex(arg), _timeout)
                    : PrimitiveCalls.Call(_sys.Objects, op, arg, _value, _timeout, _word, out word);
                _e = _sys.Events.Next();
                break;
        }
        _o = word ?? RtTesterProfile.Errno(r);
    }
}
