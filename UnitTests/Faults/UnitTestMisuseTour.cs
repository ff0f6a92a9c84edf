using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using NfRt.Simulator;
using NfRt.Sync;

namespace UnitTests.Faults;

/// <summary>
/// Issue 10's "done when", as one program: a user tries every misuse in turn on one kernel; each ends
/// with a clear one-line message (from the status table or the simulator's kernel report), nothing
/// hangs or crashes, and the kernel still runs a task correctly at the end.
/// </summary>
public class UnitTestMisuseTour
{
    [Fact]
    public void A_program_trying_every_misuse_ends_normally_with_a_message_for_each()
    {
        var messages = new List<string>();
        var s = new SimKernel(watchdogMs: 150);   // not disposed: Dispose would rethrow the deliberate fault
        var k = s.K;
        var m = new RtMutex(k, "bus");

        // 1. A task body that throws.
        s.Task("thrower", 3, () => throw new InvalidOperationException("sensor gone"));
        var r = k.RunUntilIdle();
        messages.Add(KernelReport.Describe(k, r, "RunUntilIdle"));
        Assert.Equal(KernelStatus.TaskFaulted, r);

        // 2. A task that never blocks: AdvanceTicks still returns at the requested tick.
        bool stopHog = false;
        s.Task("hog", 4, () => { while (!Volatile.Read(ref stopHog)) k.Busy(1); });
        long start = k.Now;
        Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(10));
        Assert.Equal(start + 10, k.Now);
        messages.Add($"AdvanceTicks(10) with a task that never blocks returned at tick {k.Now}");
        Volatile.Write(ref stopHog, true);
        Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(1));

        // 3. A task that spins without kernel calls: the watchdog names it, stuck.
        bool release = false;
        s.Task("spinner", 3, () => { while (!Volatile.Read(ref release)) { } k.Sleep(1); });
        r = k.AdvanceTicks(2);
        messages.Add(KernelReport.Describe(k, r, "AdvanceTicks"));
        Assert.Equal(KernelStatus.WatchdogExpired, r);
        Assert.True(k.WatchdogTaskStuck);
        Volatile.Write(ref release, true);
        for (int i = 0; i < 300 && (r = k.AdvanceTicks(1)) == KernelStatus.WatchdogExpired; i++) Thread.Sleep(5);
        Assert.Equal(KernelStatus.Ok, r);

        // 4. An async task body.
        Assert.Null(k.CreateTask("async", 3, async () => { await Task.Yield(); }, TaskOptions.None, 0, out var err));
        messages.Add("CreateTask: " + StatusText.Explain(err));
        Assert.Equal(KernelStatus.AsyncBody, err);

        // 5. A kernel call from a foreign thread (what an await continuation does).
        KernelStatus foreign = KernelStatus.Ok;
        var t = new Thread(() => foreign = m.Lock());
        t.Start();
        t.Join();
        messages.Add("RtMutex.Lock from a foreign thread: " + StatusText.Explain(foreign));
        Assert.Equal(KernelStatus.WrongContext, foreign);
        Assert.Null(m.OwnerTask);

        // 6. A second kernel on the same board, a second pool for one board, bad arguments.
        messages.Add(Assert.Throws<ArgumentException>(() => new Scheduler(new KernelConfig(), s.Board)).Message);
        BoardPool.For(s.Board);
        messages.Add(Assert.Throws<ArgumentException>(() => BoardPool.For(s.Board)).Message);
        messages.Add(Assert.ThrowsAny<ArgumentException>(() => new SimulatedBoard(BoardProfiles.Stm32, -1)).Message);
        Assert.Equal(KernelStatus.InvalidArgument, k.SetPriority(null, 3));
        messages.Add("SetPriority(null): " + StatusText.Explain(KernelStatus.InvalidArgument));

        // The kernel still works: a task locks the mutex, sleeps, unlocks, and ends.
        bool done = false;
        s.Task("after", 2, () => { Assert.Equal(KernelStatus.Ok, m.Lock()); k.Sleep(2); Assert.Equal(KernelStatus.Ok, m.Unlock()); done = true; });
        Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(3));
        Assert.True(done);
        Assert.Null(m.OwnerTask);

        Assert.Equal(9, messages.Count);                 // one per misuse
        Assert.All(messages, msg => Assert.False(string.IsNullOrWhiteSpace(msg)));
        Assert.Contains(messages, msg => msg.Contains("thrower") && msg.Contains("sensor gone"));
        Assert.Contains(messages, msg => msg.Contains("spinner") && msg.Contains("has not reached a kernel call"));
        Assert.Contains(messages, msg => msg.Contains("async") && msg.Contains("synchronous"));
        Assert.Contains(messages, msg => msg.Contains("await"));
        Assert.Equal(KernelStatus.Ok, k.Shutdown());
    }

    [Fact]
    public void Every_status_has_a_meaning()
    {
        foreach (KernelStatus st in Enum.GetValues<KernelStatus>())
            Assert.DoesNotContain("unknown", StatusText.Meaning(st));
    }
}
