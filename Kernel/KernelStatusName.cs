namespace NfRt.Kernel
{
    /// <summary>
    /// The name of a <see cref="KernelStatus"/>, printable on the device: nanoFramework keeps no enum names in
    /// the image, so there <c>status.ToString()</c> prints the number ("-212"). This table gives "ShutDown".
    /// Its flash cost is measured in docs/FOOTPRINT.md. What each status means is in docs/spec/scheduler.md §3
    /// (on the host: <c>NfRt.Harness.StatusText</c>).
    /// </summary>
    public static class KernelStatusName
    {
        /// <summary>The name of <paramref name="status"/> as written in <see cref="KernelStatus"/>; the number for a value it does not define.</summary>
        /// <param name="status">The status to name.</param>
        /// <returns>The member name (e.g. "ShutDown"), or the decimal number for an undefined value.</returns>
        public static string Of(KernelStatus status)
        {
            switch (status)
            {
                case KernelStatus.Ok: return "Ok";
                case KernelStatus.NotOwner: return "NotOwner";
                case KernelStatus.Interrupted: return "Interrupted";
                case KernelStatus.Busy: return "Busy";
                case KernelStatus.InvalidArgument: return "InvalidArgument";
                case KernelStatus.Deadlock: return "Deadlock";
                case KernelStatus.TimedOut: return "TimedOut";
                case KernelStatus.OwnerDied: return "OwnerDied";
                case KernelStatus.Destroyed: return "Destroyed";
                case KernelStatus.WrongContext: return "WrongContext";
                case KernelStatus.NoResources: return "NoResources";
                case KernelStatus.OutOfMemory: return "OutOfMemory";
                case KernelStatus.WrongState: return "WrongState";
                case KernelStatus.CeilingViolated: return "CeilingViolated";
                case KernelStatus.TaskFaulted: return "TaskFaulted";
                case KernelStatus.WatchdogExpired: return "WatchdogExpired";
                case KernelStatus.ShutDown: return "ShutDown";
                case KernelStatus.TasksAbandoned: return "TasksAbandoned";
                case KernelStatus.AsyncBody: return "AsyncBody";
                case KernelStatus.DeadlineMissed: return "DeadlineMissed";
                case KernelStatus.HookFaulted: return "HookFaulted";
                default: return ((int)status).ToString();
            }
        }
    }
}
