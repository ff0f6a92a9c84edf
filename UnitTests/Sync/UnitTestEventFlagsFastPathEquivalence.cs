using CsCheck;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;
using Xunit.Abstractions;

namespace UnitTests.Sync;

/// <summary>
/// The event flags' fast paths change nothing anyone can see (docs/spec/primitives.md §17): random sequences of
/// Set, Clear and Wait (any/all, with and without clear on exit, timeouts 0, 1-3 ticks or none, no flag at all)
/// from three lock-step tasks, mixed with sets from the driver, ticks, interrupts and a rare destroy, run once on
/// the board with a CAS (where the fast paths run whenever they may) and once on the Cortex-M0 profile (no CAS:
/// the fast word is always 0, so every call takes the full path). After every step both runs must agree on every
/// result, every observed value, the flags' value, the wait list in order, the switch and foreign-call counters and,
/// when a trace sink is installed (chosen per case), every trace event. The M0 run must never have taken a fast path,
/// and over the sample the CAS run must have taken many.
/// </summary>
public class UnitTestEventFlagsFastPathEquivalence
{
    private const int Iterations = 300;
    private readonly ITestOutputHelper _out;

    public UnitTestEventFlagsFastPathEquivalence(ITestOutputHelper output) { _out = output; }

    public enum OpKind { Set, Clear, Wait, DriverSet, Tick, Interrupt, Destroy }

    public sealed record Op(OpKind Kind, int Task, int Flags, bool All, bool ClearOnExit, int Timeout)
    {
        public override string ToString() => $"new({nameof(OpKind)}.{Kind}, {Task}, {Flags}, {(All ? "true" : "false")}, {(ClearOnExit ? "true" : "false")}, {Timeout})";
    }

    public sealed record Case(int[] Priorities, bool Trace, Op[] Ops)
    {
        public override string ToString() => FastPathEquivalenceRig.CaseLiteral(Priorities, Trace, Ops);
    }

    private static readonly Gen<Op> GenOp =
        Gen.Frequency(
            (8, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 15], (t, f) => new Op(OpKind.Set, t, f, false, false, 0))),
            (3, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 15], (t, f) => new Op(OpKind.Clear, t, f, false, false, 0))),
            (12, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 15], Gen.Bool, Gen.Bool, Gen.Int[-1, 3], (t, f, a, c, to) => new Op(OpKind.Wait, t, f, a, c, to))),
            (2, Gen.Int[0, 15].Select(f => new Op(OpKind.DriverSet, 0, f, false, false, 0))),
            (3, Gen.Int[1, 3].Select(n => new Op(OpKind.Tick, 0, 0, false, false, n))),
            (2, Gen.Int[0, 2].Select(t => new Op(OpKind.Interrupt, t, 0, false, false, 0))),
            (1, Gen.Int[0, 19].Select(x => new Op(x == 0 ? OpKind.Destroy : OpKind.Tick, 0, 0, false, false, 1))));

    private static readonly Gen<Case> GenCase =
        from prios in Gen.Int[3, 6].Array[3]
        from trace in Gen.Bool
        from ops in GenOp.Array[1, 40]
        select new Case(prios, trace, ops);

    /// <summary>One run of <paramref name="c"/> on <paramref name="profile"/>: the observations after every step, and the fast calls counted.</summary>
    private static (List<string> seen, int fast) Run(Case c, BoardProfile profile)
    {
        using var rig = new FastPathEquivalenceRig(profile, c.Trace, c.Priorities);
        var f = new EventFlags(rig.S.K, "f");
        var observed = new int[3];
        rig.Start();
        for (int step = 0; step < c.Ops.Length; step++)
        {
            Op op = c.Ops[step];
            switch (op.Kind)
            {
                case OpKind.Set: rig.TaskCall(op.Task, () => f.Set(op.Flags)); break;
                case OpKind.Clear: rig.TaskCall(op.Task, () => f.Clear(op.Flags)); break;
                case OpKind.Wait: rig.TaskCall(op.Task, () => f.Wait(op.Flags, op.All, op.ClearOnExit, op.Timeout, out observed[op.Task])); break;
                case OpKind.DriverSet: rig.Driver("driver set", () => f.Set(op.Flags)); break;
                case OpKind.Tick: rig.Tick(op.Timeout); break;
                case OpKind.Interrupt: rig.Interrupt(op.Task); break;
                default: rig.Driver("destroy", () => f.Destroy()); break;
            }
            var waiters = new List<string>();
            for (int i = 0; f.WaiterAt(i) != null; i++) waiters.Add(f.WaiterAt(i).Name);
            rig.EndStep(step, op.Kind.ToString(), $"observed {string.Join(",", observed)} value {f.Value} waiters {string.Join(",", waiters)}");
        }
        return (rig.Seen, rig.Fast);
    }

    [Fact]
    public void Fast_paths_are_observably_the_full_path_on_random_sequences()
    {
        var (cases, fast, _) = FastPathEquivalenceRig.Check(GenCase, Run, Iterations, _out, c => c.ToString());
        Assert.True(fast > cases, $"only {fast} fast calls in {cases} cases");
    }
}
