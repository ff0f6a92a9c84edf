using NfRt.Kernel;

namespace NfRt.Sync
{
    /// <summary>
    /// Test hook of the rt-mutex slow path (the rt-tester's "schedule_rt_mutex" hook): lets a
    /// scenario runner observe the moment a waiter blocks and pause a woken waiter before it
    /// retries the take (the pending-owner and stealing scenarios need that pause). Host test
    /// plumbing, internal: the harness and the simulator reach it through their friend grants.
    /// </summary>
    internal interface IRtMutexTestHook
    {
        /// <summary>
        /// <paramref name="task"/> is enqueued on <paramref name="mutex"/>, all PI propagation is
        /// done, and it is about to sleep. Called INSIDE the critical section: record state only,
        /// never call the kernel.
        /// </summary>
        void OnBlocked(TaskControlBlock task, RtMutex mutex);

        /// <summary>
        /// <paramref name="task"/> was woken (made pending owner, timed out or interrupted) and is
        /// about to retry the take. Called in the task's own context with interrupts enabled; it
        /// may block (pause) and may call the kernel.
        /// </summary>
        void OnWoken(TaskControlBlock task, RtMutex mutex);
    }
}
