using System;

namespace NfRt.Kernel
{
    /// <summary>
    /// Thrown inside a task thread when the kernel shuts down while the task is parked, so
    /// its body unwinds and the thread ends and can be joined. Task bodies must not swallow it.
    /// </summary>
    public sealed class TaskAbortException : Exception
    {
        /// <summary>Creates the abort signal.</summary>
        public TaskAbortException() : base("kernel shut down") { }
    }
}
