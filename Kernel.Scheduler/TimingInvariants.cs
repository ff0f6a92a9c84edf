using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Invariants of the periodic release state and the run-time statistics (docs/spec/scheduler.md §33-§34),
    /// registered by every kernel after the scheduler's own checker. Run masked after every kernel operation
    /// when <c>KernelConfig.CheckInvariants</c> is on; O(tasks); allocation-free unless it finds a defect.
    /// </summary>
    internal sealed class TimingInvariants : IInvariantChecker
    {
        private readonly Scheduler _kernel;

        internal TimingInvariants(Scheduler kernel) { _kernel = kernel; }

        public string Check()
        {
            long now = _kernel.Now;
            for (int id = 0; id <= _kernel.TaskCount; id++)
            {
                TaskControlBlock t = id == 0 ? _kernel.Idle : _kernel.TaskById(id);
                if (t.inversionSince >= 0)
                {
                    if (t.state != TaskState.Blocked || t.blockedOn == null) return t.Name + ": inversion interval open but not waiting for an rt-mutex";
                    if (t.inversionSince > now) return t.Name + ": inversion interval opens in the future";
                }
                TaskTiming tm = t.timing;
                if (t.worstBlocking > t.totalBlocking || (tm != null && tm.jobBlocking > t.totalBlocking)) return t.Name + ": worst or job blocking above the total";
                if (tm == null) continue;   // not periodic: no job figures
                if (tm.period < 1) return t.Name + ": periodic without a period";
                if (tm.deadline < 1) return t.Name + ": periodic without a deadline";
                if (tm.released != tm.completed + (tm.inJob ? 1 : 0)) return t.Name + ": jobs released != completed + in progress";
                if (tm.missed > tm.completed) return t.Name + ": more misses than completed jobs";
                if ((tm.completed == 0) != (tm.worstResponse < 0) || tm.lastResponse > tm.worstResponse) return t.Name + ": response figures disagree";
                long release = tm.inJob ? tm.jobRelease : tm.nextRelease;
                if (release < tm.firstRelease || (release - tm.firstRelease) % tm.period != 0) return t.Name + ": release off the task's grid";
                if (tm.inJob && (tm.jobRelease > now || tm.jobStart < tm.jobRelease)) return t.Name + ": job started before its release";
            }
            return null;
        }
    }
}
