using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace UnitTests.Sync.PrimModel;

/// <summary>
/// Runs a <see cref="PrimCase"/> on a simulated kernel (every invariant checker on, the wait
/// protocol's included) and on the <see cref="PrimitivesModel"/> in lock step: for each step the
/// model predicts (or skips it), the driver posts the command to a <see cref="LockstepTask"/> or makes
/// the call itself (as the idle task), runs the kernel to quiescence, and compares every completed
/// command's result and data (the message received, the flags observed), the driver call's result,
/// and the whole state: the semaphore's count and waiters, the queue's messages, receivers and
/// senders, the flags' value and waiters, the event's signal and waiters, both mutexes' owners and
/// waiters, every task's priorities, what it waits on and who joins it.
/// </summary>
public sealed class PrimitivesRunner : IDisposable
{
    public sealed class Coverage
    {
        public long Cases, Steps, Skipped, Completions, Timeouts, Interrupts, Destroyed, Handoffs, Boosts, Requeues;
        public readonly Dictionary<string, int> SkipReasons = new();
        public readonly Dictionary<PrimKind, int> Executed = new();

        public override string ToString() =>
            $"{Cases} cases, {Steps} steps executed, {Skipped} skipped; {Completions} completions, {Timeouts} timeouts, {Interrupts} interrupts, {Destroyed} destroyed, " +
            $"{Handoffs} served waiters, {Boosts} boosts, {Requeues} waiter re-queues; skipped because: " +
            string.Join(", ", SkipReasons.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}"));
    }

    private readonly SimKernel _s;
    private readonly CountingSemaphore _sem;
    private readonly MessageQueue _q;
    private readonly EventFlags _f;
    private readonly KernelEvent _ev;
    private readonly RtMutex[] _m;
    private readonly LockstepTask[] _t;
    private readonly PrimitivesModel _model;
    private readonly int[][] _rx;
    private readonly int[] _obs;
    private readonly PrimKind[] _cmd;
    private readonly List<(int Task, KernelStatus Result, int Data)> _completions = new();
    private readonly List<string> _history = new();
    private readonly Coverage _cov;

    private PrimitivesRunner(PrimCase c, Coverage cov)
    {
        _cov = cov;
        _s = new SimKernel(levels: 16, profile: c.MaskedCas ? BoardProfiles.Stm32M0 : BoardProfiles.Stm32);
        _sem = new CountingSemaphore(_s.K, "sem", c.SemInitial, c.SemMax);
        _q = new MessageQueue(_s.K, "q", c.QueueCapacity, 2);
        _f = new EventFlags(_s.K, "f");
        _ev = new KernelEvent(_s.K, "ev");
        _m = new[] { new RtMutex(_s.K, "M0"), new RtMutex(_s.K, "M1", new RtMutexOptions { Ceiling = c.Ceiling }) };
        _t = c.Priorities.Select((p, i) => new LockstepTask(_s.K, "T" + i, p, i)).ToArray();
        _rx = _t.Select(_ => new int[2]).ToArray();
        _obs = new int[_t.Length];
        _cmd = new PrimKind[_t.Length];
        foreach (LockstepTask t in _t) t.Completed = OnCompleted;
        _model = new PrimitivesModel(c);
        _s.Run();
    }

    /// <summary>Runs the case; throws on the first divergence between kernel and model.</summary>
    public static void Run(PrimCase c, Coverage coverage = null)
    {
        using var r = new PrimitivesRunner(c, coverage);
        r.Compare("initial state", new PrimitivesModel.Prediction(), null);
        foreach (PrimOp op in c.Ops) r.Step(op);
        if (coverage != null) lock (coverage) coverage.Cases++;
    }

    private void OnCompleted(LockstepTask t, KernelStatus r)
    {
        int i = t.Index, data = 0;
        if (_cmd[i] == PrimKind.QReceive && r == KernelStatus.Ok)
        {
            data = _rx[i][0];
            if (_rx[i][1] != ~data) data = int.MinValue;   // a torn copy
        }
        else if (_cmd[i] == PrimKind.FWait) data = _obs[i];
        _completions.Add((i, r, data));
    }

    private void Post(PrimOp op, Func<KernelStatus> cmd)
    {
        _cmd[op.Task] = op.Kind;
        _t[op.Task].Post(cmd);
    }

    private void Step(PrimOp op)
    {
        PrimitivesModel.Prediction want = _model.Apply(op, out string skipped);
        if (want == null)
        {
            _history.Add($"{op}   // skipped: {skipped}");
            if (_cov != null) lock (_cov) { _cov.Skipped++; _cov.SkipReasons[skipped] = _cov.SkipReasons.GetValueOrDefault(skipped) + 1; }
            return;
        }
        _history.Add(op.ToString());
        _completions.Clear();
        int i = op.Task;
        KernelStatus? driver = null;
        long switchesBefore = _s.K.ContextSwitches;
        int requeues = _s.Trace.Events.Count;
        switch (op.Kind)
        {
            case PrimKind.SemTake: Post(op, () => _sem.Take(op.Timeout)); break;
            case PrimKind.SemGive: Post(op, () => _sem.Give()); break;
            case PrimKind.DriverGive: driver = _sem.Give(); break;
            case PrimKind.QSend: Post(op, () => op.Flag1 ? _q.SendUrgent(new[] { op.Arg, ~op.Arg }, op.Timeout) : _q.Send(new[] { op.Arg, ~op.Arg }, op.Timeout)); break;
            case PrimKind.DriverSend: driver = op.Flag1 ? _q.SendUrgent(new[] { op.Arg, ~op.Arg }, 0) : _q.Send(new[] { op.Arg, ~op.Arg }, 0); break;
            case PrimKind.QReceive:
                _rx[i][0] = _rx[i][1] = 0;
                Post(op, () => _q.Receive(_rx[i], op.Timeout));
                break;
            case PrimKind.FWait:
                _obs[i] = -1;
                Post(op, () => _f.Wait(op.Arg, op.Flag1, op.Flag2, op.Timeout, out _obs[i]));
                break;
            case PrimKind.FSet: Post(op, () => _f.Set(op.Arg)); break;
            case PrimKind.DriverSet: driver = _f.Set(op.Arg); break;
            case PrimKind.DriverClear: driver = _f.Clear(op.Arg); break;
            case PrimKind.Lock: Post(op, () => _m[op.Arg].Lock()); break;
            case PrimKind.LockTimed: Post(op, () => _m[op.Arg].LockTimed(op.Timeout, false)); break;
            case PrimKind.LockInterruptible: Post(op, () => _m[op.Arg].LockInterruptible(false)); break;
            case PrimKind.Unlock: Post(op, () => _m[op.Arg].Unlock()); break;
            case PrimKind.EvWait: Post(op, () => _ev.Wait(op.Timeout)); break;
            case PrimKind.EvSignal: Post(op, () => _ev.Signal()); break;
            case PrimKind.DriverSignal: driver = _ev.Signal(); break;
            case PrimKind.Join: Post(op, () => _s.K.Join(_t[op.Arg].Tcb)); break;
            case PrimKind.Sleep: Post(op, () => _s.K.Sleep(op.Arg)); break;
            case PrimKind.Exit:
                _cmd[i] = op.Kind;
                _t[i].PostExit();
                break;
            case PrimKind.SetPriority: driver = _s.K.SetPriority(_t[i].Tcb, op.Arg); break;
            case PrimKind.Interrupt: driver = _s.K.Interrupt(_t[i].Tcb); break;
            case PrimKind.Tick: _s.Ticks(op.Arg); break;
            case PrimKind.Destroy:
                driver = op.Arg switch { 0 => _sem.Destroy(), 1 => _q.Destroy(), 2 => _f.Destroy(), 3 => _ev.Destroy(), _ => _m[op.Arg - 4].Destroy() };
                break;
        }
        _s.Run();
        _s.K.CheckInvariants();
        Compare(op.ToString(), want, driver);
        if (_cov != null)
            lock (_cov)
            {
                _cov.Steps++;
                _cov.Completions += _completions.Count;
                _cov.Timeouts += _completions.Count(c => c.Result == KernelStatus.TimedOut);
                _cov.Interrupts += _completions.Count(c => c.Result == KernelStatus.Interrupted);
                _cov.Destroyed += _completions.Count(c => c.Result == KernelStatus.Destroyed);
                _cov.Executed[op.Kind] = _cov.Executed.GetValueOrDefault(op.Kind) + 1;
                var evs = _s.Trace.Events.Skip(requeues).ToList();
                _cov.Handoffs += evs.Count(e => e.Kind is TraceKind.SemaphoreGive or TraceKind.QueueSend && e.B != 0);
                _cov.Boosts += evs.Count(e => e.Kind == TraceKind.Boost);
                _cov.Requeues += evs.Count(e => e.Kind == TraceKind.PriorityChange && _t.Any(t => t.Tcb.Id == e.Task && t.Tcb.WaitNode.IsQueued));
            }
    }

    private void Compare(string step, PrimitivesModel.Prediction want, KernelStatus? driver)
    {
        if (driver != want.Driver) Fail(step, $"driver call returned {driver}, model says {want.Driver}");
        string Show(IEnumerable<(int Task, KernelStatus Result, int Data)> l) =>
            string.Join(" ", l.OrderBy(c => c.Task).Select(c => $"T{c.Task}:{c.Result}/{c.Data}"));
        string got = Show(_completions), exp = Show(want.Completions);
        if (got != exp) Fail(step, $"completions: kernel [{got}], model [{exp}]");
        if (DescribeKernel() != _model.Describe()) Fail(step, "state differs");
    }

    private static List<int> Ids(Func<int, TaskControlBlock> at)
    {
        var l = new List<int>();
        for (int i = 0; at(i) != null; i++) l.Add(at(i).Id - 1);
        return l;
    }

    private string DescribeKernel()
    {
        var sb = new System.Text.StringBuilder();
        for (int m = 0; m < 2; m++)
        {
            TaskControlBlock o = _m[m].OwnerTask;
            if (_m[m].HasPendingOwner) sb.Append("(pending) ");
            sb.Append(PrimitivesModel.MutexLine(m, o == null ? -1 : o.Id - 1, _m[m].IsDestroyed, Ids(_m[m].WaiterAt))).Append('\n');
        }
        sb.Append(PrimitivesModel.SemLine(_sem.Count, _sem.IsDestroyed, Ids(_sem.WaiterAt))).Append('\n');
        var items = Enumerable.Range(0, _q.Count).Select(k => _q.Peek(k, 1) == ~_q.Peek(k, 0) ? _q.Peek(k, 0) : int.MinValue);
        sb.Append(PrimitivesModel.QueueLine(items, _q.IsDestroyed, Ids(k => _q.WaiterAt(false, k)), Ids(k => _q.WaiterAt(true, k)))).Append('\n');
        sb.Append(PrimitivesModel.FlagsLine(_f.Value, _f.IsDestroyed, Ids(_f.WaiterAt))).Append('\n');
        sb.Append(PrimitivesModel.EventLine(_ev.IsSignaled, _ev.IsDestroyed, Ids(_ev.WaiterAt))).Append('\n');
        foreach (LockstepTask t in _t)
        {
            TaskControlBlock tcb = t.Tcb;
            string mode = tcb.State == TaskState.Dead ? "Dead" : !t.Busy ? "Idle" : tcb.WaitingOn switch
            {
                CountingSemaphore => "Sem",
                MessageQueue => tcb.WaitNode.List == _q.receivers.list ? "QRecv" : "QSend",
                EventFlags => "Flags",
                RtMutex rm => "M" + (rm.Id - 1),
                KernelEvent => "Event",
                TaskControlBlock joined => "Join(T" + (joined.Id - 1) + ")",
                null when tcb.State == TaskState.Delayed => "Sleep",
                _ => "Busy(" + tcb.State + ")",
            };
            sb.Append(PrimitivesModel.TaskLine(t.Index, tcb.NormalPriority, tcb.EffectivePriority, mode, Ids(k => _s.K.JoinerAt(tcb, k)))).Append('\n');
        }
        return sb.ToString();
    }

    private void Fail(string step, string what) => throw new Xunit.Sdk.XunitException(
        $"kernel and model differ after step {_history.Count}: {step}\n{what}\n" +
        $"--- kernel ---\n{DescribeKernel()}--- model ---\n{_model.Describe()}--- steps ---\n{string.Join("\n", _history)}");

    public void Dispose() => _s.K.Shutdown();
}
