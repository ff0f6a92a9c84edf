using NfRt.Kernel;

namespace UnitTests.Sync.Model;

/// <summary>
/// Reference model of the rt-mutex (docs/spec/rtmutex.md §1, §5-§16) with its recursive and robust
/// options (docs/spec/primitives.md §13, §14), written independently of the kernel: plain lists and a
/// from-scratch priority computation, no plist, no pi nodes, no chain walk.
/// <para>State: per mutex the owner, whether the owner is only a pending owner, whether it was
/// destroyed, the ordered waiter list, and for the options the nesting depth and the owner-died mark;
/// per task the normal priority, the effective priority, and what the task is doing
/// (idle, blocked in a lock, paused as a freshly woken pending owner — the harness pauses
/// every woken pending owner until a <see cref="OpKind.Resume"/> step, so pending ownership and
/// stealing are observable — or dead after an <see cref="OpKind.Exit"/>), plus the lock call's
/// parameters (interruptible, deadline, detection) and a pending interrupt request.</para>
/// <para>Every kernel wait is interruptible (docs/spec/scheduler.md §19), the harness's own command
/// wait included: an interrupt of an idle or paused task ends that wait, which the harness ignores
/// (Ok, and a paused interruptible lock keeps the request for its retry); only a task blocked in an
/// uninterruptible lock (or a dead one) answers WrongState.</para>
/// <para>Effective priorities are recomputed from scratch after every change:
/// effective(t) = min(normal(t), effective(w) for every w queued on a mutex t owns or
/// pending-owns), iterated to a fixed point. A queued task whose effective priority changed is
/// re-queued at the tail of its new priority group (docs/spec/rtmutex.md §2, §10).</para>
/// <para>Steps the model cannot predict exactly are skipped (<see cref="Apply"/> returns null and
/// the runner does not execute them): commands to a task that is not idle, Resume of a task that
/// is not paused, two timed waits armed for the same tick (the wake order of equal deadlines
/// interacts with the ready queue), a change that would re-queue two waiters of one mutex at once
/// (never seen; the order would be the walk's), and, once a deadlock was allowed to form (a wait
/// without detection that closes a cycle: the tasks hang, docs/spec/rtmutex.md §12), the few steps whose result
/// depends on which fixed point the cycle's priorities sit at (see SkipIfDeboostFeedsCycle) or
/// that would send a detecting walk round the cycle to the depth limit.</para>
/// </summary>
public sealed class RtMutexModel
{
    public enum Mode { Idle, Blocked, Paused, Dead }

    public sealed class TaskState
    {
        public int Normal, Eff;
        public Mode Mode;
        public int Mutex = -1;           // the mutex of the lock call in progress
        public bool Interruptible, Detect, InterruptRequested;
        public long Deadline = -1;       // absolute tick, -1 = none
        public TaskState Clone() => (TaskState)MemberwiseClone();
    }

    public sealed class MutexState
    {
        public int Owner = -1;
        public bool Pending, Destroyed;
        public List<int> Waiters = new();
        public bool Recursive, Robust;
        public int Depth;                 // recursive: locks beyond the first
        public bool Died;                 // robust: the owner-died mark
        public MutexState Clone() => new()
        {
            Owner = Owner, Pending = Pending, Destroyed = Destroyed, Waiters = new List<int>(Waiters),
            Recursive = Recursive, Robust = Robust, Depth = Depth, Died = Died,
        };
    }

    /// <summary>What one step is predicted to do.</summary>
    public sealed class Prediction
    {
        /// <summary>Lock/trylock/unlock calls that returned during the step, in order: (task, result).</summary>
        public readonly List<(int Task, KernelStatus Result)> Completions = new();
        /// <summary>Result of a driver call (Interrupt, SetPriority), or null.</summary>
        public KernelStatus? Driver;
    }

    private sealed class Skip : Exception { public Skip(string why) : base(why) { } }

    public TaskState[] Tasks;
    public MutexState[] Mutexes;
    public long Now;

    public RtMutexModel(int[] priorities, int mutexes, int[] options = null)
    {
        Tasks = priorities.Select(p => new TaskState { Normal = p, Eff = p }).ToArray();
        Mutexes = Enumerable.Range(0, mutexes).Select(m => new MutexState
        {
            Recursive = options != null && (options[m] & ModelCase.Recursive) != 0,
            Robust = options != null && (options[m] & ModelCase.Robust) != 0,
        }).ToArray();
    }

    private RtMutexModel(RtMutexModel o)
    {
        Tasks = o.Tasks.Select(t => t.Clone()).ToArray();
        Mutexes = o.Mutexes.Select(m => m.Clone()).ToArray();
        Now = o.Now;
    }

    /// <summary>Applies <paramref name="op"/>; null (state unchanged) when the step is skipped, <paramref name="skipped"/> says why.</summary>
    public Prediction Apply(Op op, out string skipped)
    {
        var next = new RtMutexModel(this);
        var p = new Prediction();
        try { next.Step(op, p); }
        catch (Skip s) { skipped = s.Message; return null; }
        Tasks = next.Tasks;
        Mutexes = next.Mutexes;
        Now = next.Now;
        skipped = null;
        return p;
    }

    private void Step(Op op, Prediction p)
    {
        TaskState s = op.Kind is OpKind.Tick or OpKind.Destroy ? null : Tasks[op.Task];
        if (op.IsCommand && s.Mode != Mode.Idle) throw new Skip(s.Mode == Mode.Dead ? "task dead" : "task busy");
        if (op.IsCommand && op.Kind != OpKind.Exit && Mutexes[op.Mutex].Destroyed)
        {
            // Every call on a destroyed mutex fails at once and changes nothing (docs/spec/rtmutex.md §12).
            p.Completions.Add((op.Task, op.Kind == OpKind.TryLock ? KernelStatus.Busy : KernelStatus.Destroyed));
            return;
        }
        switch (op.Kind)
        {
            case OpKind.Lock: Begin(op.Task, op.Mutex, false, -1, op.Detect, p); break;
            case OpKind.LockInterruptible: Begin(op.Task, op.Mutex, true, -1, op.Detect, p); break;
            case OpKind.LockTimed: Begin(op.Task, op.Mutex, true, op.Arg, op.Detect, p); break;
            case OpKind.TryLock: p.Completions.Add((op.Task, TryOnce(op.Task, op.Mutex, false))); break;
            case OpKind.TryLockStatus: p.Completions.Add((op.Task, TryOnce(op.Task, op.Mutex, true))); break;
            case OpKind.Unlock:
                p.Completions.Add((op.Task, Unlock(op.Task, op.Mutex, false)));
                break;
            case OpKind.Exit:
                // The body returns (the command's completion), then the exit hook releases every mutex the
                // task owns outright, in creation order, each as one unlock (docs/spec/rtmutex.md §15).
                p.Completions.Add((op.Task, KernelStatus.Ok));
                for (int m = 0; m < Mutexes.Length; m++)
                {
                    MutexState mx = Mutexes[m];
                    if (mx.Destroyed || mx.Owner != op.Task || mx.Pending) continue;
                    mx.Depth = 0;
                    Unlock(op.Task, m, mx.Robust);
                }
                s.Mode = Mode.Dead;
                break;
            case OpKind.Interrupt:
                if (s.Mode == Mode.Dead || (s.Mode == Mode.Blocked && !s.Interruptible)) { p.Driver = KernelStatus.WrongState; break; }
                if (s.Mode == Mode.Blocked) SkipIfDeboostFeedsCycle(op.Task, "interrupt");
                p.Driver = KernelStatus.Ok;
                if (s.Mode == Mode.Idle) break;                    // its command wait ends; the harness waits again
                if (s.Interruptible) s.InterruptRequested = true;  // the lock call keeps it for its retry
                if (s.Mode == Mode.Blocked) Retry(op.Task, p);     // a paused task just keeps the flag
                break;
            case OpKind.SetPriority:
                if (s.Mode == Mode.Dead) { p.Driver = KernelStatus.WrongState; break; }
                if (op.Arg > s.Normal && ReachesCycle(op.Task)) throw new Skip("deboost of a task in a cycle's component");
                s.Normal = op.Arg;
                Settle();
                p.Driver = KernelStatus.Ok;
                break;
            case OpKind.Tick:
                for (int i = 0; i < op.Arg; i++)
                {
                    Now++;
                    for (int t = 0; t < Tasks.Length; t++)
                        if (Tasks[t].Mode == Mode.Blocked && Tasks[t].Deadline >= 0 && Tasks[t].Deadline <= Now)
                        {
                            SkipIfDeboostFeedsCycle(t, "timeout");
                            Retry(t, p);
                        }
                }
                break;
            case OpKind.Resume:
                if (s.Mode != Mode.Paused) throw new Skip("not paused");
                Retry(op.Task, p);
                break;
            case OpKind.Destroy:
                MutexState d = Mutexes[op.Mutex];
                if (d.Destroyed) { p.Driver = KernelStatus.Destroyed; break; }
                if (Enumerable.Range(0, Tasks.Length).Any(ReachesCycle)) throw new Skip("destroy while a deadlock cycle exists");
                // docs/spec/rtmutex.md §16: every waiter's lock call ends with Destroyed; the owner (or
                // pending owner) loses the mutex and what it inherited through it.
                var woken = new List<int>(d.Waiters);
                d.Waiters.Clear();
                d.Owner = -1;
                d.Pending = d.Died = false;
                d.Depth = 0;
                d.Destroyed = true;
                Settle();
                // They run (and return) most urgent first, in wake order (the wait-list order) among equals.
                foreach (int w in woken.OrderBy(w => Tasks[w].Eff).ToList()) Complete(w, KernelStatus.Destroyed, p);
                p.Driver = KernelStatus.Ok;
                break;
        }
    }

    // ---------------------------------------------------------------- the lock call (docs/spec/rtmutex.md §5)

    private void Begin(int t, int m, bool interruptible, int timeout, bool detect, Prediction p)
    {
        TaskState s = Tasks[t];
        s.Mutex = m;
        s.Interruptible = interruptible;
        s.Detect = detect;
        s.InterruptRequested = false;
        s.Deadline = timeout >= 0 ? Now + timeout : -1;
        MutexState mx = Mutexes[m];
        if (!mx.Destroyed && mx.Owner == t && !mx.Pending)
        {
            if (mx.Recursive) { mx.Depth++; Complete(t, KernelStatus.Ok, p); }   // nested: counted
            else Complete(t, KernelStatus.Deadlock, p);                          // self-lock, any variant
            return;
        }
        Retry(t, p);
    }

    /// <summary>
    /// The try locks, once, never blocking: a recursive owner nests; the bool form leaves a dead owner's
    /// robust mutex alone (it could not report OwnerDied); otherwise take (OwnerDied once for a marked
    /// mutex) or Busy.
    /// </summary>
    private KernelStatus TryOnce(int t, int m, bool mayReportOwnerDied)
    {
        MutexState mx = Mutexes[m];
        if (mx.Recursive && mx.Owner == t && !mx.Pending) { mx.Depth++; return KernelStatus.Ok; }
        if (!mayReportOwnerDied && mx.Died) return KernelStatus.Busy;
        return TryTake(t, m) ? Acquired(m) : KernelStatus.Busy;
    }

    /// <summary>The caller has just become the real owner: OwnerDied once for a robust mutex whose owner died, else Ok.</summary>
    private KernelStatus Acquired(int m)
    {
        if (!Mutexes[m].Died) return KernelStatus.Ok;
        Mutexes[m].Died = false;
        return KernelStatus.OwnerDied;
    }

    /// <summary>One pass of the slow-lock loop: take, interrupted?, timed out?, enqueue, sleep.</summary>
    private void Retry(int t, Prediction p)
    {
        TaskState s = Tasks[t];
        int m = s.Mutex;
        // A robbed pending owner is in no wait list, so its mutex can be destroyed under it; its
        // retry is then a use of a destroyed mutex (docs/spec/rtmutex.md §12): an error, and nothing changes.
        if (Mutexes[m].Destroyed) { Fail(t, KernelStatus.Destroyed, p); return; }
        if (TryTake(t, m)) { Complete(t, Acquired(m), p); return; }
        if (s.Interruptible && s.InterruptRequested) { Fail(t, KernelStatus.Interrupted, p); return; }
        if (s.Deadline >= 0 && Now >= s.Deadline) { Fail(t, KernelStatus.TimedOut, p); return; }
        if (QueuedOn(t) < 0)
        {
            KernelStatus r = BlockOn(t, m, s.Detect);
            if (r != KernelStatus.Ok) { Fail(t, r, p); return; }
        }
        if (s.Deadline >= 0)
            for (int o = 0; o < Tasks.Length; o++)
                if (o != t && Tasks[o].Mode == Mode.Blocked && Tasks[o].Deadline == s.Deadline) throw new Skip("two timeouts on one tick");
        s.Mode = Mode.Blocked;
    }

    private void Fail(int t, KernelStatus r, Prediction p)
    {
        int m = QueuedOn(t);
        if (m >= 0)
        {
            Mutexes[m].Waiters.Remove(t);
            Settle();
        }
        Complete(t, r, p);
    }

    private void Complete(int t, KernelStatus r, Prediction p)
    {
        TaskState s = Tasks[t];
        s.Mode = Mode.Idle;
        s.Mutex = -1;
        s.Interruptible = s.Detect = s.InterruptRequested = false;
        s.Deadline = -1;
        p.Completions.Add((t, r));
    }

    /// <summary>Spec §6: free → take; own pending ownership → complete it; strictly more urgent than the pending owner → steal.</summary>
    private bool TryTake(int t, int m)
    {
        MutexState mx = Mutexes[m];
        if (mx.Owner < 0)
        {
            mx.Owner = t;
            mx.Pending = false;
            Settle();
            return true;
        }
        if (!mx.Pending) return false;
        if (mx.Owner == t) { mx.Pending = false; return true; }
        if (Tasks[t].Eff < Tasks[mx.Owner].Eff)
        {
            mx.Waiters.Remove(t);
            mx.Owner = t;
            mx.Pending = false;
            Settle();
            return true;
        }
        return false;
    }

    /// <summary>Spec §7 plus deadlock detection (§10).</summary>
    private KernelStatus BlockOn(int t, int m, bool detect)
    {
        MutexState mx = Mutexes[m];
        if (mx.Owner == t) return KernelStatus.Deadlock;
        // The chain of owners from m: owner(m), then the owner of the mutex that owner waits on, ...
        var path = new List<int>();
        bool cycle = false;
        for (int x = mx.Owner; x >= 0;)
        {
            if (x == t) { cycle = true; break; }
            if (path.Contains(x))
            {
                // The chain runs into a cycle allowed to form earlier: a detecting walk circles it
                // up to the depth limit (boosts included); without detection the boost settles.
                if (detect) throw new Skip("detecting walk would circle an existing cycle");
                break;
            }
            path.Add(x);
            int on = QueuedOn(x);
            if (on < 0) break;
            x = Mutexes[on].Owner;
        }
        if (cycle && !detect)
        {
            // Spec §12: without detection the deadlock is allowed to form; the tasks hang. The walk
            // only boosts, so the priorities are the least fixed point Settle computes.
            Insert(mx.Waiters, t);
            Settle();
            return KernelStatus.Ok;
        }
        if (cycle)
        {
            // Nothing changes, except that the detecting walk boosted (and re-queued) every task on
            // the chain, up to the one whose mutex the caller owns, that was less urgent than the
            // caller, and removing the waiter deboosted (re-queued) them again: net, each such task
            // moved to the tail of its own priority group.
            int prio = Tasks[t].Eff;
            for (int i = 0; i < path.Count - 1; i++)
                if (Tasks[path[i]].Eff > prio) MoveToGroupTail(path[i]);
            return KernelStatus.Deadlock;
        }
        Insert(mx.Waiters, t);
        Settle();
        return KernelStatus.Ok;
    }

    /// <summary>
    /// Spec §8: hand the mutex to the top waiter as pending owner (the harness pauses it); a nested
    /// recursive lock is only counted down; <paramref name="ownerDied"/> (the exit hook of a robust
    /// mutex) marks it for the next acquirer.
    /// </summary>
    private KernelStatus Unlock(int t, int m, bool ownerDied)
    {
        MutexState mx = Mutexes[m];
        if (mx.Owner < 0) return KernelStatus.InvalidArgument;
        if (mx.Owner != t || mx.Pending) return KernelStatus.NotOwner;
        if (mx.Depth > 0) { mx.Depth--; return KernelStatus.Ok; }
        if (ownerDied) mx.Died = true;
        if (mx.Waiters.Count == 0)
        {
            mx.Owner = -1;
        }
        else
        {
            int heir = mx.Waiters[0];
            mx.Waiters.RemoveAt(0);
            mx.Owner = heir;
            mx.Pending = true;
            Tasks[heir].Mode = Mode.Paused;
        }
        Settle();
        return KernelStatus.Ok;
    }

    // ---------------------------------------------------------------- cycles allowed to form

    /// <summary>Following t → the mutex it waits on → its owner → ... reaches a cycle.</summary>
    private bool ReachesCycle(int t) => CycleWalk(t, out _);

    /// <summary>t itself is on a cycle of the wait-for graph.</summary>
    private bool OnCycle(int t) => CycleWalk(t, out bool onIt) && onIt;

    private bool CycleWalk(int t, out bool backToStart)
    {
        var seen = new HashSet<int>();
        backToStart = false;
        for (int x = t; ;)
        {
            if (!seen.Add(x)) { backToStart = x == t; return true; }
            int on = QueuedOn(x);
            if (on < 0) return false;
            x = Mutexes[on].Owner;
        }
    }

    /// <summary>
    /// While a cycle exists, priorities on it are only one of several fixed points of
    /// "effective = min(normal, waiters)": a boost that went round the cycle sustains itself. The
    /// model computes the least one, which is what the kernel has as long as cycles only receive
    /// boosts. Removing a waiter that feeds a cycle, or making such a task less urgent, would leave
    /// the kernel's self-sustained boost in place: not predictable by this model, so skipped.
    /// Removing a waiter ON the cycle breaks it and is fine (the graph is acyclic again, where the
    /// fixed point is unique).
    /// </summary>
    private void SkipIfDeboostFeedsCycle(int t, string what)
    {
        if (ReachesCycle(t) && !OnCycle(t)) throw new Skip(what + " of a task feeding a cycle");
    }

    // ---------------------------------------------------------------- priorities and queues

    /// <summary>The mutex task <paramref name="t"/> is queued on, or -1.</summary>
    public int QueuedOn(int t)
    {
        for (int m = 0; m < Mutexes.Length; m++) if (Mutexes[m].Waiters.Contains(t)) return m;
        return -1;
    }

    /// <summary>Inserts after every waiter of the same or a more urgent priority (FIFO among equals).</summary>
    private void Insert(List<int> waiters, int t)
    {
        int i = 0;
        while (i < waiters.Count && Tasks[waiters[i]].Eff <= Tasks[t].Eff) i++;
        waiters.Insert(i, t);
    }

    private void MoveToGroupTail(int t)
    {
        List<int> w = Mutexes[QueuedOn(t)].Waiters;
        w.Remove(t);
        Insert(w, t);
    }

    /// <summary>Every effective priority from scratch, to a fixed point over the wait-for graph.</summary>
    private int[] ComputeEffective()
    {
        int[] eff = Tasks.Select(x => x.Normal).ToArray();
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (MutexState mx in Mutexes)
            {
                if (mx.Owner < 0) continue;
                foreach (int w in mx.Waiters)
                    if (eff[w] < eff[mx.Owner]) { eff[mx.Owner] = eff[w]; changed = true; }
            }
        }
        return eff;
    }

    /// <summary>Recomputes every effective priority and re-queues each queued task whose priority changed.</summary>
    private void Settle()
    {
        int[] eff = ComputeEffective();
        var moved = new List<int>();
        for (int t = 0; t < Tasks.Length; t++)
        {
            if (eff[t] != Tasks[t].Eff && QueuedOn(t) >= 0) moved.Add(t);
            Tasks[t].Eff = eff[t];
        }
        if (moved.Select(QueuedOn).Distinct().Count() != moved.Count) throw new Skip("two waiters of one mutex re-queued at once");
        foreach (int t in moved) MoveToGroupTail(t);
    }

    // ---------------------------------------------------------------- printing

    /// <summary>The state as text, in the same format the runner prints the kernel's.</summary>
    public string Describe()
    {
        var sb = new System.Text.StringBuilder();
        for (int m = 0; m < Mutexes.Length; m++)
        {
            MutexState mx = Mutexes[m];
            sb.Append(MutexLine(m, mx.Owner, mx.Pending, mx.Destroyed, mx.Waiters, mx.Depth, mx.Died)).Append('\n');
        }
        for (int t = 0; t < Tasks.Length; t++)
        {
            TaskState s = Tasks[t];
            bool busy = s.Mode != Mode.Idle;
            sb.Append(TaskLine(t, s.Normal, s.Eff, s.Mode.ToString(), s.Mode == Mode.Blocked ? s.Mutex : -1, busy && s.Interruptible, busy && s.InterruptRequested)).Append('\n');
        }
        return sb.ToString();
    }

    public static string MutexLine(int m, int owner, bool pending, bool destroyed, IEnumerable<int> waiters, int depth, bool died) =>
        $"M{m}: {(destroyed ? "destroyed " : "")}owner={(owner < 0 ? "-" : "T" + owner)}{(pending ? " (pending)" : "")} waiters=[{string.Join(",", waiters.Select(w => "T" + w))}]" +
        $"{(depth > 0 ? " depth=" + depth : "")}{(died ? " owner-died" : "")}";

    public static string TaskLine(int t, int normal, int eff, string mode, int blockedOn, bool interruptible, bool interruptPending) =>
        $"T{t}: normal={normal} eff={eff} {mode}{(blockedOn >= 0 ? " on M" + blockedOn : "")}{(interruptible ? " interruptible" : "")}{(interruptPending ? " intr-pending" : "")}";
}
