using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Run-time statistics (docs/spec/scheduler.md §34): the O(1) hooks the kernel paths call, and
    /// <see cref="ReadStatistics"/>. Every figure lives in the task's <see cref="TaskTiming"/>.
    /// <code>
    /// hook (file)                          cost                       what it keeps
    /// Tick (Scheduler.Time.cs)             one store                  lastTickEnd: when the running task's last tick ended
    /// SwitchTo (Scheduler.Dispatch.cs)     one branch; on a board     CPU time of prev in 100 ns units, switch-in time of
    ///                                      with a finer clock, a read next (the simulated board has none: ticks only)
    /// BlockCurrent (Scheduler.Blocking.cs) a compare; a store         an inversion interval opens when the task blocks on an
    ///                                                                 rt-mutex whose owner's normal priority is less urgent;
    ///                                                                 resumedAt when it comes back from any wait
    /// Wake (Scheduler.Blocking.cs)         a compare                  the task's open inversion interval closes
    /// hand-off, steal (Kernel.Sync)        O(waiters left)            the remaining waiters' intervals follow the new owner
    /// AdjustPrio (Kernel.Sync)             (existing)                 boosts: inheritance and ceiling raises
    /// WaitForNextPeriod (.Periodic.cs)     O(1)                       jobs, misses, skips, responses, worst blocking per job
    /// </code>
    /// </summary>
    public sealed partial class Scheduler
    {
        private bool _fineClock;   // the board has a clock finer than the tick: CPU time is also measured at every switch

        /// <summary>Constructor hook: the clock choice, the idle task's switch-in time, the timing checker.</summary>
        private void InitTiming()
        {
            _fineClock = !Board.IsSimulated;
            if (_fineClock) Idle.fineSince = FineClock();
            _checkers[_checkerCount++] = new TimingInvariants(this);
        }

        /// <summary>The finer clock in 100 ns units (DateTime: the only clock nano mscorlib 1.17.11 offers).</summary>
        private static long FineClock() { return System.DateTime.UtcNow.Ticks; }

        /// <summary>Switch hook on a board with a finer clock (masked): CPU time of <paramref name="prev"/>, switch-in time of <paramref name="next"/>.</summary>
        private void AccountCpu(TaskControlBlock prev, TaskControlBlock next)
        {
            long now = FineClock();
            long ran = now - prev.fineSince;
            if (ran > 0) prev.cpuFine += ran;   // a wall clock set backwards loses that slice instead of subtracting
            next.fineSince = now;
        }

        /// <summary>Block hook (masked): <paramref name="t"/> waits for an rt-mutex; an inversion interval opens if its owner is less urgent.</summary>
        private void OpenInversion(TaskControlBlock t)
        {
            TaskControlBlock owner = t.blockedOn.mutex.OwnerTask;
            if (owner != null && Priority.MoreUrgent(t.normalPriority, owner.normalPriority)) t.inversionSince = _ticks;
        }

        /// <summary>Wake hook (masked): <paramref name="t"/>'s inversion interval ends now; it counts for its job (or as one wait).</summary>
        private void CloseInversion(TaskControlBlock t)
        {
            long d = _ticks - t.inversionSince;
            t.inversionSince = -1;
            t.inversions++;
            t.totalBlocking += d;
            TaskTiming tm = t.timing;
            if (tm != null) tm.jobBlocking += d;
            else if (d > t.worstBlocking) t.worstBlocking = d;
        }

        /// <summary>
        /// The rt-mutex <paramref name="m"/> now belongs to <paramref name="owner"/> (a hand-off or a steal; masked,
        /// called by Kernel.Sync): each task still waiting for it is in an inversion interval exactly while
        /// <paramref name="owner"/>'s normal priority is less urgent than its own. O(waiters left).
        /// </summary>
        internal void OnLockOwnerChanged(PiLock m, TaskControlBlock owner)
        {
            AssertMasked();
            for (PlistNode n = m.waiters.First; n != null; n = n.next)
            {
                TaskControlBlock w = n.Task;
                bool inverted = Priority.MoreUrgent(w.normalPriority, owner.normalPriority);
                if (w.inversionSince >= 0)
                {
                    if (!inverted) CloseInversion(w);
                }
                else if (inverted && w.state == TaskState.Blocked) w.inversionSince = _ticks;
            }
        }

        /// <summary>
        /// Copies <paramref name="task"/>'s statistics into <paramref name="into"/>, consistent and allocation-free
        /// (docs/spec/scheduler.md §34). Any task, the driver and IRQ handlers may read any task, the idle
        /// task included (its CPU time is the idle time). Not a preemption point: it neither delivers IRQs
        /// nor switches, so the driver can read between its calls without running the tasks.
        /// </summary>
        /// <param name="task">The task to read.</param>
        /// <param name="into">The caller's object, overwritten.</param>
        /// <returns>Ok; InvalidArgument (nothing written) for a null argument.</returns>
        public KernelStatus ReadStatistics(TaskControlBlock task, TaskStatistics into)
        {
            KernelStatus st = CheckCaller();
            if (st != KernelStatus.Ok) return st;
            if (task == null || into == null) return KernelStatus.InvalidArgument;
            int s = EnterChecked();
            TaskTiming tm = task.timing;   // null: not periodic, the job figures are 0 / -1
            into.task = task;
            into.readAt = _ticks;
            into.periodic = tm != null;
            if (tm != null)
            {
                into.period = tm.period;
                into.deadline = tm.deadline;
                into.overrun = tm.overrun;
                into.released = tm.released;
                into.completed = tm.completed;
                into.missed = tm.missed;
                into.skipped = tm.skipped;
                into.lastResponse = tm.lastResponse;
                into.worstResponse = tm.worstResponse;
                into.inJob = tm.inJob;
                into.jobRelease = tm.inJob ? tm.jobRelease : -1;
                into.overdue = tm.inJob && _ticks > tm.jobRelease + tm.deadline;
                into.nextRelease = !tm.inJob ? tm.nextRelease : -1;
            }
            else
            {
                into.period = into.deadline = 0;
                into.overrun = default(OverrunPolicy);
                into.released = into.completed = into.missed = into.skipped = 0;
                into.lastResponse = into.worstResponse = -1;
                into.inJob = into.overdue = false;
                into.jobRelease = into.nextRelease = -1;
            }
            into.cpuTicks = task.runTicks;
            long fine = task.cpuFine;
            if (_fineClock && task == current)
            {
                long ran = FineClock() - task.fineSince;
                if (ran > 0) fine += ran;
            }
            into.cpuMicros = _fineClock ? fine / 10 : -1;
            into.switchesIn = task.switchesIn;
            into.preemptions = task.preemptions;
            into.boosts = task.boosts;
            long open = task.inversionSince >= 0 ? _ticks - task.inversionSince : 0;
            long job = tm != null ? tm.jobBlocking + open : open;
            into.worstBlocking = job > task.worstBlocking ? job : task.worstBlocking;
            into.totalBlocking = task.totalBlocking + open;
            into.inversions = task.inversions;
            _irq.RestoreQuiet(s);   // a read changes nothing: no IRQ delivery, no switch (the driver reads without running the tasks)
            return KernelStatus.Ok;
        }
    }
}
