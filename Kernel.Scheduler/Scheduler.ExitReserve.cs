namespace NfRt.Scheduling
{
    /// <summary>
    /// The exit reserve: heap held for the end of a task's exit. On nanoCLR every call takes its stack frame from
    /// the managed heap, so on a full heap the exit hook (the rt-mutex's release of what the task owns) can throw
    /// OutOfMemoryException at its first call, and so would the rest of the exit (mask, Dead, joiners, the switch)
    /// at the same depth. ExitCurrent then drops the reserve, so the collector, run before any allocation fails,
    /// gives its bytes to those frames (docs/spec/scheduler.md §20). The driver makes it at the start of each run
    /// call while there is an exit hook (a kernel with rt-mutexes) and none is held: once, or again after one was
    /// used; if even that does not fit, the run goes on without one. Not on a steady-state path: a null check per
    /// run call.
    /// </summary>
    public sealed partial class Scheduler
    {
        /// <summary>Bytes of the reserve: the exit path's frames after a failed hook, with room to spare.</summary>
        internal const int ExitReserveBytes = 1024;

        private byte[] _exitReserve;   // a field: dropping it (a store, no call) is all a failed exit needs

        /// <summary>True while the reserve is held (tests).</summary>
        internal bool HoldsExitReserve { get { return _exitReserve != null; } }

        /// <summary>The driver, at the start of a run call: makes the reserve if there is an exit hook and none is held.</summary>
        private void KeepExitReserve()
        {
            if (_exitReserve != null || SyncLayer == null) return;
            try
            {
                _exitReserve = new byte[ExitReserveBytes];
            }
            catch (System.OutOfMemoryException)
            {
            }
        }
    }
}
