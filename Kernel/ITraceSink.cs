namespace NfRt.Kernel
{
    /// <summary>
    /// Receives trace events. Always called OUTSIDE the kernel's critical section (interrupts
    /// unmasked), in the context of whichever task or driver flushed the buffer.
    /// </summary>
    public interface ITraceSink
    {
        /// <summary>One event, in sequence order.</summary>
        /// <param name="e">The event.</param>
        void OnEvent(TraceEvent e);
    }
}
