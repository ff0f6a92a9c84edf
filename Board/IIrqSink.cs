namespace NfRt.Boards
{
    /// <summary>
    /// The kernel side of the interrupt controller. <see cref="OnIrq"/> runs with
    /// interrupts masked (handlers do not nest); <see cref="OnIrqExit"/> runs after the
    /// last pending handler, unmasked: the kernel's reschedule-on-interrupt-exit point.
    /// Kernel plumbing, internal: from application code these calls would run the kernel's ISRs on any thread.
    /// </summary>
    internal interface IIrqSink
    {
        /// <summary>Handle interrupt line <paramref name="irq"/> (0 .. 31).</summary>
        void OnIrq(int irq);

        /// <summary>All pending interrupts were handled; reschedule if one made a more urgent task ready.</summary>
        void OnIrqExit();

        /// <summary>
        /// The kernel's caller check, for board-level services that mask the CPU without entering the
        /// kernel (the block pool and partitions): true when the calling thread owns the CPU now; false
        /// (the kernel counts the refusal) for any other thread or after shutdown.
        /// </summary>
        /// <returns>Whether the calling thread may mask the CPU and touch kernel-owned state.</returns>
        bool AdmitCaller();
    }
}
