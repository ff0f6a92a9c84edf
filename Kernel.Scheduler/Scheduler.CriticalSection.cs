using System.Diagnostics;
using System.Threading;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// The critical section: <see cref="Enter"/> / <see cref="Leave"/> (IRQs masked, one thread
    /// inside), the invariant checks run at the outermost <see cref="Leave"/>, and the trace,
    /// recorded masked and handed to the sink unmasked (style rule: collect, unmask, then call).
    /// Enter and Leave are kernel plumbing, internal: a section left open by application code would stop
    /// the kernel (docs/spec/scheduler.md §35).
    /// </summary>
    public sealed partial class Scheduler
    {
        /// <summary>
        /// Enters the kernel: masks IRQs and returns the previous state for <see cref="Leave"/>.
        /// Throws <see cref="TaskAbortException"/> after shutdown, and <see cref="KernelFaultException"/>
        /// if the calling thread is not the one that owns the CPU.
        /// </summary>
        internal int Enter()
        {
            if (_shutdown) throw new TaskAbortException();
            RequireRunner();
            return _irq.Mask();
        }

        /// <summary>
        /// The caller check every public kernel call makes first: Ok when the calling thread owns the
        /// CPU (the current task's, or the driver's while idle). Otherwise the status to return, with
        /// nothing changed: ShutDown (the driver, after <see cref="Shutdown"/>), WatchdogExpired (the
        /// driver while a stuck task holds the CPU), or WrongContext for any other thread — counted in
        /// <see cref="ForeignCalls"/>: usually an async task body resumed on a thread-pool thread after
        /// <c>await</c>, or a thread the application started itself. A task thread still running after
        /// shutdown gets <see cref="TaskAbortException"/> again, so its body keeps unwinding.
        /// </summary>
        /// <returns>Ok, or ShutDown, WatchdogExpired or WrongContext.</returns>
        public KernelStatus CheckCaller()
        {
            if (Thread.CurrentThread == _irq.runnerThread) return KernelStatus.Ok;
            return ForeignCallStatus();
        }

        /// <summary>The refusal for a caller that is not the CPU's runner (see <see cref="CheckCaller"/>); never Ok.</summary>
        internal KernelStatus ForeignCallStatus()
        {
            Thread me = Thread.CurrentThread;
            if (_shutdown)
            {
                if (me != _driverThread) throw new TaskAbortException();
                return KernelStatus.ShutDown;
            }
            if (me == _driverThread && _stuck != null)
            {
                if (!RecoverFromStuck()) return KernelStatus.WatchdogExpired;
                if (me == _irq.runnerThread) return KernelStatus.WrongContext;   // recovered just now: the caller retries
            }
            Interlocked.Increment(ref _foreignCalls);
            return KernelStatus.WrongContext;
        }

        /// <summary>Kernel calls refused because they came from a thread that was not the CPU's runner.</summary>
        public int ForeignCalls { get { return _foreignCalls; } }

        /// <summary>The caller check for board-level services that mask without entering the kernel (the block pool, partitions).</summary>
        bool NfRt.Boards.IIrqSink.AdmitCaller()
        {
            return CheckCaller() == KernelStatus.Ok;
        }

        /// <summary>
        /// <see cref="Enter"/> for a call that has just passed <see cref="CheckCaller"/>: masks without
        /// repeating the shutdown and thread checks (on the interpreter a thread read costs ~80 ns);
        /// debug builds still assert the caller owns the CPU.
        /// </summary>
        internal int EnterChecked()
        {
            AssertRunner();
            return _irq.Mask();
        }

        [Conditional("DEBUG")]
        private void AssertRunner() { RequireRunner(); }

        /// <summary>Throws <see cref="KernelFaultException"/> unless the calling thread owns the CPU.</summary>
        private void RequireRunner()
        {
            if (Thread.CurrentThread != _irq.runnerThread)
                throw new KernelFaultException("kernel entered by a thread that does not own the CPU (current task: " + current.Name + ")");
        }

        /// <summary>
        /// Leaves the kernel: restores the state from <see cref="Enter"/>; at the outermost level
        /// delivers pending IRQs, checks invariants (when on), reschedules and flushes the trace.
        /// </summary>
        internal void Leave(int state)
        {
            if (state != 0)
            {
                _irq.RestoreQuiet(state);
                _irq.RequestExitHook();   // reschedule when the outer region enables IRQs again
                return;
            }
            if (_checkInvariants) FaultIfBroken("invariant: ");
            // Only call what can do something: a switch is possible only if the current task stopped
            // running (blocked, yielded, exited), another task is ready, or a halt is requested. With no line
            // pending, unmasking would deliver nothing: the reschedule starts still masked (one mask, not two).
            TaskControlBlock cur = current;
            if (cur.state != TaskState.Running || _ready.count != 0 || _irq.haltRequested != 0)
            {
                if (_irq.pendingLines == 0) RescheduleMasked();
                else
                {
                    _irq.Restore(0);
                    Reschedule();
                }
            }
            else _irq.Restore(0);
            if (Trace.sink != null) FlushTrace();
        }

        /// <summary>The precondition of every "call masked" method (debug builds): IRQs are masked.</summary>
        [Conditional("DEBUG")]
        internal void AssertMasked()
        {
            if (!_irq.IsMasked) throw new KernelFaultException("assert: kernel state touched with IRQs enabled");
        }

        /// <summary>
        /// Runs every invariant check now; throws <see cref="KernelFaultException"/> naming the first broken
        /// invariant of the kernel. The application's own checkers are contained as always (§37).
        /// </summary>
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

        /// <summary>
        /// Runs every registered check (masked): the scheduler's own first, then the extensions'. Null when
        /// the kernel's invariants hold. An application checker's report is contained (RunUserChecker).
        /// </summary>
        private string RunChecks()
        {
            if (_inCheck) return null;
            _inCheck = true;
            _invariantChecks++;
            string e = null;
            for (int i = 0; e == null && i < _checkerCount; i++)
            {
                if (!_userChecker[i]) e = _checkers[i].Check();
                else if (!RunUserChecker(i)) i--;   // removed: the next one moved into slot i
            }
            _inCheck = false;
            return e;
        }

        private void FlushTrace()
        {
            ITraceSink sink = Trace.sink;
            if (sink == null) return;
            while (true)
            {
                int s = _irq.Mask();
                TraceEvent e;
                bool any = Trace.TryTake(out e);
                _irq.RestoreQuiet(s);
                if (!any) return;
                if (!DeliverToSink(sink, e)) return;
            }
        }

        /// <summary>Records a trace event (kernel and extensions). Masked.</summary>
        internal void Emit(TraceKind kind, TaskControlBlock t, int a, int b)
        {
            if (Trace.sink == null) return;      // nothing records: skip the call
            Trace.Append(_ticks, kind, t == null ? 0 : t.Id, a, b);
        }
    }
}
