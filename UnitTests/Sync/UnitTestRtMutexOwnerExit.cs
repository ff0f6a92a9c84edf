using NfRt.Kernel;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>A task that ends while owning rt-mutexes releases them: its waiters never hang on a dead owner.</summary>
public class UnitTestRtMutexOwnerExit
{
    /// <summary>
    /// 1. L (20) locks A and B, sleeps; H (5) blocks on A, M (10) blocks on B: L boosted to 5.
    /// 2. L's body returns without unlocking: A goes to H, B to M (each as pending owner, then owned);
    ///    L is dead and no longer boosted; the counter says two mutexes were released on exit.
    /// </summary>
    [Fact]
    public void Exiting_owner_hands_every_held_mutex_to_its_top_waiter()
    {
        using var s = new SimKernel();
        var a = new RtMutex(s.K, "A");
        var b = new RtMutex(s.K, "B");
        TaskControlBlock low = null;
        low = s.Task("L", 20, () => { a.Lock(); b.Lock(); s.K.Sleep(2); s.Log.Add("L exits holding A and B"); });
        s.Task("H", 5, () => { s.K.Sleep(1); Assert.Equal(KernelStatus.Ok, a.Lock()); s.Log.Add("H owns A"); a.Unlock(); });
        s.Task("M", 10, () => { s.K.Sleep(1); Assert.Equal(KernelStatus.Ok, b.Lock()); s.Log.Add("M owns B"); b.Unlock(); });
        s.Run();
        s.Ticks(1);
        Assert.Equal(5, low.EffectivePriority);
        s.Ticks(1);
        Assert.Equal(new[] { "L exits holding A and B", "H owns A", "M owns B" }, s.Log);
        Assert.Equal(TaskState.Dead, low.State);
        Assert.Equal(20, low.EffectivePriority);
        Assert.Null(a.OwnerTask);
        Assert.Null(b.OwnerTask);
        Assert.Equal(2, a.System.Counters.ReleasedOnExit);
    }
}
