using NfRt.Kernel;

namespace NfRt.Harness;

/// <summary>
/// The host-side table of what each kernel status means and what usually causes it. The device
/// assemblies return bare codes (no text in flash, docs/DESIGN.md "Flash economy"); hosts, tools and
/// tests turn them into a sentence with this table. Every <see cref="KernelStatus"/> has an entry
/// (a test checks it).
/// </summary>
public static class StatusText
{
    /// <summary>"Name (value): meaning" (the name from the device's own table, <see cref="KernelStatusName"/>).</summary>
    public static string Explain(KernelStatus s) => $"{KernelStatusName.Of(s)} ({(int)s}): {Meaning(s)}";

    /// <summary>The meaning of <paramref name="s"/>, with the usual cause for the errors.</summary>
    public static string Meaning(KernelStatus s) => s switch
    {
        KernelStatus.Ok => "success",
        KernelStatus.NotOwner => "the caller does not own what it tried to release (a pending owner does not own it yet)",
        KernelStatus.Interrupted => "the wait was interrupted by Scheduler.Interrupt(task)",
        KernelStatus.Busy => "the object is taken or in use (a try operation, a full semaphore, a mutex in use at Destroy)",
        KernelStatus.InvalidArgument => "an argument is out of range or null; nothing changed",
        KernelStatus.Deadlock => "the wait would close a cycle of waits (or the caller already holds the mutex)",
        KernelStatus.TimedOut => "the wait's time limit passed (0 ticks: it would have had to wait)",
        KernelStatus.OwnerDied => "the robust mutex's previous owner ended while holding it; the caller owns it now and must make its data consistent",
        KernelStatus.Destroyed => "the object was destroyed",
        KernelStatus.WrongContext => "not allowed from here: an IRQ handler, the idle task/driver, IRQs masked, or a thread that is not the current task's — usually an async task body that resumed after 'await' on a thread-pool thread, or a thread the application started itself",
        KernelStatus.OutOfMemory => "the runtime's heap cannot hold a new task (its control block, thread and the thread's stack frames); nothing was created — on a 104 KiB nanoCLR heap this is the usual limit on tasks (docs/FOOTPRINT.md)",
        KernelStatus.NoResources => "a fixed-size kernel table is full (tasks, invariant checkers)",
        KernelStatus.WrongState => "the object's state does not allow the call (joining oneself, resuming a task that is not suspended)",
        KernelStatus.CeilingViolated => "the caller's normal priority is more urgent than the mutex's priority ceiling",
        KernelStatus.TaskFaulted => "a task body threw: Scheduler.LastFault names it, its Fault holds the exception",
        KernelStatus.WatchdogExpired => "the driver got no CPU back within KernelConfig.WatchdogMs: Scheduler.WatchdogTask kept it (WatchdogTaskStuck: it has not even reached a kernel call — a spin, or a C# lock held across a kernel call)",
        KernelStatus.ShutDown => "the kernel was shut down; nothing happened",
        KernelStatus.TasksAbandoned => "Shutdown could not end every task thread in time (a body that swallows TaskAbortException, a stuck task): Scheduler.AbandonedTask names them",
        KernelStatus.AsyncBody => "the task body is an async method; task bodies must be synchronous (an await would continue on a thread-pool thread outside the kernel)",
        KernelStatus.DeadlineMissed => "WaitForNextPeriod: the periodic job that just ended completed after its absolute deadline (counted in TaskStatistics.DeadlinesMissed, traced as DeadlineMiss); the next job started as the task's overrun policy says",
        KernelStatus.HookFaulted => "application code the kernel called failed and was contained — an IRQ handler or the trace sink threw, or an invariant checker reported: Scheduler.LastHookFault says which and how",
        _ => "unknown status",
    };
}
