namespace NfRt.Scheduling
{
    /// <summary>
    /// The Kernel.Sync layer of one kernel, as the scheduler holds it: the type of the typed slot
    /// <c>Scheduler.SyncLayer</c>. The scheduler calls it through its two facets — a priority change
    /// of a task blocked on an rt-mutex (<see cref="IPriorityChangeHook"/>) and a task's end
    /// (<see cref="ITaskExitHook"/>) — and every object of the layer above finds the layer's shared
    /// state there. Internal to the kernel assemblies: Kernel.Sync's <c>RtMutexSystem</c> is its one
    /// implementation, so the layer's own cast from this slot cannot fail.
    /// </summary>
    internal interface ISyncLayer : IPriorityChangeHook, ITaskExitHook
    {
    }
}
