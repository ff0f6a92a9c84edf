using CsCheck;
using UnitTests.Sync.PrimModel;
using Xunit.Abstractions;

namespace UnitTests.Sync;

/// <summary>
/// Model-based random test of every wait kind of the kernel together (issue 11, item 4; issue 15,
/// item 4): the counting semaphore, the message queue and the event flags, a kernel event, Join and
/// Sleep, mixed with rt-mutex operations (a plain mutex and a priority-ceiling one; lock, timed lock,
/// interruptible lock) so that priority inheritance, ceilings and priority changes interleave with
/// every other wait and its re-queue rule. CsCheck generates <see cref="Iterations"/> cases per run,
/// each over 3-5 lock-step tasks (priorities 1..6: equal priorities are common) and 1-50 steps:
/// takes, gives, sends (normal and urgent), receives, flag waits (any/all, with and without clear on
/// exit) and sets, event waits and signals — from tasks and from the driver (the idle task's
/// non-blocking forms) — with timeouts 0, 1..3 or none; locks and unlocks of the two mutexes; joins,
/// sleeps and tasks that end (holding mutexes, with joiners); SetPriority; Interrupt; ticks; and
/// rarely the destroy of any object, mutexes in use included. Each step runs on the simulated kernel
/// (every invariant checker on, the scheduler's wait-protocol check included) and on the independent
/// <see cref="PrimitivesModel"/>; <see cref="PrimitivesRunner"/> compares every result, message,
/// observed value, count, wait-list order and priority after every step, on a board with hardware
/// CAS or the masked Cortex-M0 flavour (chosen per case). A failure is shrunk (CsCheck, then delta
/// debugging) and printed as C#. <c>CsCheck_Seed=...</c> replays a run; <c>CsCheck_Iter=...</c> soaks.
/// </summary>
public class UnitTestPrimitivesModel
{
    private const int Iterations = 2000;
    private const int MaxOps = 50;

    private readonly ITestOutputHelper _out;

    public UnitTestPrimitivesModel(ITestOutputHelper output) { _out = output; }

    private static Gen<PrimOp> GenOp(int tasks)
    {
        Gen<int> t = Gen.Int[0, tasks - 1], timeout = Gen.Int[-1, 3], flags = Gen.Int[1, 7], value = Gen.Int[1, 99];
        PrimOp Op(PrimKind k, int task = 0, int arg = 0, int to = 0, bool f1 = false, bool f2 = false) => new(k, task, arg, to, f1, f2);
        return Gen.Frequency(
            (10, Gen.Select(t, timeout, (a, to) => Op(PrimKind.SemTake, a, 0, to))),
            (6, t.Select(a => Op(PrimKind.SemGive, a))),
            (3, Gen.Const(Op(PrimKind.DriverGive))),
            (8, Gen.Select(t, value, timeout, Gen.Int[0, 3], (a, v, to, u) => Op(PrimKind.QSend, a, v, to, u == 0))),
            (8, Gen.Select(t, timeout, (a, to) => Op(PrimKind.QReceive, a, 0, to))),
            (3, Gen.Select(value, Gen.Bool, (v, u) => Op(PrimKind.DriverSend, 0, v, 0, u))),
            (10, Gen.Select(t, flags, timeout, Gen.Bool, Gen.Bool, (a, f, to, all, clr) => Op(PrimKind.FWait, a, f, to, all, clr))),
            (4, Gen.Select(t, flags, (a, f) => Op(PrimKind.FSet, a, f))),
            (3, flags.Select(f => Op(PrimKind.DriverSet, 0, f))),
            (2, flags.Select(f => Op(PrimKind.DriverClear, 0, f))),
            (10, Gen.Select(t, Gen.Int[0, 1], (a, m) => Op(PrimKind.Lock, a, m))),
            (5, Gen.Select(t, Gen.Int[0, 1], Gen.Int[0, 3], (a, m, to) => Op(PrimKind.LockTimed, a, m, to))),
            (4, Gen.Select(t, Gen.Int[0, 1], (a, m) => Op(PrimKind.LockInterruptible, a, m))),
            (12, Gen.Select(t, Gen.Int[0, 1], (a, m) => Op(PrimKind.Unlock, a, m))),
            (6, Gen.Select(t, timeout, (a, to) => Op(PrimKind.EvWait, a, 0, to))),
            (4, t.Select(a => Op(PrimKind.EvSignal, a))),
            (2, Gen.Const(Op(PrimKind.DriverSignal))),
            (3, Gen.Select(t, t, (a, b) => Op(PrimKind.Join, a, b))),
            (4, Gen.Select(t, Gen.Int[1, 3], (a, n) => Op(PrimKind.Sleep, a, n))),
            (1, t.Select(a => Op(PrimKind.Exit, a))),
            (6, Gen.Select(t, Gen.Int[1, 7], (a, p) => Op(PrimKind.SetPriority, a, p))),
            (5, t.Select(a => Op(PrimKind.Interrupt, a))),
            (5, Gen.Int[1, 3].Select(n => Op(PrimKind.Tick, 0, n))),
            (2, Gen.Int[0, 5].Select(o => Op(PrimKind.Destroy, 0, o))));
    }

    public static readonly Gen<PrimCase> GenCase =
        from tasks in Gen.Int[3, 5]
        from prios in Gen.Int[1, 6].Array[tasks]
        from semMax in Gen.Int[1, 3]
        from semInitial in Gen.Int[0, semMax]
        from capacity in Gen.Int[1, 3]
        from ceiling in Gen.Int[1, 4]
        from ops in GenOp(tasks).Array[1, MaxOps]
        from masked in Gen.Bool
        select new PrimCase(prios, semInitial, semMax, capacity, ceiling, ops, masked);

    [Fact]
    public void Every_wait_kind_matches_the_reference_model_on_random_sequences()
    {
        var coverage = new PrimitivesRunner.Coverage();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        PrimCase smallest = null;
        try
        {
            GenCase.Sample(c =>
            {
                try { PrimitivesRunner.Run(c, coverage); }
                catch
                {
                    lock (coverage) if (smallest == null || c.Ops.Length < smallest.Ops.Length) smallest = c;
                    throw;
                }
            }, iter: IterationsToRun(), print: c => c.ToString(), writeLine: _out.WriteLine);
        }
        catch (CsCheckException e) when (smallest != null)
        {
            PrimCase min = Minimize(smallest);
            string why = "";
            try { PrimitivesRunner.Run(min); } catch (Exception f) { why = f.Message; }
            throw new Xunit.Sdk.XunitException($"{e.Message}\n\n=== minimal failing case (paste into a regression test) ===\n{min}\n{why}");
        }
        _out.WriteLine($"{coverage} in {sw.Elapsed.TotalSeconds:F1} s");
        Assert.True(coverage.Handoffs > 0 && coverage.Boosts > 0 && coverage.Requeues > 0 && coverage.Timeouts > 0 && coverage.Interrupts > 0
            && coverage.Destroyed > 0, coverage.ToString());
        var never = Enum.GetValues<PrimKind>().Where(k => coverage.Executed.GetValueOrDefault(k) == 0).ToList();
        Assert.True(never.Count == 0, "never executed: " + string.Join(", ", never));
    }

    private static int IterationsToRun() =>
        int.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out int n) && n > 0 ? n : Iterations;

    private static bool Fails(PrimCase c)
    {
        try { PrimitivesRunner.Run(c); return false; }
        catch (Exception) { return true; }
    }

    /// <summary>Delta debugging: drop chunks of steps, then single steps, while the case still fails.</summary>
    private static PrimCase Minimize(PrimCase c, int budget = 1500)
    {
        for (bool progress = true; progress && budget > 0;)
        {
            progress = false;
            for (int size = Math.Max(1, c.Ops.Length / 2); size >= 1 && budget > 0; size /= 2)
                for (int start = 0; start + size <= c.Ops.Length && budget > 0;)
                {
                    var candidate = c with { Ops = c.Ops.Take(start).Concat(c.Ops.Skip(start + size)).ToArray() };
                    budget--;
                    if (Fails(candidate)) { c = candidate; progress = true; }
                    else start += size;
                }
        }
        return c;
    }
}
