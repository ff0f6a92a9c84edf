using NfRt.Scheduling;

namespace NfRt.DeviceTests
{
    /// <summary>The body of an interrupt service routine written inline in a test.</summary>
    public delegate void IrqBody(Scheduler kernel, int irq);

    /// <summary>An interrupt service routine made of a delegate; counts its calls.</summary>
    public sealed class ActionIrq : IIrqHandler
    {
        private readonly IrqBody _body;

        /// <summary>Times it ran.</summary>
        public int Calls;

        /// <summary>Wraps <paramref name="body"/>.</summary>
        public ActionIrq(IrqBody body) { _body = body; }

        /// <inheritdoc/>
        public void OnIrq(Scheduler kernel, int irq)
        {
            Calls++;
            _body(kernel, irq);
        }
    }
}
