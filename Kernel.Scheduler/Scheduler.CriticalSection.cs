using System.Diagnostics;
using System.Threading;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// The critical section: <see cref="Enter"/> / <see cref="Leave"/> (IRQs masked, one thread
    /// inside), the invariant checks run at the outermost <see cref="Leave"/>, and the trace,
    /// recorded masked and handed to the sink unmasked (style rule: collect, unmask, then call).
    /// </summary>
    public sealed partial class Scheduler
    {
        /// <summary>
        /// Enters the kernel: masks IRQs and returns the previous state for <see cref="Leave"/>.
        /// Throws <see cref="TaskAbortException"/> after shutdown, and <see cref="KernelFaultException"/>
        /// if the calling thread is not the one that owns the CPU.
        /// </summary>
        public int Enter()
        {
            if (_shutdown) throw new TaskAbortException();
            RequireRunner();
            return _irq.Mask();
        }

        /// <summary>Throws <see cref="KernelFaultException"/> unless the calling thread owns the CPU.</summary>
        private void RequireRunner()
        {
            if (Thread.CurrentThread != _runnerThread)
                throw new KernelFaultException("kernel entered by a thread that does not own the CPU (current task: " + _current.Name + ")");
        }

        /// <summary>
        /// Leaves the kernel: restores the state from <see cref="Enter"/>; at the outermost level
        /// delivers pending IRQs, checks invariants (when on), reschedules and flushes the trace.
        /// </summary>
        public void Leave(int state)
        {
            if (state != 0)
            {
                _irq.RestoreQuiet(state);
                _irq.RequestExitHook();   // reschedule when the outer region enables IRQs again
                return;
            }
            FaultIfBroken("invariant: ");
            _irq.Restore(0);
            Reschedule();
            FlushTrace();
        }

        /// <summary>The precondition of every "call masked" method (debug builds): IRQs are masked.</summary>
        [Conditional("DEBUG")]
        internal void AssertMasked()
        {
            if (!_irq.IsMasked) throw new KernelFaultException("assert: kernel state touched with IRQs enabled");
        }

        /// <summary>Runs every invariant check now; throws <see cref="KernelFaultException"/> naming the first broken one.</summary>
        public void CheckInvariants()
        {
            int s = Enter();
            string broken = RunChecks();
            _irq.RestoreQuiet(s);
            if (broken != null) throw new KernelFaultException("invariant: " + broken);
        }

        /// <summary>
        /// At the outermost level, masked: when checking is on and an invariant is broken, unmask and
        /// throw a <see cref="KernelFaultException"/> naming it (prefixed by <paramref name="where"/>).
        /// </summary>
        private void FaultIfBroken(string where)
        {
            string broken = _checkInvariants ? RunChecks() : null;
            if (broken == null) return;
            _irq.RestoreQuiet(0);
            throw new KernelFaultException(where + broken);
        }

        /// <summary>Runs every registered check (masked): the scheduler's own first, then the extensions'. Null when all hold.</summary>
        private string RunChecks()
        {
            if (_inCheck) return null;
            _inCheck = true;
            _invariantChecks++;
            string e = null;
            for (int i = 0; e == null && i < _checkerCount; i++) e = _checkers[i].Check();
            _inCheck = false;
            return e;
        }

        private void FlushTrace()
        {
            ITraceSink sink = Trace.Sink;
            if (sink == null) return;
            while (true)
            {
                int s = _irq.Mask();
                TraceEvent e;
                bool any = Trace.TryTake(out e);
                _irq.RestoreQuiet(s);
                if (!any) return;
                sink.OnEvent(e);
            }
        }

        /// <summary>Records a trace event (kernel and extensions). Masked.</summary>
        internal void Emit(TraceKind kind, TaskControlBlock t, int a, int b)
        {
            Trace.Append(_ticks, kind, t == null ? 0 : t.Id, a, b);
        }
    }
}
