using NfRt.Scheduling;
using NfRt.Simulator.Scenarios;

namespace NfRt.Simulator;

/// <summary>
/// Test-only additions to the kernel a simulator command builds: a shorter watchdog, extra tasks, and
/// code run in a scenario test thread before each command — the way the unit tests make a task throw
/// or hang to prove that every command reports kernel faults and hangs (no script command, demo or
/// option can). Internal: the CLI never sets it.
/// </summary>
internal sealed class KernelTestHooks
{
    /// <summary>Task slots the kernel keeps free for <see cref="AddTasks"/>.</summary>
    public const int ExtraTasks = 4;

    /// <summary>The kernel's watchdog in ms; -1 keeps the kernel's default.</summary>
    public int WatchdogMs { get; init; } = -1;

    /// <summary>Called on the driver thread once the command's own set-up is done: may create up to <see cref="ExtraTasks"/> tasks.</summary>
    public Action<Scheduler> AddTasks { get; init; }

    /// <summary>Scenarios only: called in test thread (index)'s task before it runs a command posted to it (not one of the pause).</summary>
    public Action<int, CommandOpcode> BeforeCommand { get; init; }
}
