using System.Reflection;
using NfRt.Kernel;

namespace UnitTests.Kernel;

/// <summary>
/// The plist (docs/spec/rtmutex.md §2): sorted ascending, FIFO among equals, re-queue goes to the tail of its
/// group, one leader per distinct priority, no allocation. Seeded random add/remove/requeue runs
/// compared after every step against a trivially correct model (a stable sort by priority, then
/// insertion stamp), with <see cref="PriorityList.Check"/> after every step; and proof that Check
/// catches each kind of corruption.
/// </summary>
public class UnitTestPriorityList
{
    private static List<PlistNode> Walk(PriorityList l)
    {
        var r = new List<PlistNode>();
        for (var n = l.First; n != null; n = n.Next)
        {
            r.Add(n);
            if (r.Count > 100000) throw new InvalidOperationException("cycle");
        }
        return r;
    }

    /// <summary>A node to order: the wait node of a bare task control block named <paramref name="name"/>.</summary>
    private static PlistNode Node(string name) => new TaskControlBlock(0, name, 0, TaskOptions.None, null).WaitNode;

    private static string Names(PriorityList l) => string.Join(" ", Walk(l).Select(n => n.Task.Name));

    /// <summary>The reference model: entries kept in a plain list, ordered by (priority, stamp).</summary>
    private sealed class Model
    {
        private readonly List<(PlistNode node, int prio, long stamp)> _entries = new();
        private long _clock;
        public int Count => _entries.Count;
        public bool Contains(PlistNode n) => _entries.Any(e => e.node == n);
        public void Add(PlistNode n, int prio) => _entries.Add((n, prio, _clock++));
        public void Remove(PlistNode n) => _entries.RemoveAll(e => e.node == n);
        public List<PlistNode> Order() => _entries.OrderBy(e => e.prio).ThenBy(e => e.stamp).Select(e => e.node).ToList();
        public Dictionary<PlistNode, int> Prios() => _entries.ToDictionary(e => e.node, e => e.prio);
        public int DistinctPrios => _entries.Select(e => e.prio).Distinct().Count();
        public PlistNode Pick(Random r) => _entries[r.Next(_entries.Count)].node;
    }

    private static void AssertSame(PriorityList l, Model m, string step)
    {
        Assert.True(l.Check() == null, step + ": " + l.Check());
        var actual = Walk(l);
        var expected = m.Order();
        Assert.True(expected.SequenceEqual(actual), step + ": order differs from the model");
        Assert.Equal(m.Count, l.Count);
        Assert.Equal(m.Count == 0, l.IsEmpty);
        Assert.Same(expected.FirstOrDefault(), l.First);
        Assert.Same(expected.LastOrDefault(), l.Last);
        var prios = m.Prios();
        foreach (var n in actual)
        {
            Assert.Same(l, n.List);
            Assert.Equal(prios[n], n.Prio);
        }
        // Exactly one leader per distinct priority: insertion cost depends on K, not on N.
        Assert.Equal(m.DistinctPrios, actual.Count(n => n.isLeader));
    }

    /// <summary>
    /// 10 000 seeded random steps per seed: add (a detached node, at a random priority from a narrow
    /// or a wide range), remove, requeue (sometimes to the same priority), or a misuse that must throw
    /// and change nothing. After every step: Check() == null and the order equals the model's.
    /// </summary>
    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 8)]
    [InlineData(3, 3)]
    [InlineData(42, 1024)]
    [InlineData(7777, 40)]
    public void Random_add_remove_requeue_matches_the_reference_model(int seed, int prioRange)
    {
        var rnd = new Random(seed);
        var list = new PriorityList();
        var other = new PriorityList();
        var model = new Model();
        var pool = Enumerable.Range(0, 48).Select(i => Node("n" + i)).ToArray();
        var stranger = Node("stranger");
        other.Add(stranger, 0);
        for (int step = 0; step < 10000; step++)
        {
            int op = rnd.Next(10);
            string what;
            if (op < 4 || model.Count == 0)
            {
                var free = pool.Where(n => !n.IsQueued).ToList();
                if (free.Count == 0) { op = 5; goto remove; }
                var n = free[rnd.Next(free.Count)];
                int p = rnd.Next(prioRange);
                list.Add(n, p);
                model.Add(n, p);
                what = $"add {n.Task.Name}@{p}";
            }
            else if (op < 7)
            {
                goto remove;
            }
            else if (op < 9)
            {
                var n = model.Pick(rnd);
                int p = rnd.Next(3) == 0 ? n.Prio : rnd.Next(prioRange);
                list.Requeue(n, p);
                model.Remove(n);
                model.Add(n, p);
                what = $"requeue {n.Task.Name}@{p}";
            }
            else
            {
                // Misuse: adding a queued node, removing a node of another list. Both throw, nothing changes.
                var n = model.Pick(rnd);
                Assert.Throws<KernelFaultException>(() => list.Add(n, 0));
                Assert.Throws<KernelFaultException>(() => list.Remove(stranger));
                Assert.Throws<KernelFaultException>(() => other.Remove(n));
                what = "misuse";
            }
            AssertSame(list, model, $"seed {seed} step {step} {what}");
            if (step % 2500 == 2499)
            {
                // Drain completely now and then, in random order: the empty list must be sound too.
                while (model.Count > 0)
                {
                    var n = model.Pick(rnd);
                    list.Remove(n);
                    model.Remove(n);
                    AssertSame(list, model, $"seed {seed} step {step} drain {n.Task.Name}");
                }
            }
            continue;
        remove:
            {
                var n = model.Pick(rnd);
                list.Remove(n);
                model.Remove(n);
                Assert.False(n.IsQueued);
                Assert.Null(n.List);
                Assert.Null(n.Next);
                AssertSame(list, model, $"seed {seed} step {step} remove {n.Task.Name}");
            }
        }
        Assert.Null(other.Check());
        Assert.Equal(1, other.Count);
    }

    private static (PriorityList list, Dictionary<string, PlistNode> n) Build(params (string name, int prio)[] entries)
    {
        var l = new PriorityList();
        var d = new Dictionary<string, PlistNode>();
        foreach (var (name, prio) in entries) { var node = Node(name); d[name] = node; l.Add(node, prio); }
        Assert.Null(l.Check());
        return (l, d);
    }

    [Fact]
    public void Equal_priorities_are_fifo_and_sorted_ascending()
    {
        var (l, _) = Build(("a", 5), ("b", 5), ("c", 5), ("d", 3), ("e", 5), ("f", 9), ("g", 3), ("h", 0));
        Assert.Equal("h d g a b c e f", Names(l));
        Assert.Equal(8, l.Count);
    }

    /// <summary>
    /// 1. a b c at 5, d at 3: order d a b c.
    /// 2. Requeue a at 5 (unchanged priority): a goes to the tail of the 5 group: d b c a.
    /// 3. Requeue b at 3: tail of the 3 group: d b c a.
    /// 4. Requeue d at 5: b inherits the lead of group 3, d goes to the tail of group 5: b c a d.
    /// </summary>
    [Fact]
    public void Requeue_moves_to_the_tail_of_its_group_even_at_the_same_priority()
    {
        var (l, n) = Build(("a", 5), ("b", 5), ("c", 5), ("d", 3));
        Assert.Equal("d a b c", Names(l));
        l.Requeue(n["a"], 5);
        Assert.Equal("d b c a", Names(l));
        Assert.Null(l.Check());
        l.Requeue(n["b"], 3);
        Assert.Equal("d b c a", Names(l));
        Assert.Null(l.Check());
        l.Requeue(n["d"], 5);
        Assert.Equal("b c a d", Names(l));
        Assert.Null(l.Check());
        Assert.True(n["b"].isLeader);
        Assert.True(n["c"].isLeader);
        Assert.False(n["d"].isLeader);
    }

    /// <summary>Removing a group's leader promotes the next entry of the group; removing the last entry drops the group.</summary>
    [Fact]
    public void Removing_a_leader_promotes_its_heir()
    {
        var (l, n) = Build(("a", 2), ("b", 2), ("c", 4), ("d", 6), ("e", 6));
        l.Remove(n["a"]);
        Assert.True(n["b"].isLeader);
        Assert.Null(l.Check());
        l.Remove(n["c"]);
        Assert.Null(l.Check());
        Assert.Equal("b d e", Names(l));
        l.Remove(n["e"]);
        l.Remove(n["b"]);
        l.Remove(n["d"]);
        Assert.True(l.IsEmpty);
        Assert.Null(l.First);
        Assert.Null(l.Last);
        Assert.Null(l.Check());
    }

    [Fact]
    public void Misuse_throws_and_changes_nothing()
    {
        var (l, n) = Build(("a", 2), ("b", 2), ("c", 4));
        var (other, m) = Build(("x", 1));
        Assert.Throws<KernelFaultException>(() => l.Add(n["b"], 7));
        Assert.Throws<KernelFaultException>(() => l.Add(m["x"], 7));
        Assert.Throws<KernelFaultException>(() => l.Remove(m["x"]));
        Assert.Throws<KernelFaultException>(() => l.Remove(Node("detached")));
        Assert.Throws<KernelFaultException>(() => l.Requeue(m["x"], 0));
        Assert.Equal("a b c", Names(l));
        Assert.Equal(2, n["b"].Prio);
        Assert.Equal("x", Names(other));
        Assert.Null(l.Check());
        Assert.Null(other.Check());
    }

    private static readonly FieldInfo CountField = typeof(PriorityList).GetField("_count", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly FieldInfo TailField = typeof(PriorityList).GetField("_tail", BindingFlags.NonPublic | BindingFlags.Instance);

    public static IEnumerable<object[]> Corruptions() => new[]
    {
        new object[] { "a node's priority changed in place", "plist: not sorted" },
        new object[] { "a broken prev link", "plist: broken prev link" },
        new object[] { "a follower flagged leader", "plist: wrong leader flag" },
        new object[] { "a leader flag cleared", "plist: wrong leader flag" },
        new object[] { "a follower with leader links", "plist: follower has leader links" },
        new object[] { "a broken leader prev link", "plist: broken leader prev link" },
        new object[] { "a leader skipped in the priority list", "plist: priority list out of step with node list" },
        new object[] { "an extra leader", "plist: extra leaders" },
        new object[] { "a cycle", "plist: more nodes than Count (cycle?)" },
        new object[] { "a wrong count", "plist: Count mismatch" },
        new object[] { "a wrong tail", "plist: wrong tail" },
        new object[] { "a node of another list", "plist: node of another list" },
    };

    /// <summary>
    /// The list a1 a2 a3 (prio 1), b1 b2 (prio 4), c1 (prio 7), corrupted in one way through the
    /// internal fields; Check() names the defect.
    /// </summary>
    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Check_detects_a_corrupted_list(string corruption, string expected)
    {
        var (l, n) = Build(("a1", 1), ("a2", 1), ("a3", 1), ("b1", 4), ("b2", 4), ("c1", 7));
        switch (corruption)
        {
            case "a node's priority changed in place": n["b1"].prio = 0; break;
            case "a broken prev link": n["b2"].prev = n["a1"]; break;
            case "a follower flagged leader": n["a2"].isLeader = true; break;
            case "a leader flag cleared": n["b1"].isLeader = false; break;
            case "a follower with leader links": n["a2"].prioNext = n["b1"]; break;
            case "a broken leader prev link": n["c1"].prioPrev = null; break;
            case "a leader skipped in the priority list": n["a1"].prioNext = n["c1"]; break;
            case "an extra leader": n["c1"].prioNext = Node("ghost"); break;
            case "a cycle": n["c1"].next = n["a1"]; break;
            case "a wrong count": CountField.SetValue(l, 7); break;
            case "a wrong tail": TailField.SetValue(l, n["b2"]); break;
            case "a node of another list": n["b2"].list = new PriorityList(); break;
            default: throw new ArgumentException(corruption);
        }
        Assert.Equal(expected, l.Check());
    }
}
