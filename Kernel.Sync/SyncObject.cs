using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// What the counting semaphore, the message queue and the event flags share
    /// (docs/spec/primitives.md §2-§6): the kernel, an id, the destroyed mark, and the one
    /// blocking wait they are all built on. Users see only <see cref="Id"/> and
    /// <see cref="IsDestroyed"/>; everything else is kernel plumbing.
    /// <code>
    /// The wait protocol (all of it masked; one node per task: TaskControlBlock.WaitNode):
    ///   waiter  queues its WaitNode in a wait list at its effective priority (a priority change
    ///           re-queues it there: Scheduler.SetEffectivePriority), becomes interruptible, blocks.
    ///   waker   (give, send, receive, set, destroy) takes the first entry whose task is still
    ///           Blocked, removes it, hands over the data, and wakes it with Ok or Destroyed.
    ///   woken   node gone            -> it was served: the result is the waker's;
    ///           node still queued    -> timeout or Scheduler.Interrupt (TimedOut, Interrupted):
    ///                                   it removes the node itself; a wake-up for another reason
    ///                                   (Ok: an rt-mutex hand-off to a task that waits here from a
    ///                                   paused lock) just waits again.
    ///   Entries of tasks woken by a timeout or an interrupt that have not run yet stay queued
    ///   until they do; wakers skip them (they are not Blocked): that unit, message or flag
    ///   goes to the next real waiter.
    /// </code>
    /// </summary>
    public abstract class SyncObject : KernelObject
    {
        internal readonly Scheduler _k;
        internal int id;
        internal bool destroyed;

        /// <exception cref="System.ArgumentNullException"><paramref name="kernel"/> or <paramref name="name"/> is null.</exception>
        internal SyncObject(Scheduler kernel, string name) : base(name)
        {
            if (kernel == null) throw new System.ArgumentNullException("kernel");
            if (name == null) throw new System.ArgumentNullException("name");
            _k = kernel;
        }

        /// <summary>Id: 1-based creation order among the objects of this type on its kernel.</summary>
        public int Id { get { return id; } }

        /// <summary>True once destroyed: every later call returns Destroyed.</summary>
        public bool IsDestroyed { get { return destroyed; } }

        /// <summary>
        /// Destroys the object: every waiter wakes with Destroyed, later calls return Destroyed. Ok, or
        /// Destroyed if it already was. ISR-safe.
        /// </summary>
        public KernelStatus Destroy()
        {
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = _k.EnterChecked();
            KernelStatus r = KernelStatus.Destroyed;
            if (!destroyed)
            {
                destroyed = true;
                WakeAllForDestroyMasked();
                r = KernelStatus.Ok;
            }
            _k.Leave(s);
            return r;
        }

        /// <summary>Wakes every waiter of every wait list of this object with Destroyed. Masked.</summary>
        internal abstract void WakeAllForDestroyMasked();

        /// <summary>This object's invariants (docs/spec/primitives.md §6), masked: null when they hold, else the first broken one.</summary>
        internal abstract string CheckMasked();

        /// <summary>The first entry of <paramref name="list"/> whose task really waits (is Blocked), or null. Masked.</summary>
        internal static PlistNode FirstBlocked(PriorityList list)
        {
            PlistNode n = list.First;
            while (n != null && n.Task.state != TaskState.Blocked) n = n.next;
            return n;
        }

        /// <summary>Wakes every task really waiting in <paramref name="list"/> with <paramref name="result"/>. Masked.</summary>
        internal void WakeAllMasked(PriorityList list, KernelStatus result)
        {
            while (true)
            {
                PlistNode n = FirstBlocked(list);
                if (n == null) return;
                list.Remove(n);
                _k.Wake(n.Task, result);
            }
        }

        /// <summary>
        /// Blocks the current task <paramref name="me"/> in <paramref name="list"/> (masked, outermost
        /// level, not idle: the caller checked) until a waker serves it (Ok), the object is destroyed
        /// (Destroyed), its timeout expires (TimedOut; <paramref name="timeoutTicks"/> &lt; 0: none) or
        /// it is interrupted (Interrupted). Returns MASKED (the caller reads its wait data, then
        /// leaves with state 0). The task's interrupt marks are saved and restored around the wait.
        /// </summary>
        internal KernelStatus BlockMasked(PriorityList list, TaskControlBlock me, long timeoutTicks)
        {
            _k.AssertMasked();
            bool wasInterruptible = me.interruptible, wasRequested = me.interruptRequested;
            me.interruptible = true;
            me.interruptRequested = false;
            long deadline = timeoutTicks >= 0 ? _k.DeadlineAfter(timeoutTicks) : -1;
            KernelStatus r;
            while (true)
            {
                list.Add(me.WaitNode, me.effectivePriority);
                r = _k.BlockCurrent(0, TaskState.Blocked, this, deadline >= 0 ? deadline - _k.Now : -1);
                int s = _k.Enter();
                KernelAssert.That(s == 0, "a primitive wait resumed inside a critical section");
                if (!me.WaitNode.IsQueued) break;              // served: the waker's result
                list.Remove(me.WaitNode);
                if (r != KernelStatus.Ok) break;               // TimedOut, Interrupted
                if (destroyed) { r = KernelStatus.Destroyed; break; }
                if (deadline >= 0 && _k.Now >= deadline) { r = KernelStatus.TimedOut; break; }
            }
            me.interruptible = wasInterruptible;
            me.interruptRequested = wasRequested;
            return r;
        }

        /// <summary>
        /// The checks every wait list of these objects must pass (masked): a sound plist; every entry
        /// is a task's own wait node, queued at the task's effective priority, waiting on this object
        /// interruptibly, and not dead. <paramref name="blocked"/> counts the entries whose task is
        /// Blocked (the others were woken by a timeout or an interrupt and have not run yet).
        /// </summary>
        internal string CheckWaitList(PriorityList list, string what, out int blocked)
        {
            blocked = 0;
            string e = list.Check();
            if (e != null) return Name + ": " + what + ": " + e;
            for (PlistNode n = list.First; n != null; n = n.next)
            {
                TaskControlBlock t = n.Task;
                if (t == null || n != t.WaitNode) return Name + ": " + what + ": foreign node";
                if (t.waitingOn != this) return Name + ": " + what + ": " + t.Name + " queued but waits on " + t.waitingOn;
                if (n.prio != t.effectivePriority) return Name + ": " + what + ": " + t.Name + " queued at " + n.prio + " but its effective priority is " + t.effectivePriority;
                if (!t.interruptible) return Name + ": " + what + ": " + t.Name + " waits uninterruptibly";
                if (t.state == TaskState.Dead) return Name + ": " + what + ": " + t.Name + " is dead";
                if (t.state == TaskState.Blocked) blocked++;
            }
            return null;
        }

        /// <summary>
        /// Every task Blocked on this object is queued in <paramref name="a"/> or <paramref name="b"/>
        /// (b may be null). Masked; O(tasks).
        /// </summary>
        internal string CheckBlockedTasksQueued(PriorityList a, PriorityList b)
        {
            for (int i = 1; i <= _k.TaskCount; i++)
            {
                TaskControlBlock t = _k.TaskById(i);
                if (t.state != TaskState.Blocked || t.waitingOn != this) continue;
                PriorityList l = t.WaitNode.list;
                if (l == null || (l != a && l != b)) return Name + ": " + t.Name + " blocked on it but in none of its wait lists";
            }
            return null;
        }
    }
}
