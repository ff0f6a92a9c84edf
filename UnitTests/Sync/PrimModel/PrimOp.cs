namespace UnitTests.Sync.PrimModel;

/// <summary>The kinds of step of a wait-model sequence (T = task, D = the driver, i.e. the idle task): every wait kind of the kernel.</summary>
public enum PrimKind
{
    /// <summary>T: sem.Take(Timeout).</summary>
    SemTake,
    /// <summary>T: sem.Give().</summary>
    SemGive,
    /// <summary>D: sem.Give() (non-blocking form from the idle task).</summary>
    DriverGive,
    /// <summary>T: q.Send / SendUrgent (Flag1) of message Arg, Timeout.</summary>
    QSend,
    /// <summary>T: q.Receive(Timeout).</summary>
    QReceive,
    /// <summary>D: q.Send / SendUrgent (Flag1) of message Arg with timeout 0.</summary>
    DriverSend,
    /// <summary>T: flags.Wait(Arg, all: Flag1, clearOnExit: Flag2, Timeout).</summary>
    FWait,
    /// <summary>T: flags.Set(Arg).</summary>
    FSet,
    /// <summary>D: flags.Set(Arg).</summary>
    DriverSet,
    /// <summary>D: flags.Clear(Arg).</summary>
    DriverClear,
    /// <summary>T: rt-mutex Arg (0 plain, 1 ceiling).Lock().</summary>
    Lock,
    /// <summary>T: rt-mutex Arg.LockTimed(Timeout ticks, no detection) (interruptible).</summary>
    LockTimed,
    /// <summary>T: rt-mutex Arg.LockInterruptible(no detection).</summary>
    LockInterruptible,
    /// <summary>T: rt-mutex Arg.Unlock().</summary>
    Unlock,
    /// <summary>T: event.Wait(Timeout).</summary>
    EvWait,
    /// <summary>T: event.Signal().</summary>
    EvSignal,
    /// <summary>D: event.Signal().</summary>
    DriverSignal,
    /// <summary>T: Scheduler.Join(task Arg).</summary>
    Join,
    /// <summary>T: Scheduler.Sleep(Arg ticks).</summary>
    Sleep,
    /// <summary>T ends (its body returns): the exit hook releases its mutexes, its joiners' waits end.</summary>
    Exit,
    /// <summary>D: Scheduler.SetPriority(T, Arg).</summary>
    SetPriority,
    /// <summary>D: Scheduler.Interrupt(T).</summary>
    Interrupt,
    /// <summary>D: Arg ticks, quiescent after each.</summary>
    Tick,
    /// <summary>D: destroy object Arg (0 semaphore, 1 queue, 2 flags, 3 event, 4 rt-mutex M0, 5 ceiling rt-mutex M1).</summary>
    Destroy,
}

/// <summary>One step; <see cref="ToString"/> prints the C# that builds it (paste shrunk cases into a regression test).</summary>
public readonly record struct PrimOp(PrimKind Kind, int Task, int Arg, int Timeout, bool Flag1, bool Flag2)
{
    public bool IsCommand => Kind is PrimKind.SemTake or PrimKind.SemGive or PrimKind.QSend or PrimKind.QReceive or PrimKind.FWait
        or PrimKind.FSet or PrimKind.Lock or PrimKind.LockTimed or PrimKind.LockInterruptible or PrimKind.Unlock
        or PrimKind.EvWait or PrimKind.EvSignal or PrimKind.Join or PrimKind.Sleep or PrimKind.Exit;

    public override string ToString() =>
        $"new PrimOp(PrimKind.{Kind}, {Task}, {Arg}, {Timeout}, {(Flag1 ? "true" : "false")}, {(Flag2 ? "true" : "false")})";
}

/// <summary>A generated case: task priorities, the objects' shapes, the steps, and the CAS flavour.</summary>
public sealed record PrimCase(int[] Priorities, int SemInitial, int SemMax, int QueueCapacity, int Ceiling, PrimOp[] Ops, bool MaskedCas = false)
{
    public override string ToString() =>
        $"new PrimCase(new[] {{ {string.Join(", ", Priorities)} }}, {SemInitial}, {SemMax}, {QueueCapacity}, {Ceiling}, new[] {{\n    " +
        string.Join(",\n    ", Ops.Select(o => o.ToString())) + $" }}, {(MaskedCas ? "true" : "false")})";
}
