namespace NfRt.Scheduling
{
    /// <summary>
    /// A device interrupt service routine. Runs with interrupts masked; may call the
    /// ISR-safe kernel calls (<see cref="Scheduler.Resume"/>, <see cref="KernelEvent.Signal"/>).
    /// A task it makes ready runs after the interrupt exits.
    /// </summary>
    public interface IIrqHandler
    {
        /// <summary>Services line <paramref name="irq"/>.</summary>
        /// <param name="kernel">The kernel delivering the IRQ.</param>
        /// <param name="irq">The device line delivered (1 .. 31).</param>
        void OnIrq(Scheduler kernel, int irq);
    }
}
