namespace NfRt.Kernel
{
    /// <summary>Kinds of <see cref="TraceEvent"/>. Arguments A and B are described per kind.</summary>
    public enum TraceKind
    {
        /// <summary>Context switch: Task = the task switched in (0 = idle), A = the task switched out.</summary>
        Switch = 0,
        /// <summary>A task became ready: Task; A = its effective priority.</summary>
        Ready = 1,
        /// <summary>A task blocked: Task; A = the TaskState it entered.</summary>
        Block = 2,
        /// <summary>A blocked task was woken: Task; A = the wait result (KernelStatus).</summary>
        Wake = 3,
        /// <summary>Effective priority changed: Task; A = old, B = new.</summary>
        PriorityChange = 4,
        /// <summary>A tick was processed: A = low 32 bits of the tick count.</summary>
        Tick = 5,
        /// <summary>IRQ handler entered: A = IRQ line.</summary>
        IrqEnter = 6,
        /// <summary>IRQ handler left: A = IRQ line.</summary>
        IrqExit = 7,
        /// <summary>Running task preempted: Task = the preempted task, A = the preempting task.</summary>
        Preempt = 8,
        /// <summary>Task exited: Task.</summary>
        Exit = 9,
        /// <summary>Priority-inheritance boost: Task = owner, A = old, B = new effective priority.</summary>
        Boost = 10,
        /// <summary>Priority-inheritance deboost: Task = owner, A = old, B = new effective priority.</summary>
        Deboost = 11,
        /// <summary>Lock stolen from a pending owner: Task = stealer, A = robbed task, B = mutex id.</summary>
        Steal = 12,
        /// <summary>Deadlock detected: Task = requester, A = mutex id.</summary>
        Deadlock = 13,
        /// <summary>A timed wait expired: Task.</summary>
        Timeout = 14,
        /// <summary>Mutex acquired: Task = owner, A = mutex id.</summary>
        MutexAcquire = 15,
        /// <summary>Mutex released: Task = former owner, A = mutex id, B = new pending owner (0 = none).</summary>
        MutexRelease = 16,
        /// <summary>Normal priority set by a priority change: Task; A = old, B = new normal priority.</summary>
        NormalPriority = 17,
        /// <summary>Task created: Task; A = normal priority.</summary>
        Create = 18,
        /// <summary>A task body threw and the task ended: Task.</summary>
        TaskFault = 19,
        /// <summary>The driver halted the running task (target tick reached, or the watchdog): Task; A = 0 target tick, 1 watchdog.</summary>
        Halt = 20,
        /// <summary>Counting semaphore given: Task = the caller (current task), A = semaphore id, B = the task the unit went to (0 = the count went up).</summary>
        SemaphoreGive = 21,
        /// <summary>Message sent: Task = the sender (the caller, or a blocked sender a Receive let in), A = queue id, B = the receiver it was handed to directly (0 = queued).</summary>
        QueueSend = 22,
        /// <summary>Event flags set: Task = the caller (current task), A = event-flags id, B = the value after the set (and after the clears of the waiters it satisfied).</summary>
        FlagsSet = 23,
        /// <summary>A periodic job started: Task; A = its release tick (low 32 bits; the event's own tick is when the task took it), B = releases skipped just before it.</summary>
        Release = 24,
        /// <summary>A periodic job completed: Task; A = its response time, B = its completion tick (low 32 bits).</summary>
        JobEnd = 25,
        /// <summary>A periodic job completed after its absolute deadline: Task; A = its response time, B = its relative deadline.</summary>
        DeadlineMiss = 26,
    }
}
