using NfRt.Kernel;
using NfRt.Scheduling;

namespace UnitTests.Faults;

/// <summary>
/// A task's exit hook (the rt-mutex's release of what the task still owns) that fails — on a board, with
/// the heap full, the hook's first call needs a stack frame and throws OutOfMemoryException — never ends
/// the task's thread with the task still current (the CPU with nobody, the driver waiting until the
/// watchdog, an uncaught exception in the runtime). The exit completes and the driver learns it:
/// TaskFaulted, LastFault names the task, its Fault is the exception unless its body had already faulted
/// (docs/spec/scheduler.md §20). The real heap exhaustion on nanoCLR is DeviceTests' UnitTestExitOutOfMemory.
/// </summary>
public class UnitTestExitOutOfMemory
{
    /// <summary>The sync layer of a kernel without rt-mutexes, whose exit hook fails like a full heap.</summary>
    private sealed class FailingExitLayer : ISyncLayer
    {
        private readonly Scheduler _k;
        internal readonly bool FailMasked;
        internal int Calls;          // every call, the kernel's second run of a failed hook included
        internal int FailuresLeft;   // fail this many calls, then succeed

        internal FailingExitLayer(Scheduler k, bool failMasked, int failures = int.MaxValue)
        {
            _k = k;
            FailMasked = failMasked;
            FailuresLeft = failures;
        }

        void ITaskExitHook.OnTaskExiting(TaskControlBlock task)
        {
            Calls++;
            if (FailuresLeft == 0) return;
            FailuresLeft--;
            if (FailMasked) _k.Enter();   // the rt-mutex's release runs masked: it can fail inside its section
            throw new OutOfMemoryException("no frame for the exit hook");
        }

        void IPriorityChangeHook.OnBlockedTaskPriorityChanged(TaskControlBlock task) { }
    }

    /// <summary>
    /// 1. "t" (5) waits on an event; "j" (6) joins it; "after" (7) waits on the same event.
    /// 2. Signal: t ends, its exit hook throws OutOfMemoryException (unmasked, then masked in the second
    ///    case). RunUntilIdle returns TaskFaulted naming t, whose Fault is that exception; t is Dead with
    ///    its thread ended; j's join returned Ok; a TaskFault event names t; interrupts are enabled.
    /// 3. The kernel goes on: the next call reports j (its exit failed the same way), the one after is Ok;
    ///    the next signal runs "after" (TaskFaulted again), then Ok, and Shutdown is Ok.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_exit_hook_out_of_heap_completes_the_exit_and_is_the_tasks_fault(bool failMasked)
    {
        var s = new SimKernel(watchdogMs: 2000);   // not disposed: Dispose rethrows the faults this test expects
        var layer = new FailingExitLayer(s.K, failMasked);
        s.K.SyncLayer = layer;
        var ev = new KernelEvent(s.K);
        var t = s.Task("t", 5, () => { ev.Wait(-1); s.Log.Add("t ends"); });
        s.Task("j", 6, () => { s.Log.Add("join " + s.K.Join(t)); });
        var after = s.Task("after", 7, () => { ev.Wait(-1); s.Log.Add("after ends"); });
        Assert.Equal(KernelStatus.Ok, s.K.RunUntilIdle());

        Assert.Equal(KernelStatus.Ok, ev.Signal());
        Assert.Equal(KernelStatus.TaskFaulted, s.K.RunUntilIdle());
        Assert.Same(t, s.K.LastFault);
        Assert.IsType<OutOfMemoryException>(t.Fault);
        Assert.Equal(TaskState.Dead, t.State);
        Assert.True(JoinThread(s, t), "t's thread did not end");
        Assert.Equal(new[] { "t ends", "join Ok" }, s.Log);
        Assert.Contains(s.Trace.Events, e => e.Kind == TraceKind.TaskFault && e.Task == t.Id);
        Assert.False(s.Board.Irq.IsMasked);

        Assert.Equal(KernelStatus.TaskFaulted, s.K.RunUntilIdle());   // j's exit failed the same way: the next call reports it
        Assert.Equal("j", s.K.LastFault.Name);
        Assert.Equal(KernelStatus.Ok, s.K.RunUntilIdle());
        Assert.Equal(KernelStatus.Ok, ev.Signal());
        Assert.Equal(KernelStatus.TaskFaulted, s.K.RunUntilIdle());
        Assert.Same(after, s.K.LastFault);
        Assert.Equal(TaskState.Dead, after.State);
        Assert.Equal(failMasked ? 3 : 6, layer.Calls);   // unmasked, each failed hook ran once more (and failed again)
        Assert.Equal(KernelStatus.Ok, s.K.RunUntilIdle());
        Assert.Equal(KernelStatus.Ok, s.K.Shutdown());
    }

    /// <summary>A body that already threw keeps its own exception as its Fault; the exit still completes and is reported once.</summary>
    [Fact]
    public void A_faulted_body_keeps_its_fault_when_the_exit_hook_also_fails()
    {
        var s = new SimKernel(watchdogMs: 2000);   // not disposed: Dispose rethrows the faults this test expects
        s.K.SyncLayer = new FailingExitLayer(s.K, false);
        var bad = s.Task("bad", 5, () => throw new InvalidOperationException("sensor gone"));
        Assert.Equal(KernelStatus.TaskFaulted, s.K.RunUntilIdle());
        Assert.Same(bad, s.K.LastFault);
        Assert.IsType<InvalidOperationException>(bad.Fault);
        Assert.Equal(TaskState.Dead, bad.State);
        Assert.Equal(KernelStatus.Ok, s.K.RunUntilIdle());
        Assert.Equal(KernelStatus.Ok, s.K.Shutdown());
    }

    /// <summary>
    /// The exit reserve (Scheduler.ExitReserve.cs): held from the first run call of a kernel with an exit hook; a
    /// failed hook drops it and runs once more (here it then succeeds, as on a board where the reserve's bytes
    /// gave it its frames); the task's fault is still the exception; the next run call makes the reserve again,
    /// and so after a CreateTask (which shares its field). A kernel without an exit hook holds none.
    /// </summary>
    [Fact]
    public void A_failed_hook_runs_again_on_the_exit_reserve_which_the_next_run_call_makes_again()
    {
        var s = new SimKernel(watchdogMs: 2000);
        Assert.Equal(KernelStatus.Ok, s.K.RunUntilIdle());
        Assert.False(s.K.HoldsExitReserve);                     // no exit hook: no reserve
        var layer = new FailingExitLayer(s.K, false, failures: 1);
        s.K.SyncLayer = layer;
        var ev = new KernelEvent(s.K);
        var t = s.Task("t", 5, () => ev.Wait(-1));
        Assert.False(s.K.HoldsExitReserve);
        Assert.Equal(KernelStatus.Ok, s.K.RunUntilIdle());
        Assert.True(s.K.HoldsExitReserve);
        Assert.Equal(KernelStatus.Ok, ev.Signal());
        Assert.Equal(KernelStatus.TaskFaulted, s.K.RunUntilIdle());
        Assert.Same(t, s.K.LastFault);
        Assert.IsType<OutOfMemoryException>(t.Fault);
        Assert.Equal(2, layer.Calls);                            // failed, then ran again and finished
        Assert.False(s.K.HoldsExitReserve);                     // used by that exit
        Assert.Equal(KernelStatus.Ok, s.K.RunUntilIdle());
        Assert.True(s.K.HoldsExitReserve);                      // made again
        var u = s.Task("u", 5, () => { });
        Assert.False(s.K.HoldsExitReserve);                     // CreateTask's own reserve replaced it
        Assert.Equal(KernelStatus.Ok, s.K.RunUntilIdle());      // a hook that works: no fault
        Assert.Null(u.Fault);
        Assert.Equal(3, layer.Calls);
        Assert.True(s.K.HoldsExitReserve);
        Assert.Equal(KernelStatus.Ok, s.K.Shutdown());
    }

    /// <summary>A kernel with an rt-mutex holds the exit reserve from its first run call on; the hook then releases what an ending task owns.</summary>
    [Fact]
    public void A_kernel_with_an_rt_mutex_holds_the_exit_reserve_from_its_first_run_call()
    {
        using var s = new SimKernel();
        var m = new NfRt.Sync.RtMutex(s.K, "m");
        Assert.False(s.K.HoldsExitReserve);
        s.Task("t", 5, () => { m.Lock(); });                    // ends owning m: the hook releases it
        s.Run();
        Assert.True(s.K.HoldsExitReserve);
        Assert.Null(m.OwnerTask);
        Assert.Equal(1, m.System.Counters.ReleasedOnExit);
    }

    private static bool JoinThread(SimKernel s, TaskControlBlock t)
    {
        for (int i = 0; i < 200 && s.K.IsTaskThreadAlive(t.Id); i++) Thread.Sleep(10);
        return !s.K.IsTaskThreadAlive(t.Id);
    }
}
