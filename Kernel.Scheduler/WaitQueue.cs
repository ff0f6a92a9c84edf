using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// One wait queue, owned by the scheduler (docs/spec/scheduler.md §17): the tasks waiting on one
    /// kernel object (or on one side of it: a message queue has two), most urgent first, FIFO among
    /// equals — a plist of the tasks' own <see cref="TaskControlBlock.WaitNode"/>s — and the object it
    /// belongs to. Every wait of the kernel but the rt-mutex's is one pend on one of
    /// these: an event's, a joined task's, a semaphore's, a message queue's receivers and senders,
    /// event flags'. (A sleep is the same wait with no queue.)
    /// <para>The protocol, all masked:</para>
    /// <list type="bullet">
    /// <item>The pend: the object's wait method itself calls
    /// <c>Scheduler.BlockCurrent(s, TaskState.Blocked, owner, queue.list, timeout, true)</c>, which blocks the
    /// current task here (refusing the idle task, IRQ handlers and nested sections with WrongContext, and a
    /// 0-tick wait with TimedOut), arms its timeout, and returns the wait's result: Ok or Destroyed from a
    /// waker of this queue, TimedOut from the tick, Interrupted from <see cref="Scheduler.Interrupt"/>. Every
    /// such wait is interruptible. Not a method of this class on purpose: on nanoCLR every call still on a
    /// parked task's stack is a heap-allocated frame, and one more level cost each blocked task about
    /// 156 bytes (measured on the STM32F405 firmware, docs/FOOTPRINT.md).</item>
    /// <item>A waker ends the wait of a task it names (<see cref="WakeFirst"/>, <see cref="WakeAll"/>,
    /// <see cref="Wake"/>); the tick and <see cref="Scheduler.Interrupt"/> end it the same way
    /// (<c>Scheduler.Wake</c>). Each of them takes the task out of the queue at once, so the queue
    /// holds exactly the tasks Blocked on its object: a waker never meets an entry whose wait has
    /// ended, and whatever it hands over goes to a task that really waits.</item>
    /// <item>A priority change of a queued task re-queues it at the tail of its new group
    /// (<c>Scheduler.SetEffectivePriority</c>): the objects do nothing for it.</item>
    /// </list>
    /// What a waiter needs the waker to know (a message queue's array, the awaited flags) lives in
    /// typed fields of its task control block, written before the pend.
    /// </summary>
    internal sealed class WaitQueue
    {
        private readonly Scheduler _k;

        /// <summary>The waiting tasks' wait nodes; its owner is the object waited on (kept there only, not in a field of its own here: 12 bytes less per queue on nanoCLR).</summary>
        internal readonly PriorityList list;

        /// <summary>The object the tasks in this queue wait on (what their <c>WaitingOn</c> names).</summary>
        internal KernelObject Owner { get { return list.owner; } }

        /// <summary>An empty wait queue of <paramref name="owner"/> on <paramref name="kernel"/> (set-up: allocates).</summary>
        internal WaitQueue(Scheduler kernel, KernelObject owner)
        {
            _k = kernel;
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

        /// <summary>Ends the wait of the first waiting task with <paramref name="result"/>; returns it, or null when none waits. Masked.</summary>
        internal TaskControlBlock WakeFirst(KernelStatus result)
        {
            PlistNode n = list.First;
            if (n == null) return null;
            TaskControlBlock t = n.Task;
            bool woken = _k.Wake(t, list.owner, result);
            KernelAssert.That(woken, "a wait queue held a task that does not wait on its object");
            return t;
        }

        /// <summary>Ends the wait of <paramref name="t"/>, a task in this queue, with <paramref name="result"/>. Masked.</summary>
        internal void Wake(TaskControlBlock t, KernelStatus result)
        {
            bool woken = _k.Wake(t, list.owner, result);
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
