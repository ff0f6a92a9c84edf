namespace NfRt.Scheduling
{
    /// <summary>
    /// The exit reserve: heap held for the end of a task's exit. On nanoCLR every call takes its stack frame from
    /// the managed heap, so on a full heap the exit hook (the rt-mutex's release of what the task owns) can throw
    /// OutOfMemoryException at its first call, and so would the rest of the exit (mask, Dead, joiners, the switch)
    /// at the same depth. ExitCurrent then drops the reserve, so the collector, run before any allocation fails,
    /// gives its bytes to those frames (docs/spec/scheduler.md §20). The driver makes it at the start of each run
    /// call while there is an exit hook (a kernel with rt-mutexes) and none is held: once, or again after one was
    /// used, or after a CreateTask (which shares the field, Scheduler.Tasks.cs); if even that does not fit, the run
    /// goes on without one. Not on a steady-state path: a null check per run call.
    /// </summary>
    public sealed partial class Scheduler
    {
        /// <summary>Bytes of the reserve: the exit path's frames after a failed hook, with room to spare (512 were too few on the STM32F405 firmware).</summary>
        internal const int ExitReserveBytes = 1024;

        /// <summary>True while the exit reserve is held (tests).</summary>
        internal bool HoldsExitReserve { get { return _reserve != null; } }

        /// <summary>The driver, at the start of a run call: makes the reserve if there is an exit hook and none is held.</summary>
        private void KeepExitReserve()
        {
            if (_reserve != null || SyncLayer == null) return;
            try
            {
                _reserve = new byte[ExitReserveBytes];
            }
            catch (System.OutOfMemoryException)
            {
            }
        }
    }
}
