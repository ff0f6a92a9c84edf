using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// The kernel side of the IRQ controller: the tick ISR and device ISRs run masked
    /// (<see cref="IIrqSink.OnIrq"/>); after the last pending handler the reschedule-on-IRQ-exit
    /// point runs unmasked (<see cref="IIrqSink.OnIrqExit"/>).
    /// </summary>
    public sealed partial class Scheduler
    {
        void IIrqSink.OnIrq(int irq)
        {
            if (irq == Board.TickIrq)
            {
                // Wrap-safe: the real-time board counts in an int (Interlocked on int only), which wraps
                // after 2^31 ticks; compare the low 32 bits as a signed difference.
                while ((int)Board.Now - (int)_ticks > 0) Tick();
                return;
            }
            _irqsServiced++;
            Emit(TraceKind.IrqEnter, current, irq, 0);
            IIrqHandler h = _handlers[irq];
            if (h != null) h.OnIrq(this, irq);
            Emit(TraceKind.IrqExit, current, irq, 0);
        }

        /// <summary>Called after the last pending IRQ handler: reschedule on IRQ exit.</summary>
        void IIrqSink.OnIrqExit()
        {
            Reschedule();
        }
    }
}
