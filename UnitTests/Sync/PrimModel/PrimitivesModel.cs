using NfRt.Kernel;

namespace UnitTests.Sync.PrimModel;

/// <summary>
/// A reference model of every wait kind of the kernel (docs/spec/scheduler.md §17): the counting
/// semaphore, the message queue, the event flags, two rt-mutexes (plain and priority ceiling; lock,
/// timed lock, interruptible lock), a kernel event, joining a task and sleeping — with timeouts,
/// interrupts, destroys (of every object, mutexes in use included), tasks that end, and priority
/// inheritance. Written from docs/spec/primitives.md, rtmutex.md and scheduler.md without looking at
/// the kernel's data structures: plain lists, effective priorities recomputed from scratch (the most
/// urgent of normal priority, owned ceilings and the waiters of owned mutexes, to a fixed point),
/// wait lists ordered most urgent first and FIFO among equals, a waiter whose effective priority
/// changed moved to the tail of its new group (in every wait list: the one re-queue rule). Every wait
/// but an uninterruptible lock ends at an interrupt — the harness's own command wait too (it then just
/// waits again). A step the model cannot predict (a command to a busy or dead task, a lock that would
/// close a cycle, two waiters of one list re-queued by the same step) is skipped.
/// </summary>
public sealed class PrimitivesModel
{
    public enum Wait { None, Sem, QRecv, QSend, Flags, Mutex, Event, Join, Sleep }

    public sealed class TaskState
    {
        public int Normal, Eff;
        public PrimKind? Cmd;
        public Wait Wait;
        public int Mutex = -1, Msg, Flags, JoinTarget = -1;
        public bool Urgent, All, Clear, LockInterruptible, Dead;
        public long Deadline = -1;
        public TaskState Clone() => (TaskState)MemberwiseClone();
    }

    public sealed class Prediction
    {
        public readonly List<(int Task, KernelStatus Result, int Data)> Completions = new();
        public KernelStatus? Driver;
    }

    private sealed class Skip : Exception { public Skip(string why) : base(why) { } }

    public TaskState[] Tasks;
    public int[] Owner = { -1, -1 };
    public List<int>[] MutexWaiters = { new(), new() };
    public readonly int Ceiling;
    public int SemCount; public readonly int SemMax; public List<int> SemWaiters = new(); public bool SemDestroyed;
    public List<int> Items = new(); public readonly int Capacity; public List<int> Receivers = new(), Senders = new(); public bool QDestroyed;
    public int Value; public List<int> FlagWaiters = new(); public bool FDestroyed;
    public bool Signaled; public List<int> EvWaiters = new(); public bool EDestroyed;
    public bool[] MDestroyed = { false, false };
    public List<int>[] Joiners;
    public long Now;

    public PrimitivesModel(PrimCase c)
    {
        Tasks = c.Priorities.Select(p => new TaskState { Normal = p, Eff = p }).ToArray();
        Joiners = Tasks.Select(_ => new List<int>()).ToArray();
        Ceiling = c.Ceiling; SemCount = c.SemInitial; SemMax = c.SemMax; Capacity = c.QueueCapacity;
    }

    private PrimitivesModel(PrimitivesModel o)
    {
        Tasks = o.Tasks.Select(t => t.Clone()).ToArray();
        Owner = (int[])o.Owner.Clone();
        MutexWaiters = o.MutexWaiters.Select(l => new List<int>(l)).ToArray();
        Ceiling = o.Ceiling; SemCount = o.SemCount; SemMax = o.SemMax; SemWaiters = new(o.SemWaiters); SemDestroyed = o.SemDestroyed;
        Items = new(o.Items); Capacity = o.Capacity; Receivers = new(o.Receivers); Senders = new(o.Senders); QDestroyed = o.QDestroyed;
        Value = o.Value; FlagWaiters = new(o.FlagWaiters); FDestroyed = o.FDestroyed; Now = o.Now;
        Signaled = o.Signaled; EvWaiters = new(o.EvWaiters); EDestroyed = o.EDestroyed;
        MDestroyed = (bool[])o.MDestroyed.Clone(); Joiners = o.Joiners.Select(l => new List<int>(l)).ToArray();
    }

    private void CopyFrom(PrimitivesModel o)
    {
        Tasks = o.Tasks; Owner = o.Owner; MutexWaiters = o.MutexWaiters; SemCount = o.SemCount; SemWaiters = o.SemWaiters;
        SemDestroyed = o.SemDestroyed; Items = o.Items; Receivers = o.Receivers; Senders = o.Senders; QDestroyed = o.QDestroyed;
        Value = o.Value; FlagWaiters = o.FlagWaiters; FDestroyed = o.FDestroyed; Now = o.Now;
        Signaled = o.Signaled; EvWaiters = o.EvWaiters; EDestroyed = o.EDestroyed; MDestroyed = o.MDestroyed; Joiners = o.Joiners;
    }

    /// <summary>Applies <paramref name="op"/>; null (nothing changed) when skipped, <paramref name="skipped"/> says why.</summary>
    public Prediction Apply(PrimOp op, out string skipped)
    {
        var next = new PrimitivesModel(this);
        var p = new Prediction();
        try { next.Step(op, p); }
        catch (Skip s) { skipped = s.Message; return null; }
        CopyFrom(next);
        skipped = null;
        return p;
    }

    private void Step(PrimOp op, Prediction p)
    {
        if (op.IsCommand)
        {
            if (Tasks[op.Task].Dead) throw new Skip("task dead");
            if (Tasks[op.Task].Cmd != null) throw new Skip("task busy");
            Tasks[op.Task].Cmd = op.Kind;
        }
        int t = op.Task;
        switch (op.Kind)
        {
            case PrimKind.SemTake:
                if (SemDestroyed) Complete(t, KernelStatus.Destroyed, 0, p);
                else if (SemCount > 0) { SemCount--; Complete(t, KernelStatus.Ok, 0, p); }
                else Block(t, Wait.Sem, SemWaiters, op.Timeout, p);
                break;
            case PrimKind.SemGive: Complete(t, Give(p), 0, p); break;
            case PrimKind.DriverGive: p.Driver = Give(p); break;
            case PrimKind.QSend:
                KernelStatus? sent = Send(op.Arg, op.Flag1, t, op.Timeout, p);
                if (sent != null) Complete(t, sent.Value, 0, p);
                break;
            case PrimKind.DriverSend: p.Driver = Send(op.Arg, op.Flag1, -1, 0, p); break;
            case PrimKind.QReceive:
                if (QDestroyed) Complete(t, KernelStatus.Destroyed, 0, p);
                else if (Items.Count > 0)
                {
                    int v = Items[0];
                    Items.RemoveAt(0);
                    if (Senders.Count > 0)
                    {
                        int s = Senders[0];
                        Senders.RemoveAt(0);
                        if (Tasks[s].Urgent) Items.Insert(0, Tasks[s].Msg); else Items.Add(Tasks[s].Msg);
                        Complete(s, KernelStatus.Ok, 0, p);
                    }
                    Complete(t, KernelStatus.Ok, v, p);
                }
                else Block(t, Wait.QRecv, Receivers, op.Timeout, p);
                break;
            case PrimKind.FWait:
                Tasks[t].Flags = op.Arg; Tasks[t].All = op.Flag1; Tasks[t].Clear = op.Flag2;
                if (FDestroyed) Complete(t, KernelStatus.Destroyed, Value, p);
                else if (Holds(Tasks[t]))
                {
                    int seen = Value;
                    if (op.Flag2) Value &= ~op.Arg;
                    Complete(t, KernelStatus.Ok, seen, p);
                }
                else Block(t, Wait.Flags, FlagWaiters, op.Timeout, p);
                break;
            case PrimKind.FSet: Complete(t, Set(op.Arg, p), 0, p); break;
            case PrimKind.DriverSet: p.Driver = Set(op.Arg, p); break;
            case PrimKind.DriverClear:
                if (FDestroyed) p.Driver = KernelStatus.Destroyed;
                else { Value &= ~op.Arg; p.Driver = KernelStatus.Ok; }
                break;
            case PrimKind.Lock: Lock(t, op.Arg, false, -1, p); break;
            case PrimKind.LockTimed: Lock(t, op.Arg, true, op.Timeout, p); break;
            case PrimKind.LockInterruptible: Lock(t, op.Arg, true, -1, p); break;
            case PrimKind.Unlock: Unlock(t, op.Arg, p); break;
            case PrimKind.EvWait:
                if (EDestroyed) Complete(t, KernelStatus.Destroyed, 0, p);
                else if (Signaled) { Signaled = false; Complete(t, KernelStatus.Ok, 0, p); }
                else Block(t, Wait.Event, EvWaiters, op.Timeout, p);
                break;
            case PrimKind.EvSignal: Complete(t, Signal(p), 0, p); break;
            case PrimKind.DriverSignal: p.Driver = Signal(p); break;
            case PrimKind.Join:
                if (op.Arg == t) Complete(t, KernelStatus.WrongState, 0, p);
                else if (Tasks[op.Arg].Dead) Complete(t, KernelStatus.Ok, 0, p);
                else { Tasks[t].JoinTarget = op.Arg; Block(t, Wait.Join, Joiners[op.Arg], -1, p); }
                break;
            case PrimKind.Sleep:
                Tasks[t].Wait = Wait.Sleep;
                Tasks[t].Deadline = Now + op.Arg;
                break;
            case PrimKind.Exit:
                // The body returns, then the exit hook releases the mutexes the task owns (each as an unlock:
                // the heir takes it), then the kernel ends the joiners' waits (docs/spec/scheduler.md §20).
                Complete(t, KernelStatus.Ok, 0, p);
                for (int m = 0; m < 2; m++)
                    if (Owner[m] == t && !MDestroyed[m]) HandOver(m, p);
                foreach (int j in Joiners[t].ToList()) { Joiners[t].Remove(j); Complete(j, KernelStatus.Ok, 0, p); }
                Tasks[t].Dead = true;
                Settle();
                break;
            case PrimKind.SetPriority:
                if (Tasks[t].Dead) { p.Driver = KernelStatus.WrongState; break; }
                Tasks[t].Normal = op.Arg;
                Settle();
                p.Driver = KernelStatus.Ok;
                break;
            case PrimKind.Interrupt:
                // Every wait but an uninterruptible lock is interruptible (docs/spec/scheduler.md §19); an idle
                // task's command wait ends too (the harness waits again).
                TaskState it = Tasks[t];
                if (it.Dead || (it.Cmd != null && it.Wait == Wait.Mutex && !it.LockInterruptible)) p.Driver = KernelStatus.WrongState;
                else
                {
                    p.Driver = KernelStatus.Ok;
                    if (it.Cmd != null)
                    {
                        bool flags = it.Wait == Wait.Flags;
                        Leave(t);
                        Complete(t, KernelStatus.Interrupted, flags ? Value : 0, p);
                        Settle();
                    }
                }
                break;
            case PrimKind.Tick:
                for (int i = 0; i < op.Arg; i++)
                {
                    Now++;
                    for (int x = 0; x < Tasks.Length; x++)
                        if (Tasks[x].Cmd != null && Tasks[x].Wait != Wait.None && Tasks[x].Deadline >= 0 && Tasks[x].Deadline <= Now)
                        {
                            Wait w = Tasks[x].Wait;
                            Leave(x);
                            Complete(x, w == Wait.Sleep ? KernelStatus.Ok : KernelStatus.TimedOut, w == Wait.Flags ? Value : 0, p);
                            Settle();
                        }
                }
                break;
            case PrimKind.Destroy:
                bool already = op.Arg switch { 0 => SemDestroyed, 1 => QDestroyed, 2 => FDestroyed, 3 => EDestroyed, _ => MDestroyed[op.Arg - 4] };
                if (already) { p.Driver = KernelStatus.Destroyed; break; }
                switch (op.Arg)
                {
                    case 0: SemDestroyed = true; break;
                    case 1: QDestroyed = true; break;
                    case 2: FDestroyed = true; break;
                    case 3: EDestroyed = true; Signaled = false; break;
                    default: MDestroyed[op.Arg - 4] = true; Owner[op.Arg - 4] = -1; break;   // the owner loses it (docs/spec/rtmutex.md §16)
                }
                List<int>[] lists = op.Arg switch
                {
                    0 => new[] { SemWaiters }, 1 => new[] { Receivers, Senders }, 2 => new[] { FlagWaiters }, 3 => new[] { EvWaiters },
                    _ => new[] { MutexWaiters[op.Arg - 4] },
                };
                foreach (List<int> l in lists)
                    foreach (int w in l.ToList())
                    {
                        l.Remove(w);
                        Complete(w, KernelStatus.Destroyed, op.Arg == 2 ? Value : 0, p);
                    }
                Settle();
                p.Driver = KernelStatus.Ok;
                break;
        }
    }

    private KernelStatus Signal(Prediction p)
    {
        if (EDestroyed) return KernelStatus.Destroyed;
        if (EvWaiters.Count > 0)
        {
            int w = EvWaiters[0];
            EvWaiters.RemoveAt(0);
            Complete(w, KernelStatus.Ok, 0, p);
        }
        else Signaled = true;
        return KernelStatus.Ok;
    }

    // ------------------------------------------------------------------ the primitives

    private void Block(int t, Wait w, List<int> list, int timeout, Prediction p)
    {
        if (timeout == 0) { Complete(t, KernelStatus.TimedOut, w == Wait.Flags ? Value : 0, p); return; }
        TaskState s = Tasks[t];
        s.Wait = w;
        s.Deadline = timeout > 0 ? Now + timeout : -1;
        Insert(list, t);
    }

    private KernelStatus Give(Prediction p)
    {
        if (SemDestroyed) return KernelStatus.Destroyed;
        if (SemWaiters.Count > 0)
        {
            int w = SemWaiters[0];
            SemWaiters.RemoveAt(0);
            Complete(w, KernelStatus.Ok, 0, p);
            return KernelStatus.Ok;
        }
        if (SemCount == SemMax) return KernelStatus.Busy;
        SemCount++;
        return KernelStatus.Ok;
    }

    /// <summary>Send or SendUrgent; null when the sender blocked (the queue is full).</summary>
    private KernelStatus? Send(int v, bool urgent, int t, int timeout, Prediction p)
    {
        if (QDestroyed) return KernelStatus.Destroyed;
        if (Receivers.Count > 0)
        {
            int r = Receivers[0];
            Receivers.RemoveAt(0);
            Complete(r, KernelStatus.Ok, v, p);
            return KernelStatus.Ok;
        }
        if (Items.Count < Capacity)
        {
            if (urgent) Items.Insert(0, v); else Items.Add(v);
            return KernelStatus.Ok;
        }
        if (timeout == 0) return KernelStatus.TimedOut;
        Tasks[t].Msg = v; Tasks[t].Urgent = urgent;
        Block(t, Wait.QSend, Senders, timeout, p);
        return null;
    }

    private KernelStatus Set(int flags, Prediction p)
    {
        if (FDestroyed) return KernelStatus.Destroyed;
        Value |= flags;
        foreach (int w in FlagWaiters.ToList())
            if (Holds(Tasks[w]))
            {
                int seen = Value;
                if (Tasks[w].Clear) Value &= ~Tasks[w].Flags;
                FlagWaiters.Remove(w);
                Complete(w, KernelStatus.Ok, seen, p);
            }
        return KernelStatus.Ok;
    }

    private bool Holds(TaskState s) => s.All ? (Value & s.Flags) == s.Flags : (Value & s.Flags) != 0;

    // ------------------------------------------------------------------ the rt-mutexes

    private void Lock(int t, int m, bool interruptible, int timeout, Prediction p)
    {
        if (MDestroyed[m]) { Complete(t, KernelStatus.Destroyed, 0, p); return; }
        if (m == 1 && Tasks[t].Normal < Ceiling) { Complete(t, KernelStatus.CeilingViolated, 0, p); return; }
        if (Owner[m] == t) { Complete(t, KernelStatus.Deadlock, 0, p); return; }
        if (Owner[m] < 0)
        {
            Owner[m] = t;
            Settle();
            Complete(t, KernelStatus.Ok, 0, p);
            return;
        }
        if (timeout == 0) { Complete(t, KernelStatus.TimedOut, 0, p); return; }
        for (int x = Owner[m]; x >= 0; x = Tasks[x].Wait == Wait.Mutex ? Owner[Tasks[x].Mutex] : -1)
            if (x == t) throw new Skip("lock would close a cycle");
        Tasks[t].Wait = Wait.Mutex;
        Tasks[t].Mutex = m;
        Tasks[t].LockInterruptible = interruptible;
        Tasks[t].Deadline = timeout > 0 ? Now + timeout : -1;
        Insert(MutexWaiters[m], t);
        Settle();
    }

    private void Unlock(int t, int m, Prediction p)
    {
        if (MDestroyed[m]) { Complete(t, KernelStatus.Destroyed, 0, p); return; }
        if (Owner[m] < 0) { Complete(t, KernelStatus.InvalidArgument, 0, p); return; }
        if (Owner[m] != t) { Complete(t, KernelStatus.NotOwner, 0, p); return; }
        HandOver(m, p);
        Complete(t, KernelStatus.Ok, 0, p);
    }

    /// <summary>The owner lets mutex <paramref name="m"/> go: the top waiter takes it (its lock returns Ok), else it is free.</summary>
    private void HandOver(int m, Prediction p)
    {
        if (MutexWaiters[m].Count > 0)
        {
            int heir = MutexWaiters[m][0];
            MutexWaiters[m].RemoveAt(0);
            Owner[m] = heir;
            Complete(heir, KernelStatus.Ok, 0, p);
        }
        else Owner[m] = -1;
        Settle();
    }

    // ------------------------------------------------------------------ priorities and lists

    private void Complete(int t, KernelStatus r, int data, Prediction p)
    {
        TaskState s = Tasks[t];
        s.Cmd = null;
        s.Wait = Wait.None;
        s.Mutex = -1;
        s.JoinTarget = -1;
        s.LockInterruptible = false;
        s.Deadline = -1;
        p.Completions.Add((t, r, data));
    }

    /// <summary>Takes a waiting task out of its primitive wait list (timeout, interrupt).</summary>
    private void Leave(int t)
    {
        foreach (List<int> l in Lists()) l.Remove(t);
    }

    private IEnumerable<List<int>> Lists() =>
        new[] { SemWaiters, Receivers, Senders, FlagWaiters, EvWaiters, MutexWaiters[0], MutexWaiters[1] }.Concat(Joiners);

    private void Insert(List<int> list, int t)
    {
        int i = 0;
        while (i < list.Count && Tasks[list[i]].Eff <= Tasks[t].Eff) i++;
        list.Insert(i, t);
    }

    /// <summary>Every effective priority from scratch; each queued task whose priority changed moves to the tail of its new group.</summary>
    private void Settle()
    {
        int[] eff = Tasks.Select(x => x.Normal).ToArray();
        if (Owner[1] >= 0) eff[Owner[1]] = Math.Min(eff[Owner[1]], Ceiling);
        for (bool changed = true; changed;)
        {
            changed = false;
            for (int m = 0; m < 2; m++)
                if (Owner[m] >= 0)
                    foreach (int w in MutexWaiters[m])
                        if (eff[w] < eff[Owner[m]]) { eff[Owner[m]] = eff[w]; changed = true; }
        }
        var moved = new List<(List<int> List, int Task)>();
        for (int t = 0; t < Tasks.Length; t++)
        {
            if (eff[t] != Tasks[t].Eff)
                foreach (List<int> l in Lists())
                    if (l.Contains(t)) moved.Add((l, t));
            Tasks[t].Eff = eff[t];
        }
        if (moved.Select(x => x.List).Distinct().Count() != moved.Count) throw new Skip("two waiters of one list re-queued at once");
        foreach (var (l, t) in moved)
        {
            l.Remove(t);
            Insert(l, t);
        }
    }

    // ------------------------------------------------------------------ printing

    public string Describe()
    {
        var sb = new System.Text.StringBuilder();
        for (int m = 0; m < 2; m++) sb.Append(MutexLine(m, Owner[m], MDestroyed[m], MutexWaiters[m])).Append('\n');
        sb.Append(SemLine(SemCount, SemDestroyed, SemWaiters)).Append('\n');
        sb.Append(QueueLine(Items, QDestroyed, Receivers, Senders)).Append('\n');
        sb.Append(FlagsLine(Value, FDestroyed, FlagWaiters)).Append('\n');
        sb.Append(EventLine(Signaled, EDestroyed, EvWaiters)).Append('\n');
        for (int t = 0; t < Tasks.Length; t++)
        {
            TaskState s = Tasks[t];
            string mode = s.Dead ? "Dead" : s.Cmd == null ? "Idle" : s.Wait switch
            {
                Wait.Mutex => "M" + s.Mutex,
                Wait.Join => "Join(T" + s.JoinTarget + ")",
                _ => s.Wait.ToString(),
            };
            sb.Append(TaskLine(t, s.Normal, s.Eff, mode, Joiners[t])).Append('\n');
        }
        return sb.ToString();
    }

    private static string Ts(IEnumerable<int> l) => string.Join(",", l.Select(x => "T" + x));
    public static string MutexLine(int m, int owner, bool d, IEnumerable<int> w) => $"M{m}: {(d ? "destroyed " : "")}owner={(owner < 0 ? "-" : "T" + owner)} waiters=[{Ts(w)}]";
    public static string SemLine(int count, bool d, IEnumerable<int> w) => $"sem: {(d ? "destroyed " : "")}count={count} waiters=[{Ts(w)}]";
    public static string QueueLine(IEnumerable<int> items, bool d, IEnumerable<int> rx, IEnumerable<int> tx) =>
        $"queue: {(d ? "destroyed " : "")}items=[{string.Join(",", items)}] receivers=[{Ts(rx)}] senders=[{Ts(tx)}]";
    public static string FlagsLine(int v, bool d, IEnumerable<int> w) => $"flags: {(d ? "destroyed " : "")}value={v} waiters=[{Ts(w)}]";
    public static string EventLine(bool signaled, bool d, IEnumerable<int> w) => $"event: {(d ? "destroyed " : "")}signaled={signaled} waiters=[{Ts(w)}]";
    public static string TaskLine(int t, int normal, int eff, string mode, IEnumerable<int> joiners) => $"T{t}: normal={normal} eff={eff} {mode} joiners=[{Ts(joiners)}]";
}
