using System;

namespace NfRt.Kernel
{
    /// <summary>
    /// A broken kernel invariant or an impossible hardware answer (a pool that refuses returned
    /// blocks, two threads inside the kernel at once). User mistakes get a <see cref="KernelStatus"/>,
    /// with one exception: the critical-section API (<c>Scheduler.Enter</c>, <c>Leave</c>,
    /// <c>CheckInvariants</c>) returns a mask state rather than a status, so a thread that calls it
    /// without owning the CPU gets this exception (docs/spec/scheduler.md §30).
    /// </summary>
    public sealed class KernelFaultException : Exception
    {
        /// <summary>Creates the fault with a message naming what broke.</summary>
        /// <param name="message">What broke.</param>
        public KernelFaultException(string message) : base(message) { }
    }
}
