using NfRt.Kernel;
using NfRt.Sync;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The rt-mutex call behind each mutex command (scenario-language.md §7, §9, §19), made by whoever
/// runs it — a test thread, the IRQ handler or the idle task — with the kernel's status returned
/// unchanged. No lock-state digits, events or pause here: that is the test thread's part.
/// </summary>
public static class MutexCalls
{
    /// <summary>Calls <paramref name="m"/> as <paramref name="op"/> says; <paramref name="timeout"/> is the caller's <c>settimeout</c> ticks.</summary>
    public static KernelStatus Call(CommandOpcode op, RtMutex m, int timeout) => op switch
    {
        CommandOpcode.Lock or CommandOpcode.LockNoWait => m.Lock(false),
        CommandOpcode.LockInt or CommandOpcode.LockIntNoWait => m.LockInterruptible(false),
        CommandOpcode.LockDd => m.LockInterruptible(true),
        CommandOpcode.LockTimeout => m.LockTimed(timeout, false),
        CommandOpcode.LockTry => m.TryLock() ? KernelStatus.Ok : KernelStatus.Busy,
        CommandOpcode.LockTryStatus => m.TryLockStatus(),
        CommandOpcode.Unlock => m.Unlock(),
        CommandOpcode.MutexDestroy => m.Destroy(),
        _ => throw new ArgumentException(Opcodes.Name(op) + " is not a mutex call", nameof(op)),
    };
}
