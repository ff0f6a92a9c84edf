using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Simulator;

/// <summary>
/// What a kernel driver call's result means, in one line for the user (issue 10). Every command
/// checks every driver call (<c>RunUntilIdle</c>, <c>AdvanceTicks</c>, <c>RunUntilTick</c>,
/// <c>Shutdown</c>) through it and prints each problem on stderr:
/// <list type="bullet">
/// <item><c>TaskFaulted</c>: <c>task T3 faulted at tick 12: InvalidOperationException: sensor gone</c>
/// (the task is <c>Scheduler.LastFault</c>; the call stops at the end of the tick it happened in);</item>
/// <item><c>WatchdogExpired</c>: <c>watchdog: task T2 kept the CPU for 5000 ms without a context switch</c>,
/// then <c>and was halted at tick N</c>, or <c>(it has not reached a kernel call)</c> when the task is stuck
/// (it spins or waits outside the kernel and still holds the CPU);</item>
/// <item><c>HookFaulted</c>: <c>AdvanceTicks: IRQ handler of line 3 threw InvalidOperationException: ...
/// (contained; the kernel goes on)</c> (<c>Scheduler.LastHookFault</c>);</item>
/// <item><c>TasksAbandoned</c> from Shutdown: <c>shutdown: the thread of task T2 did not end within 2000 ms and was abandoned</c>;</item>
/// <item>kernel calls refused because they came from a foreign thread (<c>Scheduler.ForeignCalls</c>), counted at shutdown;</item>
/// <item>anything else: <c>CALL returned STATUS</c>.</item>
/// </list>
/// Messages are single lines (an exception message's line breaks become spaces).
/// </summary>
public static partial class KernelReport
{
    /// <summary>Null when <paramref name="status"/> is Ok; otherwise what went wrong in driver call <paramref name="call"/>.</summary>
    public static string Describe(Scheduler kernel, KernelStatus status, string call)
    {
        switch (status)
        {
            case KernelStatus.Ok:
                return null;
            case KernelStatus.TaskFaulted:
                return TaskFault(kernel.LastFault, kernel.Now);
            case KernelStatus.WatchdogExpired:
                return Watchdog(kernel);
            case KernelStatus.TasksAbandoned:
                return Abandoned(kernel);
            case KernelStatus.HookFaulted:
                return $"{call}: {OneLine(kernel.LastHookFault?.ToString() ?? "?")} (contained; the kernel goes on)";
            case KernelStatus.ShutDown:
                return $"{call}: the kernel was already shut down";
            default:
                return $"{call} returned {status}";
        }
    }

    /// <summary>
    /// The problems of a finished kernel: what <paramref name="shutdownStatus"/> (the result of
    /// <c>Shutdown</c>) says, and the kernel calls it refused from foreign threads. Empty when clean.
    /// </summary>
    public static List<string> AfterShutdown(Scheduler kernel, KernelStatus shutdownStatus)
    {
        var problems = new List<string>();
        string why = Describe(kernel, shutdownStatus, "Shutdown");
        if (why != null) problems.Add(why);
        int foreign = kernel.ForeignCalls;
        if (foreign > 0)
            problems.Add(foreign == 1
                ? "1 kernel call from a foreign thread (neither a task's nor the driver's) was refused"
                : $"{foreign} kernel calls from foreign threads (neither a task's nor the driver's) were refused");
        return problems;
    }

    /// <summary>"task NAME faulted at tick N: Type: message".</summary>
    public static string TaskFault(TaskControlBlock task, long tick) =>
        $"task {task?.Name ?? "?"} faulted at tick {tick}: {Exception(task?.Fault)}";

    private static string Watchdog(Scheduler kernel)
    {
        string text = $"watchdog: task {kernel.WatchdogTask?.Name ?? "?"} kept the CPU for {kernel.Config.WatchdogMs} ms without a context switch";
        return kernel.WatchdogTaskStuck ? text + " (it has not reached a kernel call)" : text + $" and was halted at tick {kernel.Now}";
    }

    private static string Abandoned(Scheduler kernel)
    {
        var names = new List<string>();
        for (int i = 0; i < kernel.AbandonedTaskCount; i++) names.Add(kernel.AbandonedTask(i)?.Name ?? "?");
        return names.Count == 1
            ? $"shutdown: the thread of task {names[0]} did not end within {kernel.Config.ShutdownTimeoutMs} ms and was abandoned"
            : $"shutdown: the threads of tasks {string.Join(", ", names)} did not end within {kernel.Config.ShutdownTimeoutMs} ms and were abandoned";
    }

    private static string Exception(Exception e) =>
        e == null ? "(no exception recorded)" : e.GetType().Name + ": " + OneLine(e.Message);

    private static string OneLine(string text) => string.Join(' ', text.Split((char[])null, StringSplitOptions.RemoveEmptyEntries));
}
