using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// The scheduler's own invariants (docs/spec/scheduler.md §26), registered first like the
    /// rt-mutex's and the memory's checkers: the ready queue and the timeout queue are sound, and
    /// every task's state agrees with the queues it is in — among them the wait protocol's
    /// (§17): a Blocked task is in exactly the wait list of the object it waits on, and a task's
    /// wait node is queued only while it is Blocked on that list's object, at its effective
    /// priority, in an interruptible wait. Run masked after every kernel operation when
    /// <c>KernelConfig.CheckInvariants</c> is on. Allocation-free unless it finds a defect.
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
                string e = CheckWait(t);
                if (e != null) return e;
            }
            return null;
        }

        /// <summary>The wait protocol for one task (docs/spec/scheduler.md §17).</summary>
        private static string CheckWait(TaskControlBlock t)
        {
            bool waits = t.state == TaskState.Blocked || t.state == TaskState.Delayed;
            if (!waits && (t.waitingOn != null || t.interruptible)) return t.Name + " is " + t.state + " but still has a wait (on " + t.waitingOn + ")";
            PlistNode n = t.WaitNode;
            PriorityList q = n.list;
            if (q != null)
            {
                if (t.state != TaskState.Blocked) return t.Name + " is in the wait queue of " + q.Owner + " but " + t.state;
                if (q.Owner == null || q.Owner != t.waitingOn) return t.Name + " is in the wait queue of " + q.Owner + " but waits on " + t.waitingOn;
                if (n.prio != t.effectivePriority) return t.Name + " queued on " + q.Owner + " at " + n.prio + " but its effective priority is " + t.effectivePriority;
                if (!t.interruptible) return t.Name + " waits on " + q.Owner + " uninterruptibly";
                if (q.First == n)
                {
                    string e = q.Check();   // each wait queue once: at its first entry
                    if (e != null) return q.Owner + ": wait queue: " + e;
                }
            }
            if (t.state == TaskState.Delayed && t.waitingOn != null) return t.Name + " sleeps but waits on " + t.waitingOn;
            if (t.state != TaskState.Blocked) return null;
            if (t.waitingOn == null) return t.Name + " blocked on nothing";
            // Blocked on an rt-mutex: in its wait list through the task's Waiter (docs/spec/rtmutex.md §3).
            Waiter w = t.blockedOn;
            bool inMutexList = w != null && w.mutex == t.waitingOn && w.ListNode.list != null && w.ListNode.list.Owner == t.waitingOn;
            if ((q != null) == inMutexList)
                return t.Name + " blocked on " + t.waitingOn + " but in " + (inMutexList ? "two of its wait lists" : "none of its wait lists");
            return null;
        }
    }
}
