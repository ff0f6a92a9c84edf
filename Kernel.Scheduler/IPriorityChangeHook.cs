using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Lets the rt-mutex propagate priority inheritance when the scheduler changes the
    /// priority of a task blocked on an rt-mutex (docs/spec/rtmutex.md §11). Called with interrupts masked.
    /// </summary>
    internal interface IPriorityChangeHook
    {
        /// <summary><paramref name="task"/> is blocked on an rt-mutex and its priority changed; walk the chain.</summary>
        void OnBlockedTaskPriorityChanged(TaskControlBlock task);
    }
}
