using NfRt.Scheduling;

namespace NfRt.ThreadMetric
{
    /// <summary>
    /// Interrupt preemption processing: thread 1 (priority 10) loops { cause an interrupt; count }; the
    /// handler counts and resumes thread 0 (priority 3), which preempts thread 1 at the interrupt's exit,
    /// counts and suspends itself: two context switches per interrupt. Check: the three counters within
    /// 1 of their average; the score is the handler's count.
    /// </summary>
    public sealed class TmInterruptPreemptionProcessing : TmTest, IIrqHandler
    {
        private long _thread0, _thread1, _handler;
        private long _lastTotal;

        /// <inheritdoc/>
        public override string Name { get { return "interrupt-preemption"; } }

        /// <inheritdoc/>
        public override string Title { get { return "Interrupt Preemption Processing"; } }

        /// <inheritdoc/>
        protected override void Initialize()
        {
            Port.ThreadCreate(0, 3, Thread0);
            Port.ThreadCreate(1, 10, Thread1);
            Port.InterruptHandlerSet(this);
            Port.ThreadResume(1);
            CreateReporter();
        }

        private void Thread0() { while (true) { _thread0++; Port.ThreadSuspend(0); } }

        private void Thread1() { while (true) { Port.CauseInterrupt(); _thread1++; } }

        /// <summary>The interrupt handler: counts and resumes the more urgent thread 0.</summary>
        void IIrqHandler.OnIrq(Scheduler kernel, int irq)
        {
            _handler++;
            Port.ThreadResume(0);
        }

        /// <inheritdoc/>
        protected override long PeriodTotal()
        {
            long total = _thread0 + _thread1 + _handler;
            long average = total / 3;
            if (!WithinOne(_thread0, average) || !WithinOne(_thread1, average) || !WithinOne(_handler, average))
                ReportError("Invalid counter value(s). Interrupt processing test has failed!");
            long period = _handler - _lastTotal;
            _lastTotal = _handler;
            return period;
        }
    }
}
