using System.Reflection;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace UnitTests.Scheduling;

/// <summary>
/// The O(1) ready queue: the two-level bitmap is right at the word edges (levels 0, 31, 32, 1023
/// of a 1024-level kernel), Peek finds the most urgent task (oldest among equals) whatever the mix,
/// a seeded random run agrees with a plain model, and Check() catches each kind of corruption.
/// </summary>
public class UnitTestReadyQueue
{
    private static readonly FieldInfo GroupsField = typeof(ReadyQueue).GetField("_groups", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly FieldInfo SummaryField = typeof(ReadyQueue).GetField("_summary", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly FieldInfo CountField = typeof(ReadyQueue).GetField("count", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly FieldInfo TailField = typeof(ReadyQueue).GetField("_tail", BindingFlags.NonPublic | BindingFlags.Instance);

    private static int _ids;

    private static TaskControlBlock Tcb(int prio, string name = null)
    {
        int id = Interlocked.Increment(ref _ids);
        var t = new TaskControlBlock(id, name ?? "t" + id, prio, TaskOptions.None, () => { });
        t.state = TaskState.Ready;   // the scheduler sets this before it enqueues
        return t;
    }

    private static uint[] Groups(ReadyQueue q) => (uint[])GroupsField.GetValue(q);
    private static uint Summary(ReadyQueue q) => (uint)SummaryField.GetValue(q);

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(1023)]
    [InlineData(511)]
    [InlineData(992)]
    public void One_task_sets_exactly_its_bit_and_its_group_bit(int level)
    {
        var q = new ReadyQueue(1024);
        var t = Tcb(level);
        q.EnqueueTail(t);
        Assert.Same(t, q.Peek());
        Assert.True(q.HasAt(level));
        Assert.Equal(1, q.Count);
        Assert.Null(q.Check());
        var groups = Groups(q);
        Assert.Equal(32, groups.Length);
        for (int g = 0; g < groups.Length; g++)
            Assert.Equal(g == level >> 5 ? 1u << (level & 31) : 0u, groups[g]);
        Assert.Equal(1u << (level >> 5), Summary(q));
        foreach (int other in new[] { 0, 1, 30, 31, 32, 33, 63, 64, 1022, 1023 })
            if (other != level) Assert.False(q.HasAt(other));
        q.Remove(t);
        Assert.Null(q.Peek());
        Assert.Equal(0, q.Count);
        Assert.All(Groups(q), w => Assert.Equal(0u, w));
        Assert.Equal(0u, Summary(q));
        Assert.False(t.inReadyQueue);
        Assert.Null(q.Check());
    }

    /// <summary>
    /// Levels 1023, 32, 31, 0 enqueued least urgent first; Peek returns 0, then 31 (same group as 0),
    /// then 32 (next group), then 1023 (last group), then null, as each head is removed.
    /// </summary>
    [Fact]
    public void Peek_walks_the_word_edges_in_priority_order()
    {
        var q = new ReadyQueue(1024);
        var t = new[] { Tcb(1023), Tcb(32), Tcb(31), Tcb(0) };
        foreach (var x in t) { q.EnqueueTail(x); Assert.Null(q.Check()); }
        Assert.Equal(0b11u | (1u << 31), Summary(q));   // groups 0, 1, 31 (0 and 31 share group 0)
        Assert.Equal(1u | (1u << 31), Groups(q)[0]);
        foreach (int expected in new[] { 0, 31, 32, 1023 })
        {
            var top = q.Peek();
            Assert.Equal(expected, top.EffectivePriority);
            q.Remove(top);
            Assert.Null(q.Check());
        }
        Assert.Null(q.Peek());
        Assert.Equal(0u, Summary(q));
    }

    /// <summary>
    /// YieldFrom, the running task t at level 40 (not queued): with equals a, b queued, a comes out and t goes behind b
    /// (count and bitmap unchanged); with a alone, t takes its place; with nothing at 40 or above, null and nothing
    /// changes; with a more urgent task queued (levels 31 and 32 around the group edge), t is queued at the tail of
    /// its level and the urgent task is returned, still queued.
    /// </summary>
    [Fact]
    public void YieldFrom_swaps_the_yielder_behind_its_equals_in_one_step()
    {
        var q = new ReadyQueue(1024);
        var t = Tcb(40, "t"); var a = Tcb(40, "a"); var b = Tcb(40, "b"); var low = Tcb(50, "low");
        q.EnqueueTail(low);
        Assert.Null(q.YieldFrom(t));                      // nothing at 40 or above: t is still the pick
        Assert.False(t.inReadyQueue);
        Assert.Equal(1, q.Count);
        q.EnqueueTail(a); q.EnqueueTail(b);
        uint summary = Summary(q), group = Groups(q)[1];
        Assert.Same(a, q.YieldFrom(t));
        Assert.False(a.inReadyQueue);
        Assert.True(t.inReadyQueue);
        Assert.Equal(3, q.Count);
        Assert.Equal(summary, Summary(q));
        Assert.Equal(group, Groups(q)[1]);
        Assert.Null(q.Check());
        Assert.Same(b, q.Peek());
        q.Remove(b);
        Assert.Same(t, q.Peek());
        // t alone at 40 now: a (running) yields, t comes out and a takes its place
        Assert.Same(t, q.YieldFrom(a));
        Assert.Same(a, q.Peek());
        Assert.Null(TailOf(q, 40).readyNext);
        Assert.Same(a, TailOf(q, 40));
        Assert.Null(q.Check());
        foreach (int urgent in new[] { 39, 32, 31, 0 })
        {
            var q2 = new ReadyQueue(1024);
            var y = Tcb(40, "y"); var e = Tcb(40, "e"); var u = Tcb(urgent, "u");
            q2.EnqueueTail(e); q2.EnqueueTail(u);
            Assert.Same(u, q2.YieldFrom(y));
            Assert.True(u.inReadyQueue);
            Assert.True(y.inReadyQueue);
            Assert.Equal(3, q2.Count);
            Assert.Null(q2.Check());
            q2.Remove(u);
            Assert.Same(e, q2.Peek());
            q2.Remove(e);
            Assert.Same(y, q2.Peek());
        }
    }

    private static TaskControlBlock TailOf(ReadyQueue q, int level) => ((TaskControlBlock[])TailField.GetValue(q))[level];

    [Fact]
    public void Fifo_at_one_level_and_enqueue_head_goes_first()
    {
        var q = new ReadyQueue(1024);
        var a = Tcb(40, "a"); var b = Tcb(40, "b"); var c = Tcb(40, "c"); var h = Tcb(40, "h");
        q.EnqueueTail(a); q.EnqueueTail(b); q.EnqueueTail(c);
        Assert.Same(a, q.Peek());
        q.EnqueueHead(h);                  // a preempted task resumes before its equals
        Assert.Same(h, q.Peek());
        q.Remove(h);
        q.Remove(b);                       // removal from the middle keeps the rest in order
        Assert.Same(a, q.Peek());
        q.Remove(a);
        Assert.Same(c, q.Peek());
        Assert.Null(q.Check());
        Assert.True(q.HasAt(40));
        q.Remove(c);
        Assert.False(q.HasAt(40));
        Assert.Throws<KernelFaultException>(() => q.Remove(c));
        Assert.Null(q.Check());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(33)]
    [InlineData(140)]
    public void Odd_sizes_work_at_their_last_level(int levels)
    {
        var q = new ReadyQueue(levels);
        var last = Tcb(levels - 1);
        var first = Tcb(0);
        q.EnqueueTail(last);
        Assert.Same(last, q.Peek());
        q.EnqueueTail(first);
        Assert.Same(first, q.Peek());
        Assert.Null(q.Check());
        q.Remove(first);
        Assert.Same(last, q.Peek());
        Assert.Null(q.Check());
    }

    [Fact]
    public void Single_level_queue_is_a_fifo()
    {
        var q = new ReadyQueue(1);
        var a = Tcb(0); var b = Tcb(0);
        q.EnqueueTail(a); q.EnqueueTail(b);
        Assert.Same(a, q.Peek());
        q.Remove(a);
        Assert.Same(b, q.Peek());
        Assert.Null(q.Check());
    }

    /// <summary>
    /// 20 000 seeded random steps over 1024 levels (enqueue at the tail or the head, remove any):
    /// after every step Peek equals the model's head of its most urgent non-empty level, Count and Check agree.
    /// </summary>
    [Theory]
    [InlineData(5, 1024)]
    [InlineData(6, 64)]
    [InlineData(7, 3)]
    public void Random_operations_match_a_per_level_model(int seed, int spread)
    {
        var rnd = new Random(seed);
        var q = new ReadyQueue(1024);
        var model = new SortedDictionary<int, LinkedList<TaskControlBlock>>();
        var pool = Enumerable.Range(0, 64).Select(_ => Tcb(0)).ToArray();
        int queued = 0;
        for (int step = 0; step < 20000; step++)
        {
            var free = pool.Where(t => !t.inReadyQueue).ToList();
            bool add = free.Count > 0 && (queued == 0 || rnd.Next(2) == 0);
            if (add)
            {
                var t = free[rnd.Next(free.Count)];
                int level = spread >= 1024 ? rnd.Next(1024) : (rnd.Next(2) == 0 ? rnd.Next(spread) : 1023 - rnd.Next(spread));
                t.effectivePriority = level;   // detached: allowed
                if (!model.TryGetValue(level, out var l)) model[level] = l = new LinkedList<TaskControlBlock>();
                if (rnd.Next(4) == 0) { q.EnqueueHead(t); l.AddFirst(t); }
                else { q.EnqueueTail(t); l.AddLast(t); }
                queued++;
            }
            else
            {
                var queuedNow = pool.Where(t => t.inReadyQueue).ToList();
                var t = queuedNow[rnd.Next(queuedNow.Count)];
                q.Remove(t);
                model[t.effectivePriority].Remove(t);
                if (model[t.effectivePriority].Count == 0) model.Remove(t.effectivePriority);
                queued--;
            }
            var expected = model.Count == 0 ? null : model.First().Value.First.Value;
            Assert.Same(expected, q.Peek());
            Assert.Equal(queued, q.Count);
            if (step % 16 == 0 || queued < 3) Assert.True(q.Check() == null, $"seed {seed} step {step}: {q.Check()}");
        }
    }

    public static IEnumerable<object[]> Corruptions() => new[]
    {
        new object[] { "bit cleared under a non-empty level", "ready queue: bitmap disagrees at level 32" },
        new object[] { "bit set for an empty level", "ready queue: bitmap disagrees at level 5" },
        new object[] { "summary bit cleared", "ready queue: summary bit wrong for group 31" },
        new object[] { "summary bit set for an empty group", "ready queue: summary bit wrong for group 7" },
        new object[] { "count off by one", "ready queue: count mismatch" },
        new object[] { "priority changed in place", "ready queue: b queued at wrong level" },
        new object[] { "task not Ready", "ready queue: c queued but not Ready" },
        new object[] { "broken prev link", "ready queue: broken link at level 32" },
        new object[] { "wrong tail", "ready queue: wrong tail at level 1023" },
    };

    /// <summary>Queue a (0), b and c (32), d (1023), corrupted in one way; Check() names the defect.</summary>
    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Check_detects_corruption(string corruption, string expected)
    {
        var q = new ReadyQueue(1024);
        var a = Tcb(0, "a"); var b = Tcb(32, "b"); var c = Tcb(32, "c"); var d = Tcb(1023, "d");
        foreach (var t in new[] { a, b, c, d }) q.EnqueueTail(t);
        Assert.Null(q.Check());
        var groups = Groups(q);
        switch (corruption)
        {
            case "bit cleared under a non-empty level": groups[1] &= ~1u; break;
            case "bit set for an empty level": groups[0] |= 1u << 5; break;
            case "summary bit cleared": SummaryField.SetValue(q, Summary(q) & ~(1u << 31)); break;
            case "summary bit set for an empty group": SummaryField.SetValue(q, Summary(q) | (1u << 7)); break;
            case "count off by one": CountField.SetValue(q, 5); break;
            case "priority changed in place": b.effectivePriority = 33; break;
            case "task not Ready": c.state = TaskState.Running; break;
            case "broken prev link": c.readyPrev = a; break;
            case "wrong tail": ((TaskControlBlock[])TailField.GetValue(q))[1023] = null; break;
            default: throw new ArgumentException(corruption);
        }
        Assert.Equal(expected, q.Check());
    }

    [Fact]
    public void Lowest_set_bit_is_right_for_every_bit()
    {
        for (int i = 0; i < 32; i++)
        {
            Assert.Equal(i, BitOps.LowestSetBit(1u << i));
            Assert.Equal(i, BitOps.LowestSetBit(uint.MaxValue << i));
        }
        Assert.Equal(3, BitOps.LowestSetBit(0b1011000u));
    }
}
