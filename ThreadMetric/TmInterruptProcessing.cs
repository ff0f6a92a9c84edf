using NfRt.Scheduling;

namespace NfRt.ThreadMetric
{
    /// <summary>
    /// Interrupt processing (no preemption): one thread at priority 10 takes the semaphore (available
    /// at creation), then loops { cause an interrupt; get the semaphore; count }. The handler counts and
    /// puts the semaphore, so every get succeeds without waiting. Check: the thread's and the handler's
    /// counters within 1 of their average; the score is the handler's count.
    /// </summary>
    public sealed class TmInterruptProcessing : TmTest, IIrqHandler
    {
        private long _thread0, _handler;
        private long _lastTotal;

        /// <inheritdoc/>
        public override string Name { get { return "interrupt"; } }

        /// <inheritdoc/>
        public override string Title { get { return "Interrupt Processing"; } }

        /// <inheritdoc/>
        protected override void Initialize()
        {
            Port.ThreadCreate(0, 10, Thread0);
            Port.SemaphoreCreate(0);
            Port.InterruptHandlerSet(this);
            Port.ThreadResume(0);
            CreateReporter();
        }

        private void Thread0()
        {
            if (Port.SemaphoreGet(0) != TmPort.Success) return;
            while (true)
            {
                Port.CauseInterrupt();
                if (Port.SemaphoreGet(0) != TmPort.Success) return;
                _thread0++;
            }
        }

        /// <summary>The interrupt handler: counts and puts the semaphore.</summary>
        void IIrqHandler.OnIrq(Scheduler kernel, int irq)
        {
            _handler++;
            Port.SemaphorePut(0);
        }

        /// <inheritdoc/>
        protected override long PeriodTotal()
        {
            long total = _thread0 + _handler;
            long average = total / 2;
            if (!WithinOne(_thread0, average) || !WithinOne(_handler, average))
                ReportError("Invalid counter value(s). Interrupt processing test has failed!");
            long period = _handler - _lastTotal;
            _lastTotal = _handler;
            return period;
        }
    }
}
