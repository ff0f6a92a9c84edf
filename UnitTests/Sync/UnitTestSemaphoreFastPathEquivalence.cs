using CsCheck;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;
using Xunit.Abstractions;

namespace UnitTests.Sync;

/// <summary>
/// The counting semaphore's fast Take and Give change nothing anyone can see (docs/spec/primitives.md §17): random
/// sequences of Take (timeouts 0, 1-3 ticks or none) and Give from three lock-step tasks on a semaphore of a random
/// maximum (1-4) and initial count, mixed with gives from the driver, ticks, interrupts and a rare destroy, run on the
/// CAS board and on the M0 board (always the full path) by <see cref="FastPathEquivalenceRig"/>. After every step both
/// runs must agree on every result, the count, the wait list in order, the switch and foreign-call counters and, when
/// a trace sink is installed (about one case in four: a sink keeps Give on the full path), every trace event.
/// </summary>
public class UnitTestSemaphoreFastPathEquivalence
{
    private const int Iterations = 300;
    private readonly ITestOutputHelper _out;

    public UnitTestSemaphoreFastPathEquivalence(ITestOutputHelper output) { _out = output; }

    public enum OpKind { Take, Give, DriverGive, Tick, Interrupt, Destroy }

    public sealed record Op(OpKind Kind, int Task, int Timeout)
    {
        public override string ToString() => $"new({nameof(OpKind)}.{Kind}, {Task}, {Timeout})";
    }

    public sealed record Case(int[] Priorities, bool Trace, int Max, int Initial, Op[] Ops)
    {
        public override string ToString() => FastPathEquivalenceRig.CaseLiteral(Priorities, Trace, Ops, Max, Initial);
    }

    private static readonly Gen<Op> GenOp =
        Gen.Frequency(
            (10, Gen.Select(Gen.Int[0, 2], Gen.Int[-1, 3], (t, to) => new Op(OpKind.Take, t, to))),
            (10, Gen.Int[0, 2].Select(t => new Op(OpKind.Give, t, 0))),
            (2, Gen.Const(new Op(OpKind.DriverGive, 0, 0))),
            (3, Gen.Int[1, 3].Select(n => new Op(OpKind.Tick, 0, n))),
            (2, Gen.Int[0, 2].Select(t => new Op(OpKind.Interrupt, t, 0))),
            (1, Gen.Int[0, 19].Select(x => x == 0 ? new Op(OpKind.Destroy, 0, 0) : new Op(OpKind.Tick, 0, 1))));

    private static readonly Gen<Case> GenCase =
        from prios in Gen.Int[3, 6].Array[3]
        from trace in Gen.Int[0, 3].Select(x => x == 0)
        from max in Gen.Int[1, 4]
        from initial in Gen.Int[0, max]
        from ops in GenOp.Array[1, 40]
        select new Case(prios, trace, max, initial, ops);

    /// <summary>One run of <paramref name="c"/> on <paramref name="profile"/>: the observations after every step, and the fast calls counted.</summary>
    private static (List<string> seen, int fast) Run(Case c, BoardProfile profile)
    {
        using var rig = new FastPathEquivalenceRig(profile, c.Trace, c.Priorities);
        var sem = new CountingSemaphore(rig.S.K, "sem", c.Initial, c.Max);
        rig.Start();
        for (int step = 0; step < c.Ops.Length; step++)
        {
            Op op = c.Ops[step];
            switch (op.Kind)
            {
                case OpKind.Take: rig.TaskCall(op.Task, () => sem.Take(op.Timeout)); break;
                case OpKind.Give: rig.TaskCall(op.Task, sem.Give); break;
                case OpKind.DriverGive: rig.Driver("driver give", () => sem.Give()); break;
                case OpKind.Tick: rig.Tick(op.Timeout); break;
                case OpKind.Interrupt: rig.Interrupt(op.Task); break;
                default: rig.Driver("destroy", () => sem.Destroy()); break;
            }
            var waiters = new List<string>();
            for (int i = 0; sem.WaiterAt(i) != null; i++) waiters.Add(sem.WaiterAt(i).Name);
            rig.EndStep(step, op.Kind.ToString(), $"count {sem.Count} max {sem.MaxCount} waiters {sem.WaiterCount}:{string.Join(",", waiters)}");
        }
        return (rig.Seen, rig.Fast);
    }

    [Fact]
    public void Fast_take_and_give_are_observably_the_full_path_on_random_sequences()
    {
        var (cases, fast, _) = FastPathEquivalenceRig.Check(GenCase, Run, Iterations, _out, c => c.ToString());
        Assert.True(fast > cases, $"only {fast} fast calls in {cases} cases");
    }
}
