using CsCheck;
using UnitTests.Sync.Model;
using Xunit.Abstractions;

namespace UnitTests.Sync;

/// <summary>
/// Model-based random test of the rt-mutex (issue 3, item 5) and of its recursive and robust options
/// (issue 15). CsCheck generates 5,000 cases per run, each over 3-6 lock-step tasks (priorities 1..6,
/// so equal priorities are common) and 2-5 mutexes, each plain, recursive, robust or both: an optional
/// prepared chain (T0 → M1 → T1 → ... , up to five tasks deep) followed by 1-40 random steps — lock,
/// interruptible lock and timed lock (each with or without deadlock detection), trylock (bool and
/// status), unlock, interrupt, priority change, ticks, resuming a paused pending owner, and rarely a
/// task ending while it holds mutexes or the destroy of a mutex, in use or not. Deadlocks may form
/// when detection is off. Each step
/// runs on the simulated kernel (invariant checker on after every kernel operation, and once more
/// on the quiescent state) and on the independent <see cref="RtMutexModel"/>, on a board with
/// hardware CAS or with the masked Cortex-M0 flavour (chosen per case); <see cref="ModelRunner"/>
/// compares every result, owner, pending ownership, ordered waiter list and priority after every
/// step. A failure is shrunk (CsCheck, then delta debugging) and printed as a
/// <see cref="ModelCase"/> in C#: paste it into a regression test below. <c>CsCheck_Seed=...</c>
/// replays a run; <c>CsCheck_Iter=100000</c> makes a soak run (about 100 s).
/// </summary>
public class UnitTestRtMutexModel
{
    /// <summary>Cases per run: about 5-10 s on the 2-core CI machine.</summary>
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
            (4, Gen.Select(t, m, (a, b) => Op.TryLockStatus(a, b))),
            (20, Gen.Select(t, m, (a, b) => Op.Unlock(a, b))),
            (2, t.Select(Op.Exit)),
            (6, t.Select(Op.Interrupt)),
            (8, Gen.Select(t, Gen.Int[0, 7], (a, p) => Op.SetPriority(a, p))),
            (6, Gen.Int[1, 3].Select(Op.Tick)),
            (12, t.Select(Op.Resume)),
            (1, m.Select(Op.Destroy)));
    }

    /// <summary>
    /// A chain T0 → M1 → T1 → M2 → ... → T(d-1) built with random lock kinds, so that long PI
    /// walks (boost, deboost, priority change at the far end, detection across the chain) are
    /// common: random steps alone rarely stack more than three tasks.
    /// </summary>
    private static Gen<Op[]> GenChain(int tasks, int mutexes) =>
        from depth in Gen.Int[0, Math.Min(tasks, mutexes)]
        from kinds in Gen.Int[0, 2].Array[depth]
        from detect in Gen.Bool.Array[depth]
        select Enumerable.Range(0, depth).Reverse().SelectMany(i =>
            i == depth - 1 ? new[] { Op.Lock(i, i) } : new[]
            {
                Op.Lock(i, i),
                kinds[i] switch { 0 => Op.Lock(i, i + 1, detect[i]), 1 => Op.LockInterruptible(i, i + 1, detect[i]), _ => Op.LockTimed(i, i + 1, 9, detect[i]) },
            }).ToArray();

    public static readonly Gen<ModelCase> GenCase =
        from tasks in Gen.Int[3, 6]
        from mutexes in Gen.Int[2, 5]
        from prios in Gen.Int[1, 6].Array[tasks]
        from chain in GenChain(tasks, mutexes)
        from ops in GenOp(tasks, mutexes).Array[1, MaxOps]
        from masked in Gen.Bool
        from options in Gen.Frequency((2, Gen.Const(0)), (1, Gen.Int[1, 3])).Array[mutexes]
        select new ModelCase(prios, mutexes, chain.Concat(ops).ToArray(), masked, options);

    [Fact]
    public void Kernel_matches_the_reference_model_on_random_sequences()
    {
        var coverage = new ModelRunner.Coverage();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        ModelCase smallest = null;
        try
        {
            GenCase.Sample(c =>
            {
                try { ModelRunner.Run(c, coverage); }
                catch
                {
                    lock (coverage) if (smallest == null || c.Ops.Length < smallest.Ops.Length) smallest = c;
                    throw;
                }
            }, iter: IterationsToRun(), print: c => c.ToString(), writeLine: _out.WriteLine);
        }
        catch (CsCheckException e) when (smallest != null)
        {
            // CsCheck's random shrinking seldom reaches the shortest list: finish with delta debugging.
            ModelCase min = ModelShrinker.Minimize(smallest, Fails);
            string why = "";
            try { ModelRunner.Run(min); } catch (Exception f) { why = f.Message; }
            throw new Xunit.Sdk.XunitException($"{e.Message}\n\n=== minimal failing case (paste into a regression test) ===\n{min}\n{why}");
        }
        _out.WriteLine($"{coverage} in {sw.Elapsed.TotalSeconds:F1} s");
        if (IterationsToRun() >= Iterations)
            Assert.True(coverage.NestedLocks > 0 && coverage.OwnerDied > 0 && coverage.ReleasedOnExit > 0 && coverage.Interrupts > 0, coverage.ToString());
    }

    /// <summary><see cref="Iterations"/>, or the CsCheck_Iter environment variable for a longer soak.</summary>
    private static int IterationsToRun() =>
        int.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out int n) && n > 0 ? n : Iterations;

    private static bool Fails(ModelCase c)
    {
        try { ModelRunner.Run(c); return false; }
        catch (Exception) { return true; }
    }

    // ---- fixed cases: shrunk sequences that caught deliberately broken kernels (mutation checks of
    // this test) — each still proves its behaviour against the model on every run.

    /// <summary>T1 (prio 3) is pending owner of M2; T0, equally urgent, cannot steal it and queues (docs/spec/rtmutex.md §6).</summary>
    [Fact]
    public void Model_equal_priority_cannot_steal_from_a_pending_owner() => ModelRunner.Run(
        new ModelCase(new[] { 3, 2, 2 }, 3, new[] {
            Op.Lock(0, 2),
            Op.SetPriority(1, 3),
            Op.Lock(1, 2),
            Op.Unlock(0, 2),
            Op.Lock(0, 2) }));

    /// <summary>A pending owner interrupted before it runs still takes the mutex (docs/spec/rtmutex.md §5: take before signals).</summary>
    [Fact]
    public void Model_interrupted_pending_owner_still_takes_the_mutex() => ModelRunner.Run(
        new ModelCase(new[] { 1, 1, 3 }, 2, new[] {
            Op.TryLock(2, 1),
            Op.LockInterruptible(0, 1),
            Op.Unlock(2, 1),
            Op.Interrupt(0),
            Op.Resume(0) }));

    /// <summary>A detecting walk over a chain that finds no change re-queues nobody: FIFO order among equals is kept.</summary>
    [Fact]
    public void Model_detecting_walk_keeps_fifo_order_of_unchanged_waiters() => ModelRunner.Run(
        new ModelCase(new[] { 6, 6, 6, 2 }, 2, new[] {
            Op.Lock(3, 1),
            Op.Lock(2, 0),
            Op.Lock(2, 1),
            Op.Lock(1, 1),
            Op.Lock(0, 0, true) }));

    /// <summary>
    /// Deadlock detection across a three-task cycle. T0 owns M0, T1 owns M1, T2 (prio 1) owns M2;
    /// T0 then T3 queue on M1 (prio 5, FIFO), T1 waits for M2. T2 locks M0 with detection: the
    /// walk T0 → M1 → T1 → M2 → T2 closes a cycle, so Deadlock, and every priority is as before.
    /// The walk had boosted T0 to 1 and re-queued it, and the removal deboosted and re-queued it
    /// again, so T0 ends behind T3 at its own priority (docs/spec/rtmutex.md §2: a re-queue goes to the group's tail).
    /// Then T2 releases M2 and T1 becomes its pending owner.
    /// </summary>
    [Fact]
    public void Model_detected_cycle_returns_deadlock_and_restores_priorities() => ModelRunner.Run(
        new ModelCase(new[] { 5, 5, 1, 5 }, 3, new[] {
            Op.Lock(0, 0),
            Op.Lock(1, 1),
            Op.Lock(2, 2),
            Op.Lock(0, 1),
            Op.Lock(3, 1),
            Op.Lock(1, 2),
            Op.Lock(2, 0, true),
            Op.Unlock(2, 2) }));

    /// <summary>
    /// A deadlock allowed to form without any priority change: T2 (5) holds M2, T1 (4) holds M1 and
    /// waits for M2 (boosting T2 to 4), then T2 locks M1 without detection — the walk stops at
    /// once (nothing changes), so the kernel never sees the cycle and never counts it as allowed.
    /// The invariant checker must still accept the cycle (docs/spec/rtmutex.md §13: acyclic "unless a deadlock was
    /// allowed to form with detection off"); it used to report "wait-for graph has a cycle".
    /// </summary>
    [Fact]
    public void Model_deadlock_allowed_without_a_boost_is_accepted_by_the_checker() => ModelRunner.Run(
        new ModelCase(new[] { 2, 4, 5 }, 3, new[] {
            Op.Lock(2, 2),
            Op.Lock(1, 1),
            Op.Lock(1, 2),
            Op.Lock(2, 1) }));

    /// <summary>
    /// T0 waits for M1; T1 unlocks it (T0 becomes pending owner, paused), steals it back with
    /// trylock, unlocks it (no waiters: free) and M1 is destroyed — legal, nobody owns it or waits
    /// for it. T0, still inside its Lock call, retries: it must get Destroyed and leave M1 destroyed
    /// (docs/spec/rtmutex.md §12). The kernel used to take the destroyed mutex (the retry set bit1 on the destroyed
    /// word and then saw "no owner"), bringing it back to life, owned by T0, with Ok.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Model_robbed_pending_owner_retrying_on_a_destroyed_mutex_gets_destroyed(bool maskedCas) => ModelRunner.Run(
        new ModelCase(new[] { 5, 2, 3 }, 4, new[] {
            Op.Lock(1, 1),
            Op.Lock(0, 1),
            Op.Unlock(1, 1),
            Op.TryLock(1, 1),
            Op.Unlock(1, 1),
            Op.Destroy(1),
            Op.Resume(0) }, maskedCas));

    /// <summary>
    /// Destroying a mutex in use (docs/spec/rtmutex.md §16): T0 (5) owns M0, T1 (2) waits uninterruptibly
    /// and boosts it, T2 (3) waits interruptibly. The destroy ends both waits with Destroyed (T1 first: more
    /// urgent), drops T0's boost at once, and T0's own unlock then answers Destroyed.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Model_destroying_a_mutex_in_use_ends_every_wait_and_the_owners_boost(bool maskedCas) => ModelRunner.RunEveryStep(
        new ModelCase(new[] { 5, 2, 3 }, 2, new[] {
            Op.Lock(0, 0),
            Op.Lock(1, 0),
            Op.LockInterruptible(2, 0),
            Op.Destroy(0),
            Op.Unlock(0, 0),
            Op.Lock(1, 0) }, maskedCas));

    /// <summary>
    /// A destroy while the mutex is pending-owned: T1 is handed M0 and paused before it completes the take;
    /// the destroy takes the mutex from it (and T2's wait ends with Destroyed); T1's retry is Destroyed.
    /// </summary>
    [Fact]
    public void Model_a_pending_owner_of_a_destroyed_mutex_gets_destroyed() => ModelRunner.RunEveryStep(
        new ModelCase(new[] { 5, 2, 3 }, 1, new[] {
            Op.Lock(0, 0),
            Op.Lock(1, 0),
            Op.Lock(2, 0),
            Op.Unlock(0, 0),
            Op.Destroy(0),
            Op.Resume(1) }));

    /// <summary>
    /// Robust and recursive M0: T0 (6) locks it twice and ends; T1 (2), its waiter, is handed it whole and its
    /// lock returns OwnerDied; T2's bool TryLock of robust M1, whose owner T0 also died holding it, leaves
    /// it alone (false: the mark stays), and its TryLockStatus takes it with OwnerDied, once.
    /// </summary>
    [Fact]
    public void Model_owner_died_reaches_the_heir_and_is_never_lost_by_a_try_lock() => ModelRunner.RunEveryStep(
        new ModelCase(new[] { 6, 2, 4 }, 2, new[] {
            Op.Lock(0, 0),
            Op.Lock(0, 0),
            Op.Lock(0, 1),
            Op.Lock(1, 0),
            Op.Exit(0),
            Op.Resume(1),
            Op.TryLock(2, 1),
            Op.TryLockStatus(2, 1),
            Op.Unlock(2, 1),
            Op.TryLockStatus(2, 1),
            Op.Unlock(1, 0),
            Op.Lock(2, 0) }, Options: new[] { ModelCase.Recursive | ModelCase.Robust, ModelCase.Robust }));

    /// <summary>
    /// Every wait is interruptible, the harness's command wait included: interrupting the idle T0 and the
    /// paused pending owner T1 (inside an uninterruptible Lock) is Ok and changes nothing; T2, blocked in an
    /// uninterruptible Lock, answers WrongState; a dead task answers WrongState.
    /// </summary>
    [Fact]
    public void Model_interrupt_ends_any_interruptible_wait_but_not_an_uninterruptible_lock() => ModelRunner.RunEveryStep(
        new ModelCase(new[] { 5, 3, 4 }, 1, new[] {
            Op.Interrupt(0),
            Op.Lock(0, 0),
            Op.Lock(1, 0),
            Op.Lock(2, 0),
            Op.Interrupt(2),
            Op.Unlock(0, 0),
            Op.Interrupt(1),
            Op.Resume(1),
            Op.Exit(0),
            Op.Interrupt(0) }));
}
