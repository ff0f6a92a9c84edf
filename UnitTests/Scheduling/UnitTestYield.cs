using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>
/// Yield hands the CPU only to a ready task of the same or a more urgent priority; with none,
/// the caller keeps running and the kernel stays consistent (it is not left in its own ready queue).
/// </summary>
public class UnitTestYield
{
    /// <summary>
    /// 1. T is the only task and yields: it keeps running, state Running, not in the ready queue.
    /// 2. T sleeps 3 ticks: it really sleeps (it used to "switch to itself" and return at once).
    /// </summary>
    [Fact]
    public void Yield_with_nothing_else_ready_keeps_running_and_a_later_sleep_still_sleeps()
    {
        using var s = new SimKernel();
        TaskControlBlock t = null;
        t = s.Task("T", 5, () =>
        {
            s.K.Yield();
            s.Log.Add("after yield " + t.State);
            s.K.CheckInvariants();
            long t0 = s.K.Now;
            s.K.Sleep(3);
            s.Log.Add("slept " + (s.K.Now - t0));
        });
        s.Run();
        Assert.Equal(new[] { "after yield Running" }, s.Log);
        Assert.Equal(TaskState.Delayed, t.State);
        s.Ticks(3);
        Assert.Equal(new[] { "after yield Running", "slept 3" }, s.Log);
    }

    /// <summary>
    /// T (5) yields while only the less urgent L (9) is ready: T keeps the CPU.
    /// 1. T1, yield, T2 (no switch), then T sleeps 1 tick: L runs.
    /// 2. Tick 1: T wakes and finishes.
    /// </summary>
    [Fact]
    public void Yield_does_not_hand_the_cpu_to_a_less_urgent_task()
    {
        using var s = new SimKernel();
        s.Task("T", 5, () =>
        {
            s.Log.Add("T1");
            s.K.Yield();
            s.Log.Add("T2");
            s.K.Sleep(1);
            s.Log.Add("T3@" + s.K.Now);
        });
        s.Task("L", 9, () => s.Log.Add("L@" + s.K.Now));
        s.Run();
        s.Ticks(1);
        Assert.Equal(new[] { "T1", "T2", "L@0", "T3@1" }, s.Log);
        Assert.Equal(new[] { 1, 2, 1 }, s.Trace.SwitchOrder());
    }

    /// <summary>Sleep(0) is a yield: same rules.</summary>
    [Fact]
    public void Sleep_zero_alone_keeps_running()
    {
        using var s = new SimKernel();
        TaskControlBlock t = null;
        t = s.Task("T", 5, () =>
        {
            Assert.Equal(KernelStatus.Ok, s.K.Sleep(0));
            s.Log.Add("state " + t.State);
            s.K.Sleep(2);
            s.Log.Add("woke@" + s.K.Now);
        });
        s.Run();
        s.Ticks(2);
        Assert.Equal(new[] { "state Running", "woke@2" }, s.Log);
    }

    /// <summary>Equal priorities: Yield goes behind every ready equal (A B A B).</summary>
    [Fact]
    public void Yield_goes_behind_ready_equals()
    {
        using var s = new SimKernel();
        s.Task("A", 5, () => { s.Log.Add("A1"); s.K.Yield(); s.Log.Add("A2"); });
        s.Task("B", 5, () => { s.Log.Add("B1"); s.K.Yield(); s.Log.Add("B2"); });
        s.Run();
        Assert.Equal(new[] { "A1", "B1", "A2", "B2" }, s.Log);
    }

    /// <summary>
    /// The ready set shrinks between the yield and the reschedule:
    /// 1. T and E at priority 5; T raises line 5 (pending) and yields: T goes behind E.
    /// 2. At the end of Yield the pending ISR suspends E: nobody is ahead of T any more.
    /// 3. T keeps the CPU (Running, out of the ready queue) and a later Sleep(2) really sleeps.
    /// </summary>
    [Fact]
    public void Yielder_keeps_the_cpu_when_an_isr_suspends_the_task_it_yielded_to()
    {
        using var s = new SimKernel();
        TaskControlBlock t = null, e = null;
        s.K.SetIrqHandler(5, new ActionIrqHandler((k, irq) => Assert.Equal(KernelStatus.Ok, k.Suspend(e))));
        t = s.Task("T", 5, () =>
        {
            s.Board.Irq.Raise(5);
            s.K.Yield();
            s.Log.Add("T " + t.State + " " + e.State);
            s.K.Sleep(2);
            s.Log.Add("T woke@" + s.K.Now);
        });
        e = s.Task("E", 5, () => s.Log.Add("E"));
        s.Run();
        s.Ticks(2);
        Assert.Equal(new[] { "T Running Suspended", "T woke@2" }, s.Log);
        Assert.Equal(new[] { 1, 1 }, s.Trace.SwitchOrder());   // start, and the wake at tick 2: E never ran
    }

    /// <summary>Three equals yield twice each: the yielder goes behind both others every time (A B C A B C A B C).</summary>
    [Fact]
    public void Three_equals_rotate_on_yield()
    {
        using var s = new SimKernel();
        foreach (var n in new[] { "A", "B", "C" })
            s.Task(n, 5, () => { s.Log.Add(n + "1"); s.K.Yield(); s.Log.Add(n + "2"); s.K.Yield(); s.Log.Add(n + "3"); });
        s.Run();
        Assert.Equal(new[] { "A1", "B1", "C1", "A2", "B2", "C2", "A3", "B3", "C3" }, s.Log);
        Assert.Equal(new[] { 1, 2, 3, 1, 2, 3, 1, 2, 3 }, s.Trace.SwitchOrder());
    }

    /// <summary>
    /// A cooperative task is not preempted by a more urgent task it makes ready, but its yield hands the CPU to it:
    /// 1. C (5, cooperative) creates U (1) and E (5): neither runs yet.
    /// 2. C yields: U runs first (more urgent), then E (C went behind it), then C.
    /// </summary>
    [Fact]
    public void Cooperative_yield_runs_the_more_urgent_task_first_then_its_equals()
    {
        using var s = new SimKernel();
        s.Task("C", 5, () =>
        {
            s.Task("U", 1, () => s.Log.Add("U"));
            s.Task("E", 5, () => s.Log.Add("E"));
            s.Log.Add("C1");
            s.K.Yield();
            s.Log.Add("C2");
        }, TaskOptions.Cooperative);
        s.Run();
        Assert.Equal(new[] { "C1", "U", "E", "C2" }, s.Log);
    }

    /// <summary>
    /// A yield keeps the CPU with a fresh slice when nothing of its priority is ready; with an equal ready the
    /// yielder's slice is spent and the equal starts a fresh one (slice 3 ticks).
    /// </summary>
    [Fact]
    public void Yield_gives_a_fresh_slice_to_whoever_runs_next()
    {
        using var s = new SimKernel(timeSlice: 3);
        TaskControlBlock a = null, b = null;
        a = s.Task("A", 5, () =>
        {
            s.K.Busy(1);
            s.Log.Add("A busy " + a.SliceLeft);
            s.K.Yield();                              // alone: keeps the CPU
            s.Log.Add("A alone " + a.SliceLeft);
            b = s.Task("B", 5, () => s.Log.Add("B " + b.SliceLeft), TaskOptions.None, 3);
            s.K.Yield();                              // B runs, A waits behind it
            s.Log.Add("A back " + a.SliceLeft);
        }, TaskOptions.None, 3);
        s.Run();
        Assert.Equal(new[] { "A busy 2", "A alone 3", "B 3", "A back 3" }, s.Log);
    }
}
