using CsCheck;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;
using Xunit.Abstractions;

namespace UnitTests.Sync;

/// <summary>
/// The message queue's fast Send and Receive change nothing anyone can see (docs/spec/primitives.md §17): random
/// sequences of Send, Receive (timeouts 0, 1-3 ticks or none) and a few SendUrgent from three lock-step tasks on a queue
/// of random capacity (1-3) and message size (1-3 words), with good, longer, too short and null arrays (InvalidArgument,
/// nothing changed), mixed with the driver's Send(…, 0) and Receive(…, 0), ticks, interrupts and a rare destroy, run on
/// the CAS board and on the M0 board (always the full path) by <see cref="FastPathEquivalenceRig"/>. After every step
/// both runs must agree on every result, every word each task's latest receive array holds (sentinels where nothing was
/// written), every queued message word, both wait lists in order, the switch and foreign-call counters and, when a
/// trace sink is installed (about one case in four: a sink keeps Send on the full path), every trace event.
/// </summary>
public class UnitTestMessageQueueFastPathEquivalence
{
    private const int Iterations = 300;
    private const int Sentinel = -7;
    private readonly ITestOutputHelper _out;

    public UnitTestMessageQueueFastPathEquivalence(ITestOutputHelper output) { _out = output; }

    public enum OpKind { Send, SendUrgent, Receive, DriverSend, DriverReceive, Tick, Interrupt, Destroy }

    /// <summary>Array: 0 null, 1 too short, 2 longer than a message, else exactly a message.</summary>
    public sealed record Op(OpKind Kind, int Task, int Timeout, int Array)
    {
        public override string ToString() => $"new({nameof(OpKind)}.{Kind}, {Task}, {Timeout}, {Array})";
    }

    public sealed record Case(int[] Priorities, bool Trace, int Capacity, int Words, Op[] Ops)
    {
        public override string ToString() => FastPathEquivalenceRig.CaseLiteral(Priorities, Trace, Ops, Capacity, Words);
    }

    private static readonly Gen<Op> GenOp =
        Gen.Frequency(
            (10, Gen.Select(Gen.Int[0, 2], Gen.Int[-1, 3], Gen.Int[0, 11], (t, to, a) => new Op(OpKind.Send, t, to, a))),
            (1, Gen.Select(Gen.Int[0, 2], Gen.Int[-1, 3], (t, to) => new Op(OpKind.SendUrgent, t, to, 9))),
            (10, Gen.Select(Gen.Int[0, 2], Gen.Int[-1, 3], Gen.Int[0, 11], (t, to, a) => new Op(OpKind.Receive, t, to, a))),
            (2, Gen.Int[0, 11].Select(a => new Op(OpKind.DriverSend, 0, 0, a))),
            (2, Gen.Int[0, 11].Select(a => new Op(OpKind.DriverReceive, 0, 0, a))),
            (3, Gen.Int[1, 3].Select(n => new Op(OpKind.Tick, 0, n, 9))),
            (2, Gen.Int[0, 2].Select(t => new Op(OpKind.Interrupt, t, 0, 9))),
            (1, Gen.Int[0, 19].Select(x => x == 0 ? new Op(OpKind.Destroy, 0, 0, 9) : new Op(OpKind.Tick, 0, 1, 9))));

    private static readonly Gen<Case> GenCase =
        from prios in Gen.Int[3, 6].Array[3]
        from trace in Gen.Int[0, 3].Select(x => x == 0)
        from capacity in Gen.Int[1, 3]
        from words in Gen.Int[1, 3]
        from ops in GenOp.Array[1, 40]
        select new Case(prios, trace, capacity, words, ops);

    /// <summary>An array of the kind <paramref name="kind"/> for <paramref name="words"/>-word messages, each word <paramref name="fill"/>(index).</summary>
    private static int[] Array(int kind, int words, Func<int, int> fill)
    {
        if (kind == 0) return null;
        var a = new int[kind == 1 ? words - 1 : kind == 2 ? words + 1 : words];
        for (int i = 0; i < a.Length; i++) a[i] = fill(i);
        return a;
    }

    private static string Words(int[] a) => a == null ? "null" : "[" + string.Join(",", a) + "]";

    /// <summary>One run of <paramref name="c"/> on <paramref name="profile"/>: the observations after every step, and the fast calls counted.</summary>
    private static (List<string> seen, int fast) Run(Case c, BoardProfile profile)
    {
        using var rig = new FastPathEquivalenceRig(profile, c.Trace, c.Priorities);
        var q = new MessageQueue(rig.S.K, "q", c.Capacity, c.Words);
        var received = new int[3][];   // each task's latest receive array: where a fast or a direct hand-off writes
        rig.Start();
        for (int step = 0; step < c.Ops.Length; step++)
        {
            Op op = c.Ops[step];
            int tag = (step + 1) * 100;   // the words this step sends: tag, tag+1, ...
            switch (op.Kind)
            {
                case OpKind.Send:
                {
                    int[] m = Array(op.Array, c.Words, i => tag + i);
                    rig.TaskCall(op.Task, () => q.Send(m, op.Timeout));
                    break;
                }
                case OpKind.SendUrgent:
                {
                    int[] m = Array(op.Array, c.Words, i => tag + i);
                    rig.TaskCall(op.Task, () => q.SendUrgent(m, op.Timeout));
                    break;
                }
                case OpKind.Receive:
                {
                    int[] into = Array(op.Array, c.Words, _ => Sentinel);
                    if (rig.TaskCall(op.Task, () => q.Receive(into, op.Timeout))) received[op.Task] = into;
                    break;
                }
                case OpKind.DriverSend:
                {
                    int[] m = Array(op.Array, c.Words, i => tag + i);
                    rig.Driver("driver send", () => q.Send(m, 0));
                    break;
                }
                case OpKind.DriverReceive:
                {
                    int[] into = Array(op.Array, c.Words, _ => Sentinel);
                    rig.Driver("driver receive", () => q.Receive(into, 0) + " " + Words(into));
                    break;
                }
                case OpKind.Tick: rig.Tick(op.Timeout); break;
                case OpKind.Interrupt: rig.Interrupt(op.Task); break;
                default: rig.Driver("destroy", () => q.Destroy()); break;
            }
            var queued = new List<string>();
            for (int m = 0; m < q.Count; m++) queued.Add(string.Join(",", Enumerable.Range(0, c.Words).Select(w => q.Peek(m, w))));
            rig.EndStep(step, op.Kind.ToString(), $"received {string.Join(" ", received.Select(Words))} queued {q.Count}:{string.Join(" ", queued)}"
                + $" receivers {Waiters(q, false)} senders {Waiters(q, true)}");
        }
        return (rig.Seen, rig.Fast);
    }

    private static string Waiters(MessageQueue q, bool senders)
    {
        var names = new List<string>();
        for (int i = 0; q.WaiterAt(senders, i) != null; i++) names.Add(q.WaiterAt(senders, i).Name);
        return string.Join(",", names);
    }

    [Fact]
    public void Fast_send_and_receive_are_observably_the_full_path_on_random_sequences()
    {
        var (cases, fast, _) = FastPathEquivalenceRig.Check(GenCase, Run, Iterations, _out, c => c.ToString());
        Assert.True(fast > cases, $"only {fast} fast calls in {cases} cases");
    }
}
