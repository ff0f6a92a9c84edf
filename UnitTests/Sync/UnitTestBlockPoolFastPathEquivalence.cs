using CsCheck;
using NfRt.Boards;
using NfRt.Memory;
using UnitTests.Support;
using Xunit.Abstractions;

namespace UnitTests.Sync;

/// <summary>
/// The block pool's fast Allocate and Free change nothing anyone can see (docs/spec/primitives.md §17): random
/// sequences of Allocate and Free (of a block allocated directly, a free one: DoubleFree, a block a partition holds:
/// ForeignBlock, an index outside the pool: OutOfRange) from three lock-step tasks on a 6-block pool of which a
/// partition holds 2 at first, mixed with the driver's Allocate and Free, the partition's own Allocate and Free (which
/// refill from and give back to the pool), ticks and interrupts, run on the CAS board and on the M0 board (always the
/// full path) by <see cref="FastPathEquivalenceRig"/>. After every step both runs must agree on every status and block
/// number, every holder word, FreeCount, DirectAllocated, InFlight, the counters (Allocations, Frees, Failures,
/// DoubleFrees, ForeignFrees, OutOfRangeFrees), the conservation check, the switch and foreign-call counters and, when
/// a trace sink is installed (about one case in four), every trace event.
/// The pool's full path masks without entering the kernel, so no checker tells the paths apart: a call counts as fast
/// when the fast path's entry condition held just before it, read in the task (a free block / a directly allocated
/// block in range, the fast word set, no line pending, the runner's thread). The M0 board's fast word is always 0.
/// </summary>
public class UnitTestBlockPoolFastPathEquivalence
{
    private const int Iterations = 300;
    private const int Blocks = 6, BlockSize = 16;
    private readonly ITestOutputHelper _out;

    public UnitTestBlockPoolFastPathEquivalence(ITestOutputHelper output) { _out = output; }

    public enum OpKind { Allocate, Free, DriverAllocate, DriverFree, PartitionAllocate, PartitionFree, Tick, Interrupt }

    /// <summary>Block: the block a Free names, -1 .. Blocks (both ends outside the pool).</summary>
    public sealed record Op(OpKind Kind, int Task, int Block)
    {
        public override string ToString() => $"new({nameof(OpKind)}.{Kind}, {Task}, {Block})";
    }

    public sealed record Case(int[] Priorities, bool Trace, Op[] Ops)
    {
        public override string ToString() => FastPathEquivalenceRig.CaseLiteral(Priorities, Trace, Ops);
    }

    private static readonly Gen<Op> GenOp =
        Gen.Frequency(
            (10, Gen.Int[0, 2].Select(t => new Op(OpKind.Allocate, t, 0))),
            (10, Gen.Select(Gen.Int[0, 2], Gen.Int[-1, Blocks], (t, b) => new Op(OpKind.Free, t, b))),
            (2, Gen.Const(new Op(OpKind.DriverAllocate, 0, 0))),
            (2, Gen.Int[-1, Blocks].Select(b => new Op(OpKind.DriverFree, 0, b))),
            (2, Gen.Int[0, 2].Select(t => new Op(OpKind.PartitionAllocate, t, 0))),
            (2, Gen.Select(Gen.Int[0, 2], Gen.Int[0, Blocks - 1], (t, b) => new Op(OpKind.PartitionFree, t, b))),
            (1, Gen.Int[1, 3].Select(n => new Op(OpKind.Tick, 0, n))),
            (1, Gen.Int[0, 2].Select(t => new Op(OpKind.Interrupt, t, 0))));

    private static readonly Gen<Case> GenCase =
        from prios in Gen.Int[3, 6].Array[3]
        from trace in Gen.Int[0, 3].Select(x => x == 0)
        from ops in GenOp.Array[1, 40]
        select new Case(prios, trace, ops);

    /// <summary>One run of <paramref name="c"/> on <paramref name="profile"/>: the observations after every step, and the fast calls counted.</summary>
    private static (List<string> seen, int fast) Run(Case c, BoardProfile profile)
    {
        using var rig = new FastPathEquivalenceRig(profile, c.Trace, c.Priorities);
        var pool = new BlockPool(rig.S.Board, Blocks * BlockSize, BlockSize);
        var part = new Partition(pool, "p", 3, 0, 0, 2);
        var irq = rig.S.Board.Irq;
        var answers = new string[3];   // each task's latest answer: status and block
        rig.Start();
        // The fast path's entry condition, read in the calling task just before the call (see the class summary).
        bool FastMay(bool blockOk) => blockOk && irq.fastWord != 0 && irq.pendingLines == 0 && Thread.CurrentThread == irq.runnerThread;
        for (int step = 0; step < c.Ops.Length; step++)
        {
            Op op = c.Ops[step];
            switch (op.Kind)
            {
                case OpKind.Allocate:
                    rig.TaskCallJudged(op.Task, () =>
                    {
                        bool fast = FastMay(pool.FreeCount > 0);
                        answers[op.Task] = "allocate " + pool.Allocate(out int b) + " " + b;
                        return fast;
                    });
                    break;
                case OpKind.Free:
                    rig.TaskCallJudged(op.Task, () =>
                    {
                        bool fast = FastMay(pool.HolderOf(op.Block) == BlockPool.HolderDirect);
                        answers[op.Task] = "free " + op.Block + " " + pool.Free(op.Block);
                        return fast;
                    });
                    break;
                case OpKind.DriverAllocate: rig.Driver("driver allocate", () => pool.Allocate(out int b) + " " + b); break;
                case OpKind.DriverFree: rig.Driver("driver free " + op.Block, () => pool.Free(op.Block)); break;
                case OpKind.PartitionAllocate:
                    rig.TaskCallJudged(op.Task, () => { answers[op.Task] = "partition allocate " + part.Allocate(out int b) + " " + b; return false; });
                    break;
                case OpKind.PartitionFree:
                    rig.TaskCallJudged(op.Task, () => { answers[op.Task] = "partition free " + op.Block + " " + part.Free(op.Block); return false; });
                    break;
                case OpKind.Tick: rig.Tick(op.Block); break;
                default: rig.Interrupt(op.Task); break;
            }
            var holders = string.Join(",", Enumerable.Range(0, Blocks).Select(pool.HolderOf));
            rig.EndStep(step, op.Kind.ToString(), $"answers {string.Join(" | ", answers)} holders {holders} free {pool.FreeCount}"
                + $" direct {pool.DirectAllocated} inflight {pool.InFlight} allocations {pool.Allocations} frees {pool.Frees}"
                + $" failures {pool.Failures} double {pool.DoubleFrees} foreign {pool.ForeignFrees} outofrange {pool.OutOfRangeFrees}"
                + $" partition {part.Current}/{part.FreeBlocks} conservation {pool.CheckConservation() ?? "holds"}");
        }
        return (rig.Seen, rig.Fast);
    }

    [Fact]
    public void Fast_allocate_and_free_are_observably_the_full_path_on_random_sequences()
    {
        var (cases, fast, _) = FastPathEquivalenceRig.Check(GenCase, Run, Iterations, _out, c => c.ToString());
        Assert.True(fast > cases, $"only {fast} fast calls in {cases} cases");
    }
}
