using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// Checks every invariant of spec §13 over all rt-mutexes and tasks of one kernel. Run by
    /// the scheduler after every kernel operation when <c>KernelConfig.CheckInvariants</c> is on
    /// (all tests), masked. Allocation-free unless it finds a defect (then it builds the message).
    /// </summary>
    internal sealed class RtMutexInvariants : IInvariantChecker
    {
        private readonly RtMutexSystem _sys;

        internal RtMutexInvariants(RtMutexSystem sys) { _sys = sys; }

        public string Check()
        {
            string e;
            for (int i = 0; i < _sys.MutexCount; i++)
            {
                e = CheckMutex(_sys.MutexAt(i));
                if (e != null) return e;
            }
            Scheduler k = _sys.Kernel;
            for (int id = 1; id <= k.TaskCount; id++)
            {
                e = CheckTask(k.TaskById(id));
                if (e != null) return e;
            }
            if (_sys.Counters.DepthLimitHits == 0)
            {
                e = CheckAcyclic(k);
                if (e != null) return e;
            }
            return null;
        }

        private string CheckMutex(RtMutex m)
        {
            int word = m.ownerWord;
            if (word == RtMutex.DestroyedWord)
                return m.Waiters.IsEmpty ? null : m.Name + ": destroyed with waiters";
            TaskControlBlock owner = m.OwnerTask;
            if ((word >> RtMutex.OwnerShift) != 0 && owner == null) return m.Name + ": owner word names no task";
            if (owner == null)
            {
                if (word != 0) return m.Name + ": no owner but flag bits set";
                if (!m.Waiters.IsEmpty) return m.Name + ": no owner but waiters";
                return null;
            }
            if (((word & RtMutex.HasWaitersBit) != 0) != !m.Waiters.IsEmpty) return m.Name + ": bit1 disagrees with the wait list";
            if ((word & RtMutex.PendingOwnerBit) != 0)
            {
                if (owner.BlockedOn != null) return m.Name + ": pending owner " + owner.Name + " is blocked on a mutex";
                if (owner.State == TaskState.Dead) return m.Name + ": pending owner is dead";
                if (owner.State == TaskState.Blocked && owner.WaitingOn is RtMutex) return m.Name + ": pending owner sleeps on a mutex";
            }
            string e = m.Waiters.Check();
            if (e != null) return m.Name + ": wait list: " + e;
            PlistNode first = m.Waiters.First;
            for (PlistNode n = first; n != null; n = n.Next)
            {
                Waiter w = (Waiter)n.Owner;
                if (n != w.ListNode) return m.Name + ": foreign node in wait list";
                if (w.Mutex != m) return m.Name + ": waiter of " + w.Task.Name + " names another mutex";
                if (w.Task.BlockedOn != w) return m.Name + ": " + w.Task.Name + " queued but its blockedOn disagrees";
                if (w.Task == owner) return m.Name + ": owner " + owner.Name + " waits on its own mutex";
                if (w.Prio != n.Prio) return m.Name + ": waiter priority differs from its list priority";
                if (w.Prio != w.Task.EffectivePriority) return m.Name + ": waiter " + w.Task.Name + " priority " + w.Prio + " but task's effective " + w.Task.EffectivePriority;
                bool inPi = w.PiNode.IsQueued;
                if (n == first)
                {
                    if (w.PiNode.List != owner.PiWaiters) return m.Name + ": top waiter " + w.Task.Name + " not in owner's piWaiters";
                    if (w.PiNode.Prio != w.Prio) return m.Name + ": top waiter's pi-node priority is stale";
                }
                else if (inPi) return m.Name + ": non-top waiter " + w.Task.Name + " in a piWaiters list";
            }
            if (first != null && _sys.Counters.DepthLimitHits == 0 && Priority.MoreUrgent(first.Prio, owner.EffectivePriority))
                return m.Name + ": owner " + owner.Name + " (" + owner.EffectivePriority + ") less urgent than its top waiter (" + first.Prio + ")";
            return null;
        }

        private string CheckTask(TaskControlBlock t)
        {
            if (t.EffectivePriority != t.ComputedPriority())
                return t.Name + ": effective " + t.EffectivePriority + " but min(normal, top pi waiter) is " + t.ComputedPriority();
            string e = t.PiWaiters.Check();
            if (e != null) return t.Name + ": piWaiters: " + e;
            for (PlistNode n = t.PiWaiters.First; n != null; n = n.Next)
            {
                Waiter w = (Waiter)n.Owner;
                RtMutex m = w.Mutex as RtMutex;
                if (m == null || m.OwnerTask != t) return t.Name + ": piWaiters entry for a mutex it does not own";
                if (m.Waiters.First != w.ListNode) return t.Name + ": piWaiters entry is not its mutex's top waiter";
            }
            // one entry per owned mutex with waiters (each such mutex was checked to have its top here)
            int owned = 0;
            for (int i = 0; i < _sys.MutexCount; i++)
            {
                RtMutex m = _sys.MutexAt(i);
                if (!m.IsDestroyed && m.OwnerTask == t && m.WaiterCount > 0) owned++;
            }
            if (owned != t.PiWaiters.Count) return t.Name + ": piWaiters has " + t.PiWaiters.Count + " entries for " + owned + " owned mutexes with waiters";
            if (owned == 0 && t.EffectivePriority != t.NormalPriority) return t.Name + ": boosted without owning a contended mutex";
            if (t.BlockedOn != null)
            {
                RtMutex m = t.BlockedOn.Mutex as RtMutex;
                if (m == null || t.BlockedOn.ListNode.List != m.Waiters) return t.Name + ": blockedOn but not in that mutex's wait list";
            }
            else if (t.Waiter.ListNode.IsQueued) return t.Name + ": in a wait list without blockedOn";
            return null;
        }

        /// <summary>
        /// Follows task → mutex → owner from every blocked task; a walk longer than the task count
        /// is in a cycle. A cycle is legal only if a deadlock was allowed to form (spec §13): then
        /// its closing wait, and so at least one member's wait, was made without detection. A cycle
        /// of detecting waits only is a defect (detection missed it). A non-detecting wait does not
        /// always walk the chain, so the kernel cannot count every allowed cycle; hence this test.
        /// </summary>
        private string CheckAcyclic(Scheduler k)
        {
            int n = k.TaskCount;
            for (int id = 1; id <= n; id++)
            {
                TaskControlBlock t = k.TaskById(id);
                int steps = 0;
                while (t != null && t.BlockedOn != null)
                {
                    if (++steps > n)
                    {
                        // t is on the cycle now: go round it once.
                        bool allowed = false;
                        TaskControlBlock c = t;
                        do
                        {
                            if (!_sys.WaitDetects[c.Id]) allowed = true;
                            c = ((RtMutex)c.BlockedOn.Mutex).OwnerTask;
                        } while (c != t);
                        if (!allowed) return "wait-for graph has a cycle of detecting waits through " + t.Name;
                        break;
                    }
                    t = ((RtMutex)t.BlockedOn.Mutex).OwnerTask;
                }
            }
            return null;
        }
    }
}
