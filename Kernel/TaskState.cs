namespace NfRt.Kernel
{
    /// <summary>Scheduling state of a task control block.</summary>
    public enum TaskState
    {
        /// <summary>Created, its thread not yet started by the kernel.</summary>
        Created = 0,
        /// <summary>In the ready queue.</summary>
        Ready = 1,
        /// <summary>The one task that owns the CPU.</summary>
        Running = 2,
        /// <summary>Waiting on a kernel object (rt-mutex, joined task, event, semaphore, queue, event flags), possibly with a timeout.</summary>
        Blocked = 3,
        /// <summary>Sleeping for a number of ticks.</summary>
        Delayed = 4,
        /// <summary>Suspended until resumed.</summary>
        Suspended = 5,
        /// <summary>Its body returned or it exited; it never runs again.</summary>
        Dead = 6,
    }
}
