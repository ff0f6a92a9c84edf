using NfRt.Kernel;
using NfRt.Sync;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The object tests of <c>W:</c> and <c>T:</c> lines (scenario-language.md §22): what each reads of
/// the kernel object named by the line's second field, read at quiescence straight from the kernel's
/// public state, and the one-line description a failed test reports. Read-only.
/// </summary>
public static class ObjectTests
{
    /// <summary>True when <paramref name="line"/>'s condition on its object holds (the object exists: the parser checked).</summary>
    public static bool Holds(ScenarioSystem sys, ScenarioLine line)
    {
        if (line.Test == TestOpcode.QContentsEq) return Contents(sys.Objects.Queue(line.Object)).SequenceEqual(line.Words);
        return Read(sys, line.Test, line.Object) == line.Argument;
    }

    /// <summary>The value a numeric object test compares with its argument.</summary>
    public static int Read(ScenarioSystem sys, TestOpcode test, int index)
    {
        var o = sys.Objects;
        return test switch
        {
            TestOpcode.SemCountEq => o.Semaphore(index).Count,
            TestOpcode.SemWaitersEq => o.Semaphore(index).WaiterCount,
            TestOpcode.QCountEq => o.Queue(index).Count,
            TestOpcode.QReceiversEq => o.Queue(index).ReceiverCount,
            TestOpcode.QSendersEq => o.Queue(index).SenderCount,
            TestOpcode.FlagsEq => o.Flags(index).Value,
            TestOpcode.FlagsWaitersEq => o.Flags(index).WaiterCount,
            TestOpcode.MutexWaitersEq => MutexWaiters(o.Mutex(index)),
            TestOpcode.MutexOwnerEq => Owner(sys, o.Mutex(index)),
            _ => throw new ArgumentException(Opcodes.Name(test) + " is not an object test", nameof(test)),
        };
    }

    /// <summary>The words queued, in the order receive gets them.</summary>
    public static int[] Contents(MessageQueue q)
    {
        var words = new int[q.Count];
        for (int i = 0; i < words.Length; i++) words[i] = q.Peek(i, 0);
        return words;
    }

    private static int MutexWaiters(RtMutex m)
    {
        int n = 0;
        while (m.WaiterAt(n) != null) n++;
        return n;
    }

    /// <summary><c>mutexownereq</c>: the test thread that owns or pending-owns the mutex; -1 when free or destroyed; -2 for a task that is no test thread.</summary>
    private static int Owner(ScenarioSystem sys, RtMutex m)
    {
        TaskControlBlock t = m.OwnerTask;
        if (t == null) return -1;
        return sys.ThreadOfTask(t)?.Index ?? -2;
    }

    /// <summary>What a report shows for object <paramref name="index"/> of <paramref name="kind"/>: its state, or that it does not exist.</summary>
    public static string Describe(ScenarioSystem sys, ObjectKind kind, int index)
    {
        string name = $"{ObjectKinds.Noun(kind)} {index}";
        var o = sys.Objects;
        if (!o.Exists(kind, index)) return name + ": not created";
        string destroyed;
        string state;
        switch (kind)
        {
            case ObjectKind.Mutex:
                var m = o.Mutex(index);
                destroyed = m.IsDestroyed ? ", destroyed" : "";
                state = $"owner {Owner(sys, m)}{(m.HasPendingOwner ? " (pending)" : "")}, waiters {MutexWaiters(m)}"
                        + $"{(m.Ceiling >= 0 ? ", ceiling " + NfRt.Harness.RtTesterProfile.ToUser(m.Ceiling) : "")}"
                        + $"{(m.IsRecursive ? ", recursive depth " + m.RecursionDepth : "")}{(m.IsRobust ? ", robust" : "")}{(m.IsOwnerDead ? ", owner died" : "")}";
                break;
            case ObjectKind.Semaphore:
                var s = o.Semaphore(index);
                destroyed = s.IsDestroyed ? ", destroyed" : "";
                state = $"count {s.Count} of {s.MaxCount}, waiters {s.WaiterCount}";
                break;
            case ObjectKind.Queue:
                var q = o.Queue(index);
                destroyed = q.IsDestroyed ? ", destroyed" : "";
                state = $"contents {WordList.Format(Contents(q))} ({q.Count} of {q.Capacity}), receivers {q.ReceiverCount}, senders {q.SenderCount}";
                break;
            default:
                var f = o.Flags(index);
                destroyed = f.IsDestroyed ? ", destroyed" : "";
                state = $"value {f.Value}, waiters {f.WaiterCount}";
                break;
        }
        return TextClip.Shorten($"{name}: {state}{destroyed}", 200);
    }
}
