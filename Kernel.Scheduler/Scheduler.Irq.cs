using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// The kernel side of the IRQ controller: the tick ISR and device ISRs run masked
    /// (<see cref="IIrqSink.OnIrq"/>); after the last pending handler the reschedule-on-IRQ-exit
    /// point runs unmasked (<see cref="IIrqSink.OnIrqExit"/>). Nothing is delivered while the driver
    /// is outside a run call (the controller holds the lines, docs/spec/scheduler.md §35).
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
            if (h != null)
            {
                // Application code: what it throws is contained (Scheduler.HookFaults.cs). Inline, not a
                // helper: on the interpreter every call on the IRQ path costs.
                try
                {
                    h.OnIrq(this, irq);
                }
                catch (TaskAbortException)
                {
                    throw;
                }
                catch (System.Exception e)
                {
                    RecordHookFault(HookKind.IrqHandler, irq, null, e);
                }
            }
            Emit(TraceKind.IrqExit, current, irq, 0);
        }

        /// <summary>Called after the last pending IRQ handler: reschedule on IRQ exit.</summary>
        void IIrqSink.OnIrqExit()
        {
            // Reschedule, written out: every interrupt's path, one call less (the stuck-driver test as there).
            if (_irq.masked != 0 || (_stuck != null && Thread.CurrentThread == _driverThread)) return;
            _irq.Mask();
            RescheduleMasked();
        }
    }
}
