using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// Checks every invariant of docs/spec/rtmutex.md §13 over all rt-mutexes and tasks of one kernel,
    /// with the options of docs/spec/primitives.md §12-§14 (effective priority = the most urgent of
    /// normal, top pi waiter and the ceilings of the ceiling mutexes owned outright). Run by
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
            if (_sys.Counters.depthLimitHits == 0)
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
                return m.waiters.IsEmpty ? null : m.Name + ": destroyed with waiters";
            TaskControlBlock owner = m.OwnerTask;
            if (RtMutex.OwnerIdOf(word) != 0 && owner == null) return m.Name + ": owner word names no task";
            string e = CheckOptions(m, word, owner);
            if (e != null) return e;
            if (owner == null)
            {
                if ((word & ~(RtMutex.CeilingBit | RtMutex.OwnerDiedBit)) != 0) return m.Name + ": no owner but flag bits set";
                if (!m.waiters.IsEmpty) return m.Name + ": no owner but waiters";
                return null;
            }
            if (((word & RtMutex.HasWaitersBit) != 0) != !m.waiters.IsEmpty) return m.Name + ": bit1 disagrees with the wait list";
            if ((word & RtMutex.PendingOwnerBit) != 0)
            {
                if (owner.blockedOn != null) return m.Name + ": pending owner " + owner.Name + " is blocked on a mutex";
                if (owner.State == TaskState.Dead) return m.Name + ": pending owner is dead";
                if (owner.State == TaskState.Blocked && owner.WaitingOn is PiLock) return m.Name + ": pending owner sleeps on a mutex";
            }
            e = m.waiters.Check();
            if (e != null) return m.Name + ": wait list: " + e;
            PlistNode first = m.waiters.First;
            for (PlistNode n = first; n != null; n = n.Next)
            {
                Waiter w = n.Waiter;
                if (n != w.ListNode) return m.Name + ": foreign node in wait list";
                if (w.mutex != m) return m.Name + ": waiter of " + w.Task.Name + " names another mutex";
                if (w.Task.blockedOn != w) return m.Name + ": " + w.Task.Name + " queued but its blockedOn disagrees";
                if (w.Task == owner) return m.Name + ": owner " + owner.Name + " waits on its own mutex";
                if (w.prio != n.prio) return m.Name + ": waiter priority differs from its list priority";
                // A walk cut by the depth limit stops at a boosted task without re-queueing its waiter
                // (docs/spec/rtmutex.md §10): from then on a waiter may carry its task's previous priority.
                if (w.prio != w.Task.EffectivePriority && _sys.Counters.depthLimitHits == 0) return m.Name + ": waiter " + w.Task.Name + " priority " + w.prio + " but task's effective " + w.Task.EffectivePriority;
                bool inPi = w.PiNode.IsQueued;
                if (n == first)
                {
                    if (w.PiNode.List != owner.PiWaiters) return m.Name + ": top waiter " + w.Task.Name + " not in owner's piWaiters";
                    if (w.PiNode.prio != w.prio) return m.Name + ": top waiter's pi-node priority is stale";
                }
                else if (inPi) return m.Name + ": non-top waiter " + w.Task.Name + " in a piWaiters list";
            }
            if (first != null && _sys.Counters.depthLimitHits == 0 && Priority.MoreUrgent(first.prio, owner.EffectivePriority))
                return m.Name + ": owner " + owner.Name + " (" + owner.EffectivePriority + ") less urgent than its top waiter (" + first.prio + ")";
            return null;
        }

        /// <summary>
        /// The option bits (docs/spec/primitives.md §12-§14): the ceiling bit exactly on ceiling mutexes;
        /// the ceiling node in the owner's Ceilings exactly while it owns the mutex outright, at the
        /// ceiling; the nested bit exactly while a recursive mutex is nested; the robust mark only on a
        /// robust mutex that is free or pending-owned.
        /// </summary>
        private static string CheckOptions(RtMutex m, int word, TaskControlBlock owner)
        {
            bool outright = owner != null && (word & RtMutex.PendingOwnerBit) == 0;
            if (((word & RtMutex.CeilingBit) != 0) != (m.Ceiling >= 0)) return m.Name + ": ceiling bit disagrees with the ceiling " + m.Ceiling;
            if (m.ceilingNode != null)
            {
                if (outright != (m.ceilingNode.List == owner?.Ceilings && m.ceilingNode.IsQueued))
                    return m.Name + ": ceiling node " + (outright ? "missing from its owner's ceilings" : "queued although no task owns it outright");
                if (m.ceilingNode.IsQueued && m.ceilingNode.prio != m.Ceiling) return m.Name + ": ceiling node at " + m.ceilingNode.prio + ", ceiling " + m.Ceiling;
            }
            if (((word & RtMutex.NestedBit) != 0) != (m.depth > 0)) return m.Name + ": nested bit disagrees with depth " + m.depth;
            if (m.depth < 0 || (m.depth > 0 && (!m.IsRecursive || !outright))) return m.Name + ": depth " + m.depth + " on a mutex not owned outright by a recursive locker";
            if ((word & RtMutex.OwnerDiedBit) != 0 && (!m.IsRobust || outright)) return m.Name + ": owner-died mark on a " + (m.IsRobust ? "mutex owned outright" : "mutex that is not robust");
            return null;
        }

        /// <summary>The ceiling mutex whose node <paramref name="n"/> is, or null (a linear search: checker only).</summary>
        private RtMutex CeilingMutexOf(PlistNode n)
        {
            for (int i = 0; i < _sys.MutexCount; i++)
                if (_sys.MutexAt(i).ceilingNode == n) return _sys.MutexAt(i);
            return null;
        }

        private string CheckTask(TaskControlBlock t)
        {
            if (t.lockWord != RtMutex.WordOf(t.Id, false, false)) return t.Name + ": its precomputed owner word " + t.lockWord + " is not the owner-word layout's";
            if (t.EffectivePriority != t.ComputedPriority())
                return t.Name + ": effective " + t.EffectivePriority + " but min(normal, top pi waiter, ceilings) is " + t.ComputedPriority();
            string ce = t.Ceilings.Check();
            if (ce != null) return t.Name + ": ceilings: " + ce;
            int ceilings = 0;
            for (PlistNode n = t.Ceilings.First; n != null; n = n.Next)
            {
                RtMutex cm = CeilingMutexOf(n);
                if (cm == null || n != cm.ceilingNode || cm.OwnerTask != t || cm.HasPendingOwner) return t.Name + ": ceilings entry for a mutex it does not own outright";
            }
            for (int i = 0; i < _sys.MutexCount; i++)
            {
                RtMutex m = _sys.MutexAt(i);
                if (m.Ceiling >= 0 && !m.IsDestroyed && m.OwnerTask == t && !m.HasPendingOwner) ceilings++;
            }
            if (ceilings != t.Ceilings.Count) return t.Name + ": ceilings has " + t.Ceilings.Count + " entries for " + ceilings + " owned ceiling mutexes";
            string e = t.PiWaiters.Check();
            if (e != null) return t.Name + ": piWaiters: " + e;
            for (PlistNode n = t.PiWaiters.First; n != null; n = n.Next)
            {
                Waiter w = n.Waiter;
                PiLock m = w.mutex;
                if (m == null || m.OwnerTask != t) return t.Name + ": piWaiters entry for a mutex it does not own";
                if (m.waiters.First != w.ListNode) return t.Name + ": piWaiters entry is not its mutex's top waiter";
            }
            // one entry per owned mutex with waiters (each such mutex was checked to have its top here)
            int owned = 0;
            for (int i = 0; i < _sys.MutexCount; i++)
            {
                RtMutex m = _sys.MutexAt(i);
                if (!m.IsDestroyed && m.OwnerTask == t && m.WaiterCount > 0) owned++;
            }
            if (owned != t.PiWaiters.Count) return t.Name + ": piWaiters has " + t.PiWaiters.Count + " entries for " + owned + " owned mutexes with waiters";
            PlistNode top = t.Ceilings.First;
            int unboosted = top == null ? t.NormalPriority : Priority.MostUrgent(t.NormalPriority, top.Prio);
            if (owned == 0 && t.EffectivePriority != unboosted) return t.Name + ": boosted without owning a contended mutex";
            if (t.blockedOn != null)
            {
                PiLock m = t.blockedOn.mutex;
                if (m == null || t.blockedOn.ListNode.List != m.waiters) return t.Name + ": blockedOn but not in that mutex's wait list";
            }
            else if (t.Waiter.ListNode.IsQueued) return t.Name + ": in a wait list without blockedOn";
            return null;
        }

        /// <summary>
        /// Follows task → mutex → owner from every blocked task. A walk longer than the task count
        /// is a cycle; it is allowed only if some waiter on it blocked without deadlock detection
        /// (then the deadlock was allowed to form), otherwise detection failed.
        /// </summary>
        private string CheckAcyclic(Scheduler k)
        {
            int n = k.TaskCount;
            for (int id = 1; id <= n; id++)
            {
                TaskControlBlock t = k.TaskById(id);
                int steps = 0;
                while (t != null && t.blockedOn != null)
                {
                    if (++steps > n)
                    {
                        // t is now on the cycle: go round it once looking for a waiter without detection.
                        TaskControlBlock c = t;
                        do
                        {
                            if (!c.blockedOn.detectDeadlock) return null;
                            c = c.blockedOn.mutex.OwnerTask;
                        } while (c != t && c != null && c.blockedOn != null);
                        return "wait-for graph has a cycle through " + t.Name + " although every wait on it asked for deadlock detection";
                    }
                    t = t.blockedOn.mutex.OwnerTask;
                }
            }
            return null;
        }
    }
}
