namespace NfRt.Simulator.Scenarios;

/// <summary>The kinds of kernel object a script names by index (0..63 each, numbered independently).</summary>
public enum ObjectKind { None, Mutex, Semaphore, Queue, Flags }

/// <summary>
/// Which object a line names (scenario-language.md §5, §16, §18, §19, §22): the kind of object a
/// command's argument (or a create command's second field) is the index of, and the kind an object
/// test reads. Pure tables, no state.
/// </summary>
public static class ObjectKinds
{
    /// <summary>The kind of object <paramref name="op"/> names; <see cref="ObjectKind.None"/> for commands that name none.</summary>
    public static ObjectKind Of(CommandOpcode op)
    {
        if (Opcodes.TakesMutex(op) || op == CommandOpcode.MutexCreate) return ObjectKind.Mutex;
        return op switch
        {
            CommandOpcode.SemTake or CommandOpcode.SemTakeTimeout or CommandOpcode.SemGive or CommandOpcode.SemCreate
                or CommandOpcode.SemDestroy => ObjectKind.Semaphore,
            CommandOpcode.QSend or CommandOpcode.QSendUrgent or CommandOpcode.QReceive or CommandOpcode.QReceiveTimeout
                or CommandOpcode.QCreate or CommandOpcode.QDestroy or CommandOpcode.QSendTimeout
                or CommandOpcode.QSendUrgentTimeout => ObjectKind.Queue,
            CommandOpcode.FlagsWait or CommandOpcode.FlagsWaitAll or CommandOpcode.FlagsSet or CommandOpcode.FlagsClear
                or CommandOpcode.FlagsDestroy or (>= CommandOpcode.FlagsWaitKeep and <= CommandOpcode.FlagsWaitAllKeepTimeout) => ObjectKind.Flags,
            _ => ObjectKind.None,
        };
    }

    /// <summary>The kind of object an object test (§22) reads; <see cref="ObjectKind.None"/> for the thread tests.</summary>
    public static ObjectKind Of(TestOpcode test) => test switch
    {
        TestOpcode.SemCountEq or TestOpcode.SemWaitersEq => ObjectKind.Semaphore,
        TestOpcode.QCountEq or TestOpcode.QReceiversEq or TestOpcode.QSendersEq or TestOpcode.QContentsEq => ObjectKind.Queue,
        TestOpcode.FlagsEq or TestOpcode.FlagsWaitersEq => ObjectKind.Flags,
        TestOpcode.MutexWaitersEq or TestOpcode.MutexOwnerEq => ObjectKind.Mutex,
        _ => ObjectKind.None,
    };

    /// <summary>The word messages use for the kind: "mutex", "semaphore", "queue", "flags".</summary>
    public static string Noun(ObjectKind kind) => kind switch
    {
        ObjectKind.Mutex => "mutex",
        ObjectKind.Semaphore => "semaphore",
        ObjectKind.Queue => "queue",
        ObjectKind.Flags => "flags",
        _ => "object",
    };

    /// <summary>The object's name in the kernel and in traces: L, S, Q or F and the index.</summary>
    public static string Name(ObjectKind kind, int index) => kind switch
    {
        ObjectKind.Mutex => "L",
        ObjectKind.Semaphore => "S",
        ObjectKind.Queue => "Q",
        _ => "F",
    } + index;
}
