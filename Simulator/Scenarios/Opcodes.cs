namespace NfRt.Simulator.Scenarios;

/// <summary>
/// Commands of a <c>C:</c> line, with their rt-tester numbers (scenario-language.md). 12..16 are this
/// project's extensions, 17..28 the primitives' (§16), 29..45 the rest of the API (§18-§21, §23).
/// </summary>
public enum CommandOpcode
{
    Nop = 0,
    SchedOther = 1,
    SchedFifo = 2,
    Lock = 3,
    LockNoWait = 4,
    LockInt = 5,
    LockIntNoWait = 6,
    LockCont = 7,
    Unlock = 8,
    LockBkl = 9,
    UnlockBkl = 10,
    Signal = 11,
    LockDd = 12,
    LockTry = 13,
    LockTimeout = 14,
    SetTimeout = 15,
    Tick = 16,
    SemTake = 17,
    SemTakeTimeout = 18,
    SemGive = 19,
    QSend = 20,
    QSendUrgent = 21,
    QReceive = 22,
    QReceiveTimeout = 23,
    FlagsWait = 24,
    FlagsWaitAll = 25,
    FlagsSet = 26,
    FlagsClear = 27,
    SetValue = 28,
    MutexCreate = 29,
    SemCreate = 30,
    QCreate = 31,
    MutexDestroy = 32,
    SemDestroy = 33,
    QDestroy = 34,
    FlagsDestroy = 35,
    Exit = 36,
    FlagsWaitKeep = 37,
    FlagsWaitAllKeep = 38,
    FlagsWaitTimeout = 39,
    FlagsWaitAllTimeout = 40,
    FlagsWaitKeepTimeout = 41,
    FlagsWaitAllKeepTimeout = 42,
    QSendTimeout = 43,
    QSendUrgentTimeout = 44,
    LockTryStatus = 45,
    ResetEvent = 98,
    Reset = 99,
}

/// <summary>Conditions of a <c>W:</c> / <c>T:</c> line.</summary>
public enum TestOpcode
{
    PrioEq, PrioLt, PrioGt,
    NPrioEq, NPrioLt, NPrioGt,
    Unlocked, TryLock, Blocked, BlockedWake, Locked,
    OpcodeEq, OpcodeLt, OpcodeGt,
    EventEq, EventLt, EventGt,
    SemCountEq, SemWaitersEq, QCountEq, QReceiversEq, QSendersEq, QContentsEq,
    FlagsEq, FlagsWaitersEq, MutexWaitersEq, MutexOwnerEq,
}

/// <summary>Which status field a test reads; <see cref="Object"/>: a value of an object, not of a thread (§22).</summary>
public enum StatusField { P, N, M, O, E, Object }

/// <summary>
/// The opcode tables of the scenario language: command names and numbers, test names, what
/// each command's argument means, and which status field / comparison each test uses.
/// Names are matched case-insensitively; a command may also be given by its number.
/// </summary>
public static class Opcodes
{
    private static readonly (string Name, CommandOpcode Op)[] CommandNames =
    {
        ("nop", CommandOpcode.Nop), ("schedother", CommandOpcode.SchedOther), ("schedfifo", CommandOpcode.SchedFifo),
        ("lock", CommandOpcode.Lock), ("locknowait", CommandOpcode.LockNoWait), ("lockint", CommandOpcode.LockInt),
        ("lockintnowait", CommandOpcode.LockIntNoWait), ("lockcont", CommandOpcode.LockCont), ("unlock", CommandOpcode.Unlock),
        ("lockbkl", CommandOpcode.LockBkl), ("unlockbkl", CommandOpcode.UnlockBkl), ("signal", CommandOpcode.Signal),
        ("lockdd", CommandOpcode.LockDd), ("locktry", CommandOpcode.LockTry), ("locktimeout", CommandOpcode.LockTimeout),
        ("settimeout", CommandOpcode.SetTimeout), ("tick", CommandOpcode.Tick),
        ("semtake", CommandOpcode.SemTake), ("semtaketimeout", CommandOpcode.SemTakeTimeout), ("semgive", CommandOpcode.SemGive),
        ("qsend", CommandOpcode.QSend), ("qsendurgent", CommandOpcode.QSendUrgent), ("qreceive", CommandOpcode.QReceive),
        ("qreceivetimeout", CommandOpcode.QReceiveTimeout), ("flagswait", CommandOpcode.FlagsWait), ("flagswaitall", CommandOpcode.FlagsWaitAll),
        ("flagsset", CommandOpcode.FlagsSet), ("flagsclear", CommandOpcode.FlagsClear), ("setvalue", CommandOpcode.SetValue),
        ("mutexcreate", CommandOpcode.MutexCreate), ("semcreate", CommandOpcode.SemCreate), ("qcreate", CommandOpcode.QCreate),
        ("mutexdestroy", CommandOpcode.MutexDestroy), ("semdestroy", CommandOpcode.SemDestroy), ("qdestroy", CommandOpcode.QDestroy),
        ("flagsdestroy", CommandOpcode.FlagsDestroy), ("exit", CommandOpcode.Exit),
        ("flagswaitkeep", CommandOpcode.FlagsWaitKeep), ("flagswaitallkeep", CommandOpcode.FlagsWaitAllKeep),
        ("flagswaittimeout", CommandOpcode.FlagsWaitTimeout), ("flagswaitalltimeout", CommandOpcode.FlagsWaitAllTimeout),
        ("flagswaitkeeptimeout", CommandOpcode.FlagsWaitKeepTimeout), ("flagswaitallkeeptimeout", CommandOpcode.FlagsWaitAllKeepTimeout),
        ("qsendtimeout", CommandOpcode.QSendTimeout), ("qsendurgenttimeout", CommandOpcode.QSendUrgentTimeout),
        ("locktrystatus", CommandOpcode.LockTryStatus),
        ("resetevent", CommandOpcode.ResetEvent), ("reset", CommandOpcode.Reset),
    };

    private static readonly (string Name, TestOpcode Op)[] TestNames =
    {
        ("prioeq", TestOpcode.PrioEq), ("priolt", TestOpcode.PrioLt), ("priogt", TestOpcode.PrioGt),
        ("nprioeq", TestOpcode.NPrioEq), ("npriolt", TestOpcode.NPrioLt), ("npriogt", TestOpcode.NPrioGt),
        ("unlocked", TestOpcode.Unlocked), ("trylock", TestOpcode.TryLock), ("blocked", TestOpcode.Blocked),
        ("blockedwake", TestOpcode.BlockedWake), ("locked", TestOpcode.Locked),
        ("opcodeeq", TestOpcode.OpcodeEq), ("opcodelt", TestOpcode.OpcodeLt), ("opcodegt", TestOpcode.OpcodeGt),
        ("eventeq", TestOpcode.EventEq), ("eventlt", TestOpcode.EventLt), ("eventgt", TestOpcode.EventGt),
        ("semcounteq", TestOpcode.SemCountEq), ("semwaiterseq", TestOpcode.SemWaitersEq), ("qcounteq", TestOpcode.QCountEq),
        ("qreceiverseq", TestOpcode.QReceiversEq), ("qsenderseq", TestOpcode.QSendersEq), ("qcontentseq", TestOpcode.QContentsEq),
        ("flagseq", TestOpcode.FlagsEq), ("flagswaiterseq", TestOpcode.FlagsWaitersEq),
        ("mutexwaiterseq", TestOpcode.MutexWaitersEq), ("mutexownereq", TestOpcode.MutexOwnerEq),
    };

    /// <summary>Every command, in table order.</summary>
    public static IEnumerable<CommandOpcode> AllCommands => CommandNames.Select(c => c.Op);

    /// <summary>Every test, in table order.</summary>
    public static IEnumerable<TestOpcode> AllTests => TestNames.Select(t => t.Op);

    /// <summary>A command by name (any case) or by number; false when neither.</summary>
    public static bool TryCommand(string text, out CommandOpcode op)
    {
        foreach (var (name, o) in CommandNames)
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) { op = o; return true; }
        if (Numbers.TryParse(text, out int n))
            foreach (var (_, o) in CommandNames)
                if ((int)o == n) { op = o; return true; }
        op = default;
        return false;
    }

    /// <summary>A test by name (any case); false otherwise.</summary>
    public static bool TryTest(string text, out TestOpcode op)
    {
        foreach (var (name, o) in TestNames)
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) { op = o; return true; }
        op = default;
        return false;
    }

    /// <summary>The script name of a command.</summary>
    public static string Name(CommandOpcode op) => CommandNames.First(c => c.Op == op).Name;

    /// <summary>The script name of a test.</summary>
    public static string Name(TestOpcode op) => TestNames.First(t => t.Op == op).Name;

    /// <summary>True for commands whose argument is a mutex index.</summary>
    public static bool TakesMutex(CommandOpcode op) => op is CommandOpcode.Lock or CommandOpcode.LockNoWait or CommandOpcode.LockInt
        or CommandOpcode.LockIntNoWait or CommandOpcode.LockCont or CommandOpcode.Unlock or CommandOpcode.LockDd
        or CommandOpcode.LockTry or CommandOpcode.LockTryStatus or CommandOpcode.LockTimeout or CommandOpcode.MutexDestroy;

    /// <summary>
    /// True for the commands whose argument is a semaphore, queue or event-flags index (0..63;
    /// scenario-language.md §16, §19, §21): the primitives' calls, including their destroys.
    /// </summary>
    public static bool TakesObject(CommandOpcode op) => op is >= CommandOpcode.SemTake and <= CommandOpcode.FlagsClear
        or CommandOpcode.SemDestroy or CommandOpcode.QDestroy or CommandOpcode.FlagsDestroy
        or >= CommandOpcode.FlagsWaitKeep and <= CommandOpcode.QSendUrgentTimeout;

    /// <summary>True for the primitive commands that may wait (their O is the command number while they do).</summary>
    public static bool IsPrimitiveWait(CommandOpcode op) => op is CommandOpcode.SemTake or CommandOpcode.SemTakeTimeout or CommandOpcode.QSend
        or CommandOpcode.QSendUrgent or CommandOpcode.QReceive or CommandOpcode.QReceiveTimeout or CommandOpcode.FlagsWait or CommandOpcode.FlagsWaitAll
        or >= CommandOpcode.FlagsWaitKeep and <= CommandOpcode.QSendUrgentTimeout;

    /// <summary>True for the commands that create an object with options; their second field is the object's index (§18).</summary>
    public static bool IsCreate(CommandOpcode op) => op is CommandOpcode.MutexCreate or CommandOpcode.SemCreate or CommandOpcode.QCreate;

    /// <summary>True for commands the driver carries out itself (they work even while the thread is busy, and leave O and E alone).</summary>
    public static bool IsDriverCommand(CommandOpcode op) => op is CommandOpcode.SchedOther or CommandOpcode.SchedFifo
        or CommandOpcode.Signal or CommandOpcode.Tick;

    /// <summary>True for the lock commands that pause after every wake-up (<c>lock</c>, <c>lockint</c>).</summary>
    public static bool PausesAfterWake(CommandOpcode op) => op is CommandOpcode.Lock or CommandOpcode.LockInt;

    /// <summary>True for every command that may block in an rt-mutex lock.</summary>
    public static bool IsBlockingLock(CommandOpcode op) => op is CommandOpcode.Lock or CommandOpcode.LockNoWait or CommandOpcode.LockInt
        or CommandOpcode.LockIntNoWait or CommandOpcode.LockDd or CommandOpcode.LockTimeout;

    /// <summary>The status field a test reads.</summary>
    public static StatusField Field(TestOpcode op) => op switch
    {
        TestOpcode.PrioEq or TestOpcode.PrioLt or TestOpcode.PrioGt => StatusField.P,
        TestOpcode.NPrioEq or TestOpcode.NPrioLt or TestOpcode.NPrioGt => StatusField.N,
        TestOpcode.OpcodeEq or TestOpcode.OpcodeLt or TestOpcode.OpcodeGt => StatusField.O,
        TestOpcode.EventEq or TestOpcode.EventLt or TestOpcode.EventGt => StatusField.E,
        >= TestOpcode.SemCountEq => StatusField.Object,
        _ => StatusField.M,
    };

    /// <summary>The lock-state digit an M test expects (0 unlocked .. 4 locked); -1 for other tests.</summary>
    public static int ExpectedDigit(TestOpcode op) => op switch
    {
        TestOpcode.Unlocked => 0,
        TestOpcode.TryLock => 1,
        TestOpcode.Blocked => 2,
        TestOpcode.BlockedWake => 3,
        TestOpcode.Locked => 4,
        _ => -1,
    };

    /// <summary>-1 for "less than", 0 for "equal", +1 for "greater than" (M tests compare for equality).</summary>
    public static int Comparison(TestOpcode op) => op switch
    {
        TestOpcode.PrioLt or TestOpcode.NPrioLt or TestOpcode.OpcodeLt or TestOpcode.EventLt => -1,
        TestOpcode.PrioGt or TestOpcode.NPrioGt or TestOpcode.OpcodeGt or TestOpcode.EventGt => 1,
        _ => 0,
    };
}
