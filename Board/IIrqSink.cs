namespace NfRt.Boards
{
    /// <summary>
    /// The kernel side of the interrupt controller. <see cref="OnIrq"/> runs with
    /// interrupts masked (handlers do not nest); <see cref="OnIrqExit"/> runs after the
    /// last pending handler, unmasked: the kernel's reschedule-on-interrupt-exit point.
    /// </summary>
    public interface IIrqSink
    {
        /// <summary>Handle interrupt line <paramref name="irq"/> (0 .. 31).</summary>
        void OnIrq(int irq);

        /// <summary>All pending interrupts were handled; reschedule if one made a more urgent task ready.</summary>
        void OnIrqExit();
    }
}
