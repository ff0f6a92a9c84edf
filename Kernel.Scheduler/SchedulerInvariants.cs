using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// The scheduler's own invariants (docs/spec/scheduler.md), registered first like the
    /// rt-mutex's and the memory's checkers: the ready queue and the timeout queue are sound, and
    /// every task's state agrees with the queues it is in. Run masked after every kernel operation
    /// when <c>KernelConfig.CheckInvariants</c> is on. Allocation-free unless it finds a defect.
    /// </summary>
    internal sealed class SchedulerInvariants : IInvariantChecker
    {
        private readonly Scheduler _kernel;

        internal SchedulerInvariants(Scheduler kernel) { _kernel = kernel; }

        public string Check()
        {
            string e = _kernel.ReadyTasks.Check();
            if (e == null) e = _kernel.Timeouts.Check();
            if (e == null) e = CheckTasks();
            return e;
        }

        private string CheckTasks()
        {
            TaskControlBlock current = _kernel.Current;
            // The current task may have just blocked or yielded (the switch follows at the preemption point).
            if (current.state == TaskState.Running && current.inReadyQueue) return "running task " + current.Name + " is in the ready queue";
            for (int id = 1; id <= _kernel.TaskCount; id++)
            {
                TaskControlBlock t = _kernel.TaskById(id);
                if (t != current && t.state == TaskState.Running) return t.Name + " Running but not current";
                if ((t.state == TaskState.Ready) != t.inReadyQueue) return t.Name + " ready state and queue disagree";
                if (t.state == TaskState.Delayed && !t.Timeout.queued) return t.Name + " sleeping without a timeout";
                if (t.Timeout.queued && t.state != TaskState.Delayed && t.state != TaskState.Blocked) return t.Name + " has a timeout but does not wait";
                if (t.state == TaskState.Blocked && t.waitingOn == null) return t.Name + " blocked on nothing";
            }
            return null;
        }
    }
}
