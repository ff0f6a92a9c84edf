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
        void OnIrq(Scheduler kernel, int irq);
    }
}
