using System;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Application code the kernel calls — IRQ handlers (caught in the ISR, Scheduler.Irq.cs), the trace
    /// sink, the application's invariant checkers — is contained (docs/spec/scheduler.md §37): what it throws (or a checker's report) never
    /// leaves a kernel call and never ends the task whose thread happened to run it. It is recorded as a
    /// <see cref="HookFault"/>, and the next run call returns <see cref="KernelStatus.HookFaulted"/> with
    /// <see cref="LastHookFault"/> describing it. Afterwards: an IRQ handler stays installed; the trace sink
    /// is detached (<c>Trace.Sink</c> = null); a checker is removed, so it reports once.
    /// <code>
    /// One pending record: the first failure since the last HookFaulted is kept; later ones are counted
    /// (HookFaults) until it is reported. TaskAbortException (a kernel shutting down unwinding the thread
    /// that runs the hook) is never contained.
    /// </code>
    /// </summary>
    public sealed partial class Scheduler
    {
        private HookFault _pendingHookFault;   // the first failure not reported yet
        private HookFault _lastHookFault;      // named by the last HookFaulted
        private int _hookFaults;

        /// <summary>The failure named by the last <see cref="KernelStatus.HookFaulted"/>, or null.</summary>
        public HookFault LastHookFault { get { return _lastHookFault; } }

        /// <summary>Failures of application code the kernel called (IRQ handlers, trace sink, checkers), reported or not.</summary>
        public int HookFaults { get { return _hookFaults; } }

        /// <summary>Records a failure (by the thread that owns the CPU, masked or not).</summary>
        private void RecordHookFault(HookKind kind, int line, string report, Exception e)
        {
            _hookFaults++;
            if (_pendingHookFault == null) _pendingHookFault = new HookFault(kind, line, report, e, _ticks);
        }

        /// <summary>The driver's report at the end of a run: the pending failure becomes <see cref="LastHookFault"/>; false if none.</summary>
        private bool TakeHookFault()
        {
            if (_pendingHookFault == null) return false;
            _lastHookFault = _pendingHookFault;
            _pendingHookFault = null;
            return true;
        }

        /// <summary>
        /// Runs the application checker in slot <paramref name="i"/> (masked). True when it passed; false when
        /// it reported or threw: then it is recorded and removed (the later checkers move down one slot).
        /// </summary>
        private bool RunUserChecker(int i)
        {
            string report;
            Exception thrown = null;
            try
            {
                report = _checkers[i].Check();
            }
            catch (TaskAbortException)
            {
                throw;
            }
            catch (Exception e)
            {
                report = e.Message;
                thrown = e;
            }
            if (report == null) return true;
            RecordHookFault(HookKind.InvariantChecker, -1, thrown == null ? report : null, thrown);
            for (int j = i + 1; j < _checkerCount; j++)
            {
                _checkers[j - 1] = _checkers[j];
                _userChecker[j - 1] = _userChecker[j];
            }
            _checkerCount--;
            _checkers[_checkerCount] = null;
            return false;
        }

        /// <summary>Hands one event to the sink (unmasked). False when the sink threw: it is detached and the failure recorded.</summary>
        private bool DeliverToSink(ITraceSink sink, TraceEvent e)
        {
            try
            {
                sink.OnEvent(e);
                return true;
            }
            catch (TaskAbortException)
            {
                throw;
            }
            catch (Exception x)
            {
                if (Trace.Sink == sink) Trace.Sink = null;
                RecordHookFault(HookKind.TraceSink, -1, null, x);
                return false;
            }
        }
    }
}
