using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace UnitTests.Faults;

/// <summary>
/// Kernel calls belong to the current task's thread (or the driver's while idle). An async task body
/// is refused at creation (the compiler marks it with its state-machine attribute), and a kernel call
/// from any other thread — an async continuation on a thread-pool thread, a thread the application
/// started itself — returns <see cref="KernelStatus.WrongContext"/>, changes nothing, does not throw,
/// and is counted in <see cref="Scheduler.ForeignCalls"/>.
/// </summary>
public class UnitTestForeignThreads
{
    [Fact]
    public void An_async_task_body_is_refused_at_creation()
    {
        using var s = new SimKernel();
        var t = s.K.CreateTask("async", 3, async () => { await Task.Yield(); s.K.Sleep(1); }, TaskOptions.None, 0, out var error);
        Assert.Null(t);
        Assert.Equal(KernelStatus.AsyncBody, error);
        Assert.Equal(0, s.K.TaskCount);
    }

    [Fact]
    public void Kernel_calls_from_a_foreign_thread_are_refused_without_changing_state()
    {
        using var s = new SimKernel();
        var m = new RtMutex(s.K, "m");
        var ev = new KernelEvent(s.K);
        var t = s.Task("t", 3, () => ev.Wait(-1));
        s.Run();
        var results = new List<KernelStatus>();
        bool tryLock = true;
        Exception thrown = null;
        var foreign = new Thread(() =>
        {
            try
            {
                results.Add(m.Lock());
                tryLock = m.TryLock();
                results.Add(m.Unlock());
                results.Add(s.K.Sleep(1));
                results.Add(s.K.Yield());
                results.Add(ev.Signal());
                results.Add(s.K.SetPriority(t, 1));
                results.Add(s.K.Checkpoint());
            }
            catch (Exception e) { thrown = e; }
        });
        foreign.Start();
        foreign.Join();
        Assert.Null(thrown);
        Assert.All(results, r => Assert.Equal(KernelStatus.WrongContext, r));
        Assert.False(tryLock);
        Assert.Null(m.OwnerTask);
        Assert.Equal(0, m.OwnerWord);
        Assert.Equal(TaskState.Blocked, t.State);
        Assert.Equal(3, t.NormalPriority);
        Assert.Equal(8, s.K.ForeignCalls);
        Assert.Equal(KernelStatus.Ok, ev.Signal());    // the driver's own calls still work
        s.Run();
        Assert.Equal(TaskState.Dead, t.State);
    }
}
