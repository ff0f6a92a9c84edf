namespace NfRt.Kernel
{
    /// <summary>
    /// What a <see cref="TimeoutNode"/> belongs to: a task's sleep or timed wait, or a kernel timer.
    /// The tick calls <see cref="OnTimeout"/> for each expired node, masked, in deadline order.
    /// </summary>
    internal interface ITimeoutTarget
    {
        /// <summary>The node's deadline passed (it is already out of the queue). Masked; never calls out of the kernel.</summary>
        void OnTimeout();
    }
}
