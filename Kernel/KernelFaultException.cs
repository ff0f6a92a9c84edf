using System;

namespace NfRt.Kernel
{
    /// <summary>
    /// A broken kernel invariant or an impossible hardware answer (a pool that refuses returned
    /// blocks, two threads inside the kernel at once). Never used for user mistakes: those get a
    /// <see cref="KernelStatus"/>.
    /// </summary>
    public sealed class KernelFaultException : Exception
    {
        /// <summary>Creates the fault with a message naming what broke.</summary>
        public KernelFaultException(string message) : base(message) { }
    }
}
