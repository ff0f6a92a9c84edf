using NfRt.Kernel;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The kernel call behind each semaphore, queue and event-flags command (scenario-language.md §16,
/// §19, §21), made by whoever runs it — a test thread, the IRQ handler or the idle task — with the
/// kernel's status returned unchanged. The caller's registers are its arguments: the value register
/// is the word sent and the flags waited for, set or cleared; the timeout register the ticks of the
/// <c>…timeout</c> forms (the others wait without limit). A successful receive gives the word
/// received and a successful flags wait the value observed in <c>resultWord</c>.
/// </summary>
public static class PrimitiveCalls
{
    /// <summary>Runs <paramref name="op"/> on object <paramref name="index"/>; <paramref name="word"/> is the caller's one-word message buffer.</summary>
    public static KernelStatus Call(ScenarioObjects objects, CommandOpcode op, int index, int value, int timeout, int[] word, out int? resultWord)
    {
        resultWord = null;
        word[0] = value;
        KernelStatus result;
        switch (op)
        {
            case CommandOpcode.SemTake: return objects.Semaphore(index).Take(-1);
            case CommandOpcode.SemTakeTimeout: return objects.Semaphore(index).Take(timeout);
            case CommandOpcode.SemGive: return objects.Semaphore(index).Give();
            case CommandOpcode.SemDestroy: return objects.Semaphore(index).Destroy();
            case CommandOpcode.QSend: return objects.Queue(index).Send(word, -1);
            case CommandOpcode.QSendTimeout: return objects.Queue(index).Send(word, timeout);
            case CommandOpcode.QSendUrgent: return objects.Queue(index).SendUrgent(word, -1);
            case CommandOpcode.QSendUrgentTimeout: return objects.Queue(index).SendUrgent(word, timeout);
            case CommandOpcode.QDestroy: return objects.Queue(index).Destroy();
            case CommandOpcode.QReceive:
            case CommandOpcode.QReceiveTimeout:
                result = objects.Queue(index).Receive(word, op == CommandOpcode.QReceive ? -1 : timeout);
                if (result == KernelStatus.Ok) resultWord = word[0];
                return result;
            case CommandOpcode.FlagsSet: return objects.Flags(index).Set(value);
            case CommandOpcode.FlagsClear: return objects.Flags(index).Clear(value);
            case CommandOpcode.FlagsDestroy: return objects.Flags(index).Destroy();
            default:
                var (all, clear, timed) = FlagsWaitForm(op);
                result = objects.Flags(index).Wait(value, all, clear, timed ? timeout : -1, out int observed);
                if (result == KernelStatus.Ok) resultWord = observed;
                return result;
        }
    }

    /// <summary>What a flags-wait command asks for: all flags or any, clear on exit or keep, with the timeout or without limit.</summary>
    public static (bool All, bool Clear, bool Timed) FlagsWaitForm(CommandOpcode op) => op switch
    {
        CommandOpcode.FlagsWait => (false, true, false),
        CommandOpcode.FlagsWaitAll => (true, true, false),
        CommandOpcode.FlagsWaitKeep => (false, false, false),
        CommandOpcode.FlagsWaitAllKeep => (true, false, false),
        CommandOpcode.FlagsWaitTimeout => (false, true, true),
        CommandOpcode.FlagsWaitAllTimeout => (true, true, true),
        CommandOpcode.FlagsWaitKeepTimeout => (false, false, true),
        CommandOpcode.FlagsWaitAllKeepTimeout => (true, false, true),
        _ => throw new ArgumentException(Opcodes.Name(op) + " is not a semaphore, queue or event-flags call", nameof(op)),
    };
}
