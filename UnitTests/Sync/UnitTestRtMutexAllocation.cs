using UnitTests.Support;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace UnitTests.Sync;

/// <summary>
/// The rt-mutex's steady-state paths allocate nothing (architecture: "no allocation on
/// lock/unlock/block/wake/tick"; issue 3, item 6). Each test warms up, then counts the managed
/// bytes allocated by <see cref="GC.GetAllocatedBytesForCurrentThread"/> in EVERY task thread
/// that runs the measured loop, over 100,000 cycles, and requires the sum to be 0.
/// <para>Set-up: a bare kernel on the simulated board (not SimKernel), on both compare-and-swap
/// flavours (hardware CAS and the Cortex-M0 masked read-compare-write). The trace sink is off
/// (a sink is user code that may allocate; the ring itself is preallocated) and invariant
/// checking is OFF: the checker is a test aid that runs after every kernel operation, not part
/// of the steady-state path (and builds a message string only when it finds a defect).</para>
/// <para>Steps of each measured cycle:</para>
/// <list type="number">
/// <item>Uncontended: one task, Lock + Unlock — one CAS each, fast path only.</item>
/// <item>Contended hand-off: two equal-priority tasks each loop Lock + Unlock on one mutex. After
/// A's first Yield, every Lock finds the mutex held or pending-owned by the other (an equal
/// priority cannot steal) and blocks, and every Unlock hands the mutex to the blocked task
/// (pending owner, wake, context switch, completed take). Measured in both task threads.</item>
/// <item>Timed contention with timeouts: as 2 with LockTimed, so every block arms and every
/// wake disarms a timeout.</item>
/// <item>Tick and timeout expiry: H (more urgent) does LockTimed(1) on a mutex L holds, boosting
/// L; L burns one tick (Busy(1)), the tick ISR expires H's timeout; L yields (it runs at H's
/// level now), H removes its waiter and deboosts L; L unlocks.</item>
/// </list>
/// </summary>
public class UnitTestRtMutexAllocation
{
    private const int Warmup = 2_000;
    private const int Cycles = 100_000;

    public static TheoryData<string> Boards => AllocationRig.Boards;

    [Theory]
    [MemberData(nameof(Boards))]
    public void Uncontended_lock_and_unlock_allocate_nothing(string board) => AllocationRig.AllocatesNothing(Cycles, () => Uncontended(board));

    private static long Uncontended(string board)
    {
        Scheduler k = AllocationRig.NewKernel(board);
        var m = new RtMutex(k, "m");
        long allocated = -1;
        int failures = 0;
        k.CreateTask("t", 5, () =>
        {
            for (int i = 0; i < Warmup; i++) { m.Lock(); m.Unlock(); }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Cycles; i++)
            {
                if (m.Lock() != KernelStatus.Ok) failures++;
                if (m.Unlock() != KernelStatus.Ok) failures++;
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        AllocationRig.RunToEnd(k);
        Assert.Equal(0, failures);
        Assert.Equal(0, m.System.Counters.SlowLocks);
        return allocated;
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Contended_block_and_handoff_allocate_nothing(string board) => AllocationRig.AllocatesNothing(Cycles, () => PingPong(board, timed: false));

    [Theory]
    [MemberData(nameof(Boards))]
    public void Contended_timed_block_and_handoff_allocate_nothing(string board) => AllocationRig.AllocatesNothing(Cycles, () => PingPong(board, timed: true));

    private static long PingPong(string board, bool timed)
    {
        Scheduler k = AllocationRig.NewKernel(board);
        var m = new RtMutex(k, "m");
        long[] allocated = { -1, -1 };
        int failures = 0;

        void Loop(int who)
        {
            long before = 0;
            for (int i = 0; i < Warmup + Cycles; i++)
            {
                if (i == Warmup) before = GC.GetAllocatedBytesForCurrentThread();
                KernelStatus r = timed ? m.LockTimed(1_000_000, false) : m.Lock();
                if (r != KernelStatus.Ok) failures++;
                if (i == 0 && who == 0) k.Yield();   // let B block on the mutex: contention from here on
                if (m.Unlock() != KernelStatus.Ok) failures++;
            }
            allocated[who] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        k.CreateTask("A", 5, () => Loop(0));
        k.CreateTask("B", 5, () => Loop(1));
        AllocationRig.RunToEnd(k);
        Assert.Equal(0, failures);
        RtMutexCounters c = m.System.Counters;
        Assert.True(c.Handoffs >= 2 * (Warmup + Cycles) - 2, $"expected a hand-off per unlock, got {c.Handoffs}");
        Assert.True(c.Blocks >= 2 * (Warmup + Cycles) - 2, $"expected a block per lock, got {c.Blocks}");
        Assert.Equal(0, c.Steals);
        return allocated[0] + allocated[1];
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Tick_timeout_and_waiter_removal_allocate_nothing(string board) => AllocationRig.AllocatesNothing(Cycles, () => TickTimeout(board));

    private static long TickTimeout(string board)
    {
        Scheduler k = AllocationRig.NewKernel(board);
        var m = new RtMutex(k, "m");
        var go = new KernelEvent(k);
        long[] allocated = { -1, -1 };
        int failures = 0;
        bool done = false;

        k.CreateTask("H", 1, () =>
        {
            long before = 0;
            for (int i = 0; i < Warmup + Cycles; i++)
            {
                if (i == Warmup) before = GC.GetAllocatedBytesForCurrentThread();
                go.Wait(-1);                                                          // L holds m
                if (m.LockTimed(1, false) != KernelStatus.TimedOut) failures++;       // blocks, boosts L, times out on L's tick
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
                if (m.Lock() != KernelStatus.Ok) failures++;
                go.Signal();                                                          // H runs and blocks on m
                k.Busy(1);                                                            // one tick: H's timeout expires
                k.Yield();                                                            // L is boosted to H's level: let H run and give up
                if (m.Unlock() != KernelStatus.Ok) failures++;
            }
            allocated[1] = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        AllocationRig.RunToEnd(k);
        Assert.Equal(0, failures);
        Assert.Equal(Warmup + Cycles, m.System.Counters.Timeouts);
        Assert.Equal(Warmup + Cycles, m.System.Counters.Boosts);
        return allocated[0] + allocated[1];
    }
}
