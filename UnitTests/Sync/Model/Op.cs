namespace UnitTests.Sync.Model;

/// <summary>The kinds of step a model-based sequence is made of.</summary>
public enum OpKind
{
    /// <summary>Task T: m.Lock(detect).</summary>
    Lock,
    /// <summary>Task T: m.LockInterruptible(detect).</summary>
    LockInterruptible,
    /// <summary>Task T: m.LockTimed(Arg ticks, detect).</summary>
    LockTimed,
    /// <summary>Task T: m.TryLock() (true = Ok, false = Busy).</summary>
    TryLock,
    /// <summary>Task T: m.TryLockStatus().</summary>
    TryLockStatus,
    /// <summary>Task T: m.Unlock().</summary>
    Unlock,
    /// <summary>Task T ends (its body returns, holding whatever it holds: the exit hook releases it).</summary>
    Exit,
    /// <summary>Driver: Scheduler.Interrupt(T).</summary>
    Interrupt,
    /// <summary>Driver: Scheduler.SetPriority(T, Arg).</summary>
    SetPriority,
    /// <summary>Driver: AdvanceTicks(Arg), one tick at a time, quiescent after each.</summary>
    Tick,
    /// <summary>Driver: let paused task T (a woken pending owner) go on.</summary>
    Resume,
    /// <summary>Driver: m.Destroy() (Ok, also when in use; Destroyed the second time).</summary>
    Destroy,
}

/// <summary>
/// One step of a model-based sequence. <see cref="ToString"/> prints it as the C# expression
/// that builds it, so a shrunk failing sequence can be pasted into a regression test.
/// </summary>
public readonly record struct Op(OpKind Kind, int Task, int Mutex, int Arg, bool Detect)
{
    public static Op Lock(int t, int m, bool detect = false) => new(OpKind.Lock, t, m, 0, detect);
    public static Op LockInterruptible(int t, int m, bool detect = false) => new(OpKind.LockInterruptible, t, m, 0, detect);
    public static Op LockTimed(int t, int m, int ticks, bool detect = false) => new(OpKind.LockTimed, t, m, ticks, detect);
    public static Op TryLock(int t, int m) => new(OpKind.TryLock, t, m, 0, false);
    public static Op TryLockStatus(int t, int m) => new(OpKind.TryLockStatus, t, m, 0, false);
    public static Op Unlock(int t, int m) => new(OpKind.Unlock, t, m, 0, false);
    public static Op Exit(int t) => new(OpKind.Exit, t, 0, 0, false);
    public static Op Interrupt(int t) => new(OpKind.Interrupt, t, 0, 0, false);
    public static Op SetPriority(int t, int prio) => new(OpKind.SetPriority, t, 0, prio, false);
    public static Op Tick(int n) => new(OpKind.Tick, 0, 0, n, false);
    public static Op Resume(int t) => new(OpKind.Resume, t, 0, 0, false);
    public static Op Destroy(int m) => new(OpKind.Destroy, 0, m, 0, false);

    /// <summary>True for the ops that are commands run by task <see cref="Task"/> itself.</summary>
    public bool IsCommand => Kind <= OpKind.Exit;

    public override string ToString()
    {
        string d = Detect ? ", true" : "";
        return Kind switch
        {
            OpKind.Lock => $"Op.Lock({Task}, {Mutex}{d})",
            OpKind.LockInterruptible => $"Op.LockInterruptible({Task}, {Mutex}{d})",
            OpKind.LockTimed => $"Op.LockTimed({Task}, {Mutex}, {Arg}{d})",
            OpKind.TryLock => $"Op.TryLock({Task}, {Mutex})",
            OpKind.TryLockStatus => $"Op.TryLockStatus({Task}, {Mutex})",
            OpKind.Unlock => $"Op.Unlock({Task}, {Mutex})",
            OpKind.Exit => $"Op.Exit({Task})",
            OpKind.Interrupt => $"Op.Interrupt({Task})",
            OpKind.SetPriority => $"Op.SetPriority({Task}, {Arg})",
            OpKind.Tick => $"Op.Tick({Arg})",
            OpKind.Resume => $"Op.Resume({Task})",
            OpKind.Destroy => $"Op.Destroy({Mutex})",
            _ => "?",
        };
    }
}

/// <summary>
/// A whole test case: the tasks' initial priorities (task i is T{i}, kernel id i+1), the number
/// of mutexes (M0..), the steps, the board's compare-and-swap flavour (false: hardware CAS,
/// STM32F429 profile; true: masked read-compare-write, STM32F091 Cortex-M0 profile), and each
/// mutex's options (<see cref="Recursive"/> | <see cref="Robust"/> bits; null: all plain). Prints as
/// C# for a regression test.
/// </summary>
public sealed record ModelCase(int[] Priorities, int Mutexes, Op[] Ops, bool MaskedCas = false, int[] Options = null)
{
    /// <summary>Option bit: the mutex is recursive (docs/spec/primitives.md §13).</summary>
    public const int Recursive = 1;
    /// <summary>Option bit: the mutex is robust (docs/spec/primitives.md §14).</summary>
    public const int Robust = 2;

    /// <summary>The options of mutex <paramref name="m"/>.</summary>
    public int OptionsOf(int m) => Options == null ? 0 : Options[m];

    public override string ToString() =>
        $"new ModelCase(new[] {{ {string.Join(", ", Priorities)} }}, {Mutexes}, new[] {{\n    {string.Join(",\n    ", Ops)} }}" +
        $"{(MaskedCas ? ", MaskedCas: true" : "")}{(Options != null && Options.Any(o => o != 0) ? ", Options: new[] { " + string.Join(", ", Options) + " }" : "")})";
}
