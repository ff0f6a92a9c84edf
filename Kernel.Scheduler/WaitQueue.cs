using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// One wait queue, owned by the scheduler (docs/spec/scheduler.md §17): the tasks waiting on one
    /// kernel object (or on one side of it: a message queue has two), most urgent first, FIFO among
    /// equals — a plist of the tasks' own <see cref="TaskControlBlock.WaitNode"/>s — and the object it
    /// belongs to. Every wait of the kernel but the rt-mutex's is one <see cref="Pend"/> on one of
    /// these: an event's, a joined task's, a semaphore's, a message queue's receivers and senders,
    /// event flags'. (A sleep is the same wait with no queue.)
    /// <para>The protocol, all masked:</para>
    /// <list type="bullet">
    /// <item><see cref="Pend"/> blocks the current task here (refusing the idle task, IRQ handlers and
    /// nested sections with WrongContext, and a 0-tick wait with TimedOut), arms its timeout, and
    /// returns the wait's result: Ok or Destroyed from a waker of this queue, TimedOut from the tick,
    /// Interrupted from <see cref="Scheduler.Interrupt"/>. Every such wait is interruptible.</item>
    /// <item>A waker ends the wait of a task it names (<see cref="WakeFirst"/>, <see cref="WakeAll"/>,
    /// <see cref="Wake"/>); the tick and <see cref="Scheduler.Interrupt"/> end it the same way
    /// (<c>Scheduler.Wake</c>). Each of them takes the task out of the queue at once, so the queue
    /// holds exactly the tasks Blocked on its object: a waker never meets an entry whose wait has
    /// ended, and whatever it hands over goes to a task that really waits.</item>
    /// <item>A priority change of a queued task re-queues it at the tail of its new group
    /// (<c>Scheduler.SetEffectivePriority</c>): the objects do nothing for it.</item>
    /// </list>
    /// What a waiter needs the waker to know (a message queue's array, the awaited flags) lives in
    /// typed fields of its task control block, written before <see cref="Pend"/>.
    /// </summary>
    internal sealed class WaitQueue
    {
        private readonly Scheduler _k;

        /// <summary>The waiting tasks' wait nodes (its <see cref="PriorityList.Owner"/> is <see cref="Owner"/>).</summary>
        internal readonly PriorityList list;

        /// <summary>The object the tasks in this queue wait on (what their <c>WaitingOn</c> names).</summary>
        internal readonly KernelObject Owner;

        /// <summary>An empty wait queue of <paramref name="owner"/> on <paramref name="kernel"/> (set-up: allocates).</summary>
        internal WaitQueue(Scheduler kernel, KernelObject owner)
        {
            _k = kernel;
            Owner = owner;
            list = new PriorityList(owner);
        }

        /// <summary>Tasks waiting.</summary>
        internal int Count { get { return list.Count; } }

        /// <summary>The most urgent waiting task (the oldest among equals), or null.</summary>
        internal TaskControlBlock First
        {
            get
            {
                PlistNode n = list.First;
                return n == null ? null : n.Task;
            }
        }

        /// <summary>Waiting task number <paramref name="index"/> in wait order, or null.</summary>
        internal TaskControlBlock At(int index)
        {
            PlistNode n = list.First;
            for (int i = 0; n != null && i < index; i++) n = n.next;
            return n == null ? null : n.Task;
        }

        /// <summary>
        /// Blocks the current task here for at most <paramref name="timeoutTicks"/> ticks (negative: no
        /// limit; 0: TimedOut at once, nothing changes). Masked, <paramref name="s"/> from Enter; returns
        /// masked (the caller leaves with <paramref name="s"/>) with the result: Ok, Destroyed, TimedOut,
        /// Interrupted, or WrongContext (nothing changed) from the idle task, an IRQ handler or a nested
        /// critical section.
        /// </summary>
        internal KernelStatus Pend(int s, long timeoutTicks)
        {
            return _k.BlockCurrent(s, TaskState.Blocked, Owner, list, timeoutTicks, true);
        }

        /// <summary>Ends the wait of the first waiting task with <paramref name="result"/>; returns it, or null when none waits. Masked.</summary>
        internal TaskControlBlock WakeFirst(KernelStatus result)
        {
            PlistNode n = list.First;
            if (n == null) return null;
            TaskControlBlock t = n.Task;
            bool woken = _k.Wake(t, Owner, result);
            KernelAssert.That(woken, "a wait queue held a task that does not wait on its object");
            return t;
        }

        /// <summary>Ends the wait of <paramref name="t"/>, a task in this queue, with <paramref name="result"/>. Masked.</summary>
        internal void Wake(TaskControlBlock t, KernelStatus result)
        {
            bool woken = _k.Wake(t, Owner, result);
            KernelAssert.That(woken, "a wait queue held a task that does not wait on its object");
        }

        /// <summary>Ends every wait in this queue with <paramref name="result"/>, most urgent first (destroy, exit). Masked.</summary>
        internal void WakeAll(KernelStatus result)
        {
            while (WakeFirst(result) != null) { }
        }

        /// <summary>
        /// The queue's own structure (masked): a sound plist. Which task may be in it is the scheduler's
        /// check (<c>SchedulerInvariants</c>: a queued node's task is Blocked on <see cref="Owner"/>, at its
        /// effective priority, interruptibly). Null when sound, else the defect, prefixed by <paramref name="what"/>.
        /// </summary>
        internal string Check(string what)
        {
            string e = list.Check();
            return e == null ? null : Owner.Name + ": " + what + ": " + e;
        }
    }
}
