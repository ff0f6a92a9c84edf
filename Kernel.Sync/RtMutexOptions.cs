namespace NfRt.Sync
{
    /// <summary>
    /// Options of an rt-mutex (docs/spec/primitives.md §11-§14), read once by the
    /// <see cref="RtMutex(NfRt.Scheduling.Scheduler, string, RtMutexOptions)"/> constructor; changing the
    /// object afterwards changes no mutex. Without options a mutex is a plain priority-inheritance
    /// rt-mutex (docs/spec/rtmutex.md).
    /// </summary>
    public sealed class RtMutexOptions
    {
        /// <summary>Creates the default options: no ceiling, not recursive, not robust.</summary>
        public RtMutexOptions() { }

        /// <summary>
        /// &gt;= 0: immediate priority ceiling protocol (ICPP) at this priority (0 .. PriorityLevels-1):
        /// the owner runs at least this urgently; a task whose normal priority is more urgent gets
        /// CeilingViolated. -1 (default): no ceiling.
        /// </summary>
        public int Ceiling = -1;

        /// <summary>The owner may lock it again (Ok, counted); it is released after as many unlocks.</summary>
        public bool Recursive;

        /// <summary>An owner that ends while holding it: the next task to acquire it gets OwnerDied (and owns it).</summary>
        public bool Robust;
    }
}
