using CsCheck;
using UnitTests.Sync.Model;
using Xunit.Abstractions;

namespace UnitTests.Sync;

/// <summary>
/// Model-based random test of the rt-mutex (issue 3, item 5). CsCheck generates sequences of
/// steps over 4-6 lock-step tasks (priorities 1..6, so equal priorities are common) and 3-4
/// mutexes: lock, interruptible lock and timed lock (each with or without deadlock detection),
/// trylock, unlock, interrupt, priority change, ticks, and resuming a paused pending owner. Each
/// step runs on the simulated kernel (invariant checker on after every kernel operation) and on
/// the independent <see cref="RtMutexModel"/>; <see cref="ModelRunner"/> compares results, owners,
/// pending ownership, waiter order and every priority after every step. A failure is shrunk and
/// printed as a <see cref="ModelCase"/> in C#: paste it into a regression test below
/// (<c>CsCheck_Seed=...</c> replays a run, <c>CsCheck_Iter</c> changes its length).
/// </summary>
public class UnitTestRtMutexModel
{
    /// <summary>Sequences per run: about 10-20 s on the 2-core CI machine.</summary>
    private const int Iterations = 5000;
    private const int MaxOps = 40;

    private readonly ITestOutputHelper _out;

    public UnitTestRtMutexModel(ITestOutputHelper output) { _out = output; }

    private static Gen<Op> GenOp(int tasks, int mutexes)
    {
        Gen<int> t = Gen.Int[0, tasks - 1], m = Gen.Int[0, mutexes - 1];
        return Gen.Frequency(
            (12, Gen.Select(t, m, Gen.Bool, (a, b, d) => Op.Lock(a, b, d))),
            (8, Gen.Select(t, m, Gen.Bool, (a, b, d) => Op.LockInterruptible(a, b, d))),
            (8, Gen.Select(t, m, Gen.Int[0, 4], Gen.Bool, (a, b, n, d) => Op.LockTimed(a, b, n, d))),
            (5, Gen.Select(t, m, (a, b) => Op.TryLock(a, b))),
            (20, Gen.Select(t, m, (a, b) => Op.Unlock(a, b))),
            (6, t.Select(Op.Interrupt)),
            (8, Gen.Select(t, Gen.Int[0, 7], (a, p) => Op.SetPriority(a, p))),
            (6, Gen.Int[1, 3].Select(Op.Tick)),
            (12, t.Select(Op.Resume)));
    }

    public static readonly Gen<ModelCase> GenCase =
        from tasks in Gen.Int[3, 6]
        from mutexes in Gen.Int[2, 4]
        from prios in Gen.Int[1, 6].Array[tasks]
        from ops in GenOp(tasks, mutexes).Array[1, MaxOps]
        select new ModelCase(prios, mutexes, ops);

    [Fact]
    public void Kernel_matches_the_reference_model_on_random_sequences()
    {
        var coverage = new ModelRunner.Coverage();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        GenCase.Sample(c => ModelRunner.Run(c, coverage), iter: Iterations, print: c => c.ToString(), writeLine: _out.WriteLine);
        _out.WriteLine($"{coverage} in {sw.Elapsed.TotalSeconds:F1} s");
    }
}
