namespace NfRt.Kernel
{
    /// <summary>
    /// Typed results of kernel calls. Zero is success; the negative values that the
    /// rt-tester scenario language prints are the Linux errno values (docs/spec/rtmutex.md §12), the rest
    /// are this kernel's own misuse codes. No kernel call throws on contention, timeout or
    /// interruption: it returns one of these.
    /// </summary>
    public enum KernelStatus
    {
        /// <summary>Success.</summary>
        Ok = 0,
        /// <summary>The caller does not own the object it tried to release (EPERM).</summary>
        NotOwner = -1,
        /// <summary>An interruptible wait was interrupted (EINTR).</summary>
        Interrupted = -4,
        /// <summary>A try operation found the object taken, or a task was busy (EBUSY).</summary>
        Busy = -16,
        /// <summary>An argument was invalid: wrong index, out-of-range priority, free mutex (EINVAL).</summary>
        InvalidArgument = -22,
        /// <summary>The wait would close a cycle in the wait-for graph, or hit the depth limit (EDEADLK).</summary>
        Deadlock = -35,
        /// <summary>A timed wait expired (ETIMEDOUT).</summary>
        TimedOut = -110,
        /// <summary>
        /// A robust rt-mutex was acquired after its previous owner ended while holding it (EOWNERDEAD,
        /// docs/spec/primitives.md §14). The caller IS the owner and unlocks it as usual; the data the
        /// mutex protects may be inconsistent.
        /// </summary>
        OwnerDied = -130,
        /// <summary>The object was destroyed and may no longer be used.</summary>
        Destroyed = -200,
        /// <summary>The call is not allowed in this context (e.g. blocking from an interrupt or the idle task).</summary>
        WrongContext = -201,
        /// <summary>
        /// The runtime's heap cannot hold what the call must allocate (a task: its control block, its thread
        /// and the thread's stack frames, ENOMEM); nothing was created or changed.
        /// </summary>
        OutOfMemory = -12,
        /// <summary>A fixed-size kernel table is full (tasks, timers).</summary>
        NoResources = -202,
        /// <summary>The object is not in a state that allows the call (e.g. joining oneself, resuming a ready task).</summary>
        WrongState = -203,
        /// <summary>
        /// A priority-ceiling rt-mutex was locked by a task whose normal priority is more urgent than
        /// the ceiling (docs/spec/primitives.md §12); nothing changed.
        /// </summary>
        CeilingViolated = -204,
        /// <summary>A task body threw (or a kernel worker died): <c>Scheduler.LastFault</c> names the task, its <c>Fault</c> holds the exception.</summary>
        TaskFaulted = -210,
        /// <summary>A driver call did not get the CPU back within <c>KernelConfig.WatchdogMs</c>: <c>Scheduler.WatchdogTask</c> names the task that kept it.</summary>
        WatchdogExpired = -211,
        /// <summary>The kernel was shut down; the call did nothing.</summary>
        ShutDown = -212,
        /// <summary>Shutdown could not join every task thread in time: <c>Scheduler.AbandonedTask</c> names them.</summary>
        TasksAbandoned = -213,
        /// <summary>The task body is an async method: an await would continue on a thread-pool thread outside the kernel. Task bodies must be synchronous.</summary>
        AsyncBody = -214,
        /// <summary>
        /// <c>Scheduler.WaitForNextPeriod</c>: the job that just ended completed after its absolute deadline
        /// (counted and traced; the next job still starts as the task's overrun policy says).
        /// </summary>
        DeadlineMissed = -215,

        /// <summary>
        /// A run call: application code the kernel called — an IRQ handler or the trace sink that threw, an
        /// invariant checker that reported or threw — failed, and was contained: <c>Scheduler.LastHookFault</c>
        /// says which and how (docs/spec/scheduler.md §37).
        /// </summary>
        HookFaulted = -216,
    }
}
