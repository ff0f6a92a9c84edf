using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Sync.Model;

/// <summary>
/// Runs a <see cref="ModelCase"/> on a simulated kernel (invariant checking on) and on the
/// <see cref="RtMutexModel"/> side by side, in lock step: for each step the model predicts (or
/// skips it), the driver performs it — posting a command to one <see cref="LockstepTask"/> or
/// calling the scheduler — runs the kernel to quiescence, and then compares every op result, every
/// mutex's owner, pending flag, ordered waiter list, nesting depth and owner-died mark, and every
/// task's normal and effective priority, wait state, interruptible lock call and pending interrupt. The first difference throws with
/// the step, both states and the history. A woken pending owner is paused by the test hook until
/// a Resume step, so pending ownership and stealing are visible between steps.
/// </summary>
public sealed class ModelRunner : IRtMutexTestHook, IDisposable
{
    /// <summary>Kernel counters summed over every run (coverage report).</summary>
    public sealed class Coverage
    {
        public long Sequences, Steps, Skipped, Handoffs, Steals, Deadlocks, DeadlocksAllowed, Timeouts, Interrupts, Boosts, Blocks,
            NestedLocks, OwnerDied, ReleasedOnExit;
        public readonly Dictionary<string, int> SkipReasons = new();
        public int MaxChainDepth;

        public void Add(ModelRunner r)
        {
            RtMutexCounters c = r._sys.Counters;
            lock (this)
            {
                Sequences++;
                Steps += r._executed;
                Skipped += r._skipped;
                Handoffs += c.Handoffs; Steals += c.Steals; Deadlocks += c.Deadlocks; DeadlocksAllowed += c.DeadlocksAllowed; Timeouts += c.Timeouts;
                foreach (var (why, n) in r._skipReasons) SkipReasons[why] = SkipReasons.GetValueOrDefault(why) + n;
                Interrupts += c.Interrupted; Boosts += c.Boosts; Blocks += c.Blocks;
                NestedLocks += c.NestedLocks; OwnerDied += c.OwnerDied; ReleasedOnExit += c.ReleasedOnExit;
                MaxChainDepth = Math.Max(MaxChainDepth, c.MaxChainDepth);
            }
        }

        public override string ToString() =>
            $"{Sequences} sequences, {Steps} steps executed, {Skipped} skipped; handoffs {Handoffs}, steals {Steals}, " +
            $"deadlocks {Deadlocks} (+{DeadlocksAllowed} cycles seen by non-detecting walks), timeouts {Timeouts}, interrupts {Interrupts}, " +
            $"boosts {Boosts}, blocks {Blocks}, deepest walk {MaxChainDepth}, nested locks {NestedLocks}, owner died {OwnerDied}, " +
            $"released on exit {ReleasedOnExit}; skipped because: " +
            string.Join(", ", SkipReasons.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}"));
    }

    private readonly SimKernel _s;
    private readonly RtMutex[] _m;
    private readonly LockstepTask[] _t;
    private readonly RtMutexSystem _sys;
    private readonly RtMutexModel _model;
    private readonly List<(int Task, KernelStatus Result)> _completions = new();
    private readonly List<string> _history = new();
    private int _executed, _skipped;
    private readonly Dictionary<string, int> _skipReasons = new();

    private ModelRunner(ModelCase c)
    {
        _s = new SimKernel(levels: 16, profile: c.MaskedCas ? BoardProfiles.Stm32M0 : BoardProfiles.Stm32);
        if (_s.Board.Atomics.IsHardware == c.MaskedCas) throw new InvalidOperationException("board profile has the wrong CAS flavour");
        _m = Enumerable.Range(0, c.Mutexes).Select(i => new RtMutex(_s.K, "M" + i, new RtMutexOptions
        {
            Recursive = (c.OptionsOf(i) & ModelCase.Recursive) != 0,
            Robust = (c.OptionsOf(i) & ModelCase.Robust) != 0,
        })).ToArray();
        _sys = RtMutexSystem.Of(_s.K);
        _sys.TestHook = this;
        _t = c.Priorities.Select((p, i) => new LockstepTask(_s.K, "T" + i, p, i)).ToArray();
        foreach (LockstepTask t in _t) t.Completed = (task, r) => _completions.Add((task.Index, r));
        _model = new RtMutexModel(c.Priorities, c.Mutexes, c.Options);
        _s.Run();
    }

    /// <summary>Runs the case; throws on the first divergence between kernel and model.</summary>
    public static void Run(ModelCase c, Coverage coverage = null)
    {
        using var r = new ModelRunner(c);
        r.Compare("initial state", new RtMutexModel.Prediction());
        foreach (Op op in c.Ops) r.Step(op);
        coverage?.Add(r);
    }

    /// <summary>Runs a hand-written case: as <see cref="Run"/>, and every step must run (none skipped by the model).</summary>
    public static void RunEveryStep(ModelCase c)
    {
        using var r = new ModelRunner(c);
        r.Compare("initial state", new RtMutexModel.Prediction());
        foreach (Op op in c.Ops) r.Step(op);
        if (r._skipped != 0) throw new Xunit.Sdk.XunitException("skipped steps:\n" + string.Join("\n", r._history.Where(h => h.Contains("skipped"))));
    }

    private void Step(Op op)
    {
        RtMutexModel.Prediction want = _model.Apply(op, out string skipped);
        if (want == null)
        {
            _skipped++;
            _skipReasons[skipped] = _skipReasons.GetValueOrDefault(skipped) + 1;
            _history.Add($"{op}   // skipped: {skipped}");
            return;
        }
        _executed++;
        _history.Add(op.ToString());
        _completions.Clear();
        KernelStatus? driver = null;
        RtMutex m = _m[op.Mutex];
        switch (op.Kind)
        {
            case OpKind.Lock: _t[op.Task].Post(() => m.Lock(op.Detect)); break;
            case OpKind.LockInterruptible: _t[op.Task].Post(() => m.LockInterruptible(op.Detect)); break;
            case OpKind.LockTimed: _t[op.Task].Post(() => m.LockTimed(op.Arg, op.Detect)); break;
            case OpKind.TryLock: _t[op.Task].Post(() => m.TryLock() ? KernelStatus.Ok : KernelStatus.Busy); break;
            case OpKind.TryLockStatus: _t[op.Task].Post(() => m.TryLockStatus()); break;
            case OpKind.Unlock: _t[op.Task].Post(() => m.Unlock()); break;
            case OpKind.Exit: _t[op.Task].PostExit(); break;
            case OpKind.Interrupt: driver = _s.K.Interrupt(_t[op.Task].Tcb); break;
            case OpKind.SetPriority: driver = _s.K.SetPriority(_t[op.Task].Tcb, op.Arg); break;
            case OpKind.Tick: _s.Ticks(op.Arg); break;
            case OpKind.Resume: _t[op.Task].Resume(); break;
            case OpKind.Destroy: driver = m.Destroy(); break;
        }
        _s.Run();
        // The scheduler checks invariants when a kernel call leaves the kernel; a call that ends by
        // blocking its task is only checked at the next call. Check the quiescent state now.
        _s.K.CheckInvariants();
        if (driver != want.Driver) Fail(op, $"driver call returned {driver}, model says {want.Driver}");
        Compare(op.ToString(), want);
    }

    private void Compare(string step, RtMutexModel.Prediction want)
    {
        string got = string.Join(" ", _completions.Select(c => $"T{c.Task}:{c.Result}"));
        string exp = string.Join(" ", want.Completions.Select(c => $"T{c.Task}:{c.Result}"));
        if (got != exp) Fail(step, $"results: kernel [{got}], model [{exp}]");
        string k = DescribeKernel(), mdl = _model.Describe();
        if (k != mdl) Fail(step, "state differs");
    }

    private string DescribeKernel()
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < _m.Length; i++)
        {
            RtMutex m = _m[i];
            TaskControlBlock o = m.OwnerTask;
            var waiters = new List<int>();
            for (int w = 0; w < m.WaiterCount; w++) waiters.Add(m.WaiterAt(w).Id - 1);
            sb.Append(RtMutexModel.MutexLine(i, o == null ? -1 : o.Id - 1, m.HasPendingOwner, m.IsDestroyed, waiters, m.RecursionDepth, m.IsOwnerDead)).Append('\n');
        }
        foreach (LockstepTask t in _t)
        {
            TaskControlBlock tcb = t.Tcb;
            string mode = tcb.State == TaskState.Dead ? "Dead" : t.Paused ? "Paused" : !t.Busy ? "Idle" : tcb.BlockedOn != null ? "Blocked" : "Busy(?)";
            int on = tcb.BlockedOn == null ? -1 : ((RtMutex)tcb.BlockedOn.Mutex).Id - 1;
            sb.Append(RtMutexModel.TaskLine(t.Index, tcb.NormalPriority, tcb.EffectivePriority, mode, on, tcb.Waiter.Interruptible, tcb.InterruptRequested)).Append('\n');
        }
        return sb.ToString();
    }

    private void Fail(object step, string what)
    {
        throw new Xunit.Sdk.XunitException(
            $"kernel and model differ after step {_history.Count}: {step}\n{what}\n" +
            $"--- kernel ---\n{DescribeKernel()}--- model ---\n{_model.Describe()}--- steps ---\n{string.Join("\n", _history)}");
    }

    // The test hook: a task woken as pending owner stops before it completes the take.
    void IRtMutexTestHook.OnBlocked(TaskControlBlock task, RtMutex mutex) { }

    void IRtMutexTestHook.OnWoken(TaskControlBlock task, RtMutex mutex)
    {
        if (mutex.OwnerTask == task && mutex.HasPendingOwner) _t[task.Id - 1].Pause();
    }

    /// <summary>Shuts the kernel down (task faults were already reported step by step).</summary>
    public void Dispose() => _s.K.Shutdown();
}
