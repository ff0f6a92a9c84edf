using UnitTests.Support;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace UnitTests.Sync;

/// <summary>
/// The semaphore, the queue, the event flags and the rt-mutex options allocate nothing per
/// operation (docs/spec/primitives.md §1), measured like <see cref="UnitTestRtMutexAllocation"/>: a
/// bare kernel on the simulated board (both CAS flavours), trace sink and invariant checks off, a
/// warm-up, then <see cref="GC.GetAllocatedBytesForCurrentThread"/> summed over every task thread
/// that runs the measured loop must be 0 over <see cref="Cycles"/> cycles (best of three windows).
/// <list type="number">
/// <item>Uncontended, one task: Give + Take; Send + Receive and SendUrgent + Receive; Set + Wait
/// (clear on exit) + Clear; ceiling lock + unlock; recursive lock + nested lock + two unlocks.</item>
/// <item>Hand-off, two tasks ping-ponging: every Take / Receive / Wait blocks (a timeout armed and
/// disarmed each time) and is served by the other task's Give / Send (direct hand-off) / Set.</item>
/// <item>Timeout expiry and interruption: H's Take times out on L's tick, then H's next Take is
/// ended by Scheduler.Interrupt.</item>
/// </list>
/// </summary>
public class UnitTestPrimitivesAllocation
{
    private const int Warmup = 2_000;
    private const int Cycles = 20_000;

    public static TheoryData<string> Boards => AllocationRig.Boards;

    [Theory]
    [MemberData(nameof(Boards))]
    public void Uncontended_operations_allocate_nothing(string board) => AllocationRig.AllocatesNothing(Cycles, () => Uncontended(board));

    private static long Uncontended(string board)
    {
        Scheduler k = AllocationRig.NewKernel(board);
        var sem = new CountingSemaphore(k, "sem", 0, 1);
        var q = new MessageQueue(k, "q", 2, 4);
        var f = new EventFlags(k, "f");
        var ceiling = new RtMutex(k, "c", new RtMutexOptions { Ceiling = 3 });
        var rec = new RtMutex(k, "r", new RtMutexOptions { Recursive = true, Robust = true });
        int[] msg = { 1, 2, 3, 4 }, into = new int[4];
        long allocated = -1;
        int failures = 0;
        void Check(KernelStatus s) { if (s != KernelStatus.Ok) failures++; }
        void Cycle()
        {
            Check(sem.Give()); Check(sem.Take(-1));
            Check(q.Send(msg, 0)); Check(q.SendUrgent(msg, -1)); Check(q.Receive(into, -1)); Check(q.Receive(into, 0));
            Check(f.Set(5)); Check(f.Wait(4, true, true, -1, out _)); Check(f.Clear(-1));
            Check(ceiling.Lock()); Check(ceiling.Unlock());
            Check(rec.Lock()); Check(rec.Lock()); Check(rec.Unlock()); Check(rec.Unlock());
        }
        k.CreateTask("t", 5, () =>
        {
            for (int i = 0; i < Warmup; i++) Cycle();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Cycles; i++) Cycle();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        AllocationRig.RunToEnd(k);
        Assert.Equal(0, failures);
        return allocated;
    }

    public static TheoryData<string, string> HandoffCases()
    {
        var d = new TheoryData<string, string>();
        foreach (var b in new[] { BoardProfiles.Stm32.Name, BoardProfiles.Stm32M0.Name })
            foreach (var kind in new[] { "semaphore", "queue", "flags" }) d.Add(b, kind);
        return d;
    }

    [Theory]
    [MemberData(nameof(HandoffCases))]
    public void Blocking_waits_and_handoffs_allocate_nothing(string board, string kind) => AllocationRig.AllocatesNothing(Cycles, () => PingPong(board, kind));

    private static long PingPong(string board, string kind)
    {
        Scheduler k = AllocationRig.NewKernel(board);
        var s1 = new CountingSemaphore(k, "s1", 0, 1); var s2 = new CountingSemaphore(k, "s2", 0, 1);
        var q1 = new MessageQueue(k, "q1", 1, 2); var q2 = new MessageQueue(k, "q2", 1, 2);
        var f1 = new EventFlags(k, "f1"); var f2 = new EventFlags(k, "f2");
        long[] allocated = { -1, -1 };
        int failures = 0;
        void Check(KernelStatus s) { if (s != KernelStatus.Ok) failures++; }

        void Loop(int who, int[] buf)
        {
            long before = 0;
            for (int i = 0; i < Warmup + Cycles; i++)
            {
                if (i == Warmup) before = GC.GetAllocatedBytesForCurrentThread();
                switch (kind)
                {
                    case "semaphore":
                        if (who == 0) { Check(s1.Give()); Check(s2.Take(1_000_000)); }
                        else { Check(s1.Take(1_000_000)); Check(s2.Give()); }
                        break;
                    case "queue":
                        if (who == 0) { Check(q1.Send(buf, 0)); Check(q2.Receive(buf, 1_000_000)); }
                        else { Check(q1.Receive(buf, 1_000_000)); Check(q2.Send(buf, -1)); }
                        break;
                    default:
                        if (who == 0) { Check(f1.Set(1)); Check(f2.Wait(1, false, true, 1_000_000, out _)); }
                        else { Check(f1.Wait(1, true, true, 1_000_000, out _)); Check(f2.Set(1)); }
                        break;
                }
            }
            allocated[who] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        k.CreateTask("B", 4, () => Loop(1, new int[2]));   // more urgent: always waiting first
        k.CreateTask("A", 5, () => Loop(0, new int[2]));
        AllocationRig.RunToEnd(k);
        Assert.Equal(0, failures);
        Assert.True(k.ContextSwitches >= 2 * (Warmup + Cycles), $"expected a switch per hand-off, got {k.ContextSwitches}");
        return allocated[0] + allocated[1];
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Timeout_expiry_and_interruption_allocate_nothing(string board) => AllocationRig.AllocatesNothing(Cycles, () => TimeoutAndInterrupt(board));

    private static long TimeoutAndInterrupt(string board)
    {
        Scheduler k = AllocationRig.NewKernel(board);
        var sem = new CountingSemaphore(k, "sem", 0, 1);
        var go = new KernelEvent(k);
        long[] allocated = { -1, -1 };
        int failures = 0;
        bool done = false;
        TaskControlBlock h = k.CreateTask("H", 1, () =>
        {
            long before = 0;
            for (int i = 0; i < Warmup + Cycles; i++)
            {
                if (i == Warmup) before = GC.GetAllocatedBytesForCurrentThread();
                go.Wait(-1);
                if (sem.Take(1) != KernelStatus.TimedOut) failures++;       // expires on L's tick
                if (sem.Take(-1) != KernelStatus.Interrupted) failures++;   // ended by L's Interrupt
            }
            allocated[0] = GC.GetAllocatedBytesForCurrentThread() - before;
            done = true;
        });
        k.CreateTask("L", 9, () =>
        {
            long before = 0;
            for (int i = 0; !done; i++)
            {
                if (i == Warmup) before = GC.GetAllocatedBytesForCurrentThread();
                go.Signal();              // H runs and waits on the semaphore
                k.Busy(1);                // one tick: H's timeout expires, H waits again
                if (k.Interrupt(h) != KernelStatus.Ok) failures++;
            }
            allocated[1] = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        AllocationRig.RunToEnd(k);
        Assert.Equal(0, failures);
        return allocated[0] + allocated[1];
    }
}
