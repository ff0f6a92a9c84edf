using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Lets a kernel extension clean up after a task that ends (the rt-mutex releases what it still
    /// holds). Called in the exiting task's own context, interrupts enabled, before it is marked dead;
    /// it may make kernel calls. When it throws (a full heap), the scheduler calls it once more on its exit
    /// reserve (docs/spec/scheduler.md §20): it must be idempotent.
    /// </summary>
    internal interface ITaskExitHook
    {
        /// <summary><paramref name="task"/> (the current task) is about to exit.</summary>
        void OnTaskExiting(TaskControlBlock task);
    }
}
