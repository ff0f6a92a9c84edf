using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Scheduling;

/// <summary>
/// The one wait protocol (docs/spec/scheduler.md §17, Kernel.Scheduler/WaitQueue.cs): a wake, a
/// timeout, an interrupt and a destroy take the waiter out of its wait queue at once (no entry of a
/// task that no longer waits is ever seen); a wake ends only the wait it names; every kernel wait is
/// interruptible (Sleep, Join and KernelEvent.Wait included) and a wait on a destroyed object ends with
/// Destroyed; the scheduler's checker holds every Blocked task to the wait queue of what it waits on.
/// </summary>
public class UnitTestWaitQueue
{
    /// <summary>
    /// L (10) waits 2 ticks on a semaphore, E (10) 2 ticks on an event; H (5) sleeps 2.
    /// 1. Tick 2 expires all three; H, the most urgent, runs first.
    /// 2. H sees both wait queues empty: the timeouts took L and E out at the tick itself, before they ran.
    /// 3. H gives a unit and signals: nobody waits any more, so the count goes up and the signal is stored.
    /// </summary>
    [Fact]
    public void A_timed_out_waiter_leaves_its_wait_queue_at_the_timeout_itself()
    {
        using var s = new SimKernel();
        var sem = new CountingSemaphore(s.K, "sem", 0, 1);
        var ev = new KernelEvent(s.K, "ev");
        KernelStatus rl = KernelStatus.Busy, re = KernelStatus.Busy;
        int semWaiters = -1, evWaiters = -1;
        s.Task("L", 10, () => rl = sem.Take(2));
        s.Task("E", 10, () => re = ev.Wait(2));
        s.Task("H", 5, () =>
        {
            s.K.Sleep(2);
            semWaiters = sem.WaiterCount;
            evWaiters = ev.WaiterCount;
            Assert.Equal(KernelStatus.Ok, sem.Give());
            Assert.Equal(KernelStatus.Ok, ev.Signal());
        });
        s.Run();
        Assert.Equal(1, sem.WaiterCount);
        Assert.Equal(1, ev.WaiterCount);
        s.Ticks(2);
        Assert.Equal(0, semWaiters);
        Assert.Equal(0, evWaiters);
        Assert.Equal(KernelStatus.TimedOut, rl);
        Assert.Equal(KernelStatus.TimedOut, re);
        Assert.Equal(1, sem.Count);
        Assert.True(ev.IsSignaled);
    }

    /// <summary>
    /// L (10) waits on a semaphore without limit; H (5) interrupts it and, before L has run, reads the
    /// semaphore's wait queue: empty (the interrupt took L out), so H's give goes to the count.
    /// </summary>
    [Fact]
    public void An_interrupted_waiter_leaves_its_wait_queue_at_the_interrupt_itself()
    {
        using var s = new SimKernel();
        var sem = new CountingSemaphore(s.K, "sem", 0, 1);
        KernelStatus rl = KernelStatus.Busy;
        int waiters = -1;
        TaskControlBlock l = s.Task("L", 10, () => rl = sem.Take(-1));
        s.Task("H", 5, () =>
        {
            s.K.Sleep(1);
            Assert.Equal(KernelStatus.Ok, s.K.Interrupt(l));
            waiters = sem.WaiterCount;
            Assert.Equal(KernelStatus.Ok, sem.Give());
        });
        s.Ticks(1);
        Assert.Equal(0, waiters);
        Assert.Equal(KernelStatus.Interrupted, rl);
        Assert.Equal(1, sem.Count);
    }

    /// <summary>
    /// A wake ends only the wait it names (docs/spec/scheduler.md §17).
    /// 1. O (20) locks M and sleeps 4; W (10) sleeps 1, then waits 2 ticks for M.
    /// 2. Tick 3: W times out; its rt-mutex waiter is still queued (the rt-mutex's own lazy removal,
    ///    docs/spec/rtmutex.md §5) when the test hook, in W's context, puts W to sleep for 5 ticks.
    /// 3. Tick 4: O unlocks M and hands it to W (its waiter is the top one). That hand-off names W's
    ///    rt-mutex wait, not its sleep: the sleep goes on to tick 8.
    /// 4. Tick 8: W retries, finds itself pending owner and takes M: Ok (the take comes before the
    ///    timeout check).
    /// </summary>
    [Theory, Boards]
    public void A_hand_off_does_not_end_a_sleep_it_was_not_meant_for(string board)
    {
        using var s = new SimKernel(profile: NfRt.Boards.BoardProfiles.Find(board));
        var m = new RtMutex(s.K, "M");
        var hook = new SleepOnWake(s.K, 5);
        m.System.TestHook = hook;
        KernelStatus rw = KernelStatus.Busy;
        s.Task("O", 20, () =>
        {
            Assert.Equal(KernelStatus.Ok, m.Lock());
            s.K.Sleep(4);
            Assert.Equal(KernelStatus.Ok, m.Unlock());
        });
        TaskControlBlock w = s.Task("W", 10, () => { s.K.Sleep(1); rw = m.LockTimed(2, false); m.Unlock(); });
        hook.Target = w;
        s.Ticks(10);
        Assert.Equal(KernelStatus.Ok, hook.SleepResult);
        Assert.Equal((3L, 8L), (hook.SleptAt, hook.WokeAt));
        Assert.Equal(KernelStatus.Ok, rw);
        Assert.Null(m.OwnerTask);
    }

    /// <summary>The test hook of the test above: the first wake-up of <see cref="Target"/> sleeps there.</summary>
    private sealed class SleepOnWake : IRtMutexTestHook
    {
        private readonly Scheduler _k;
        private readonly int _ticks;
        public TaskControlBlock Target;
        public long SleptAt = -1, WokeAt = -1;
        public KernelStatus SleepResult = KernelStatus.Busy;

        public SleepOnWake(Scheduler k, int ticks) { _k = k; _ticks = ticks; }

        public void OnBlocked(TaskControlBlock task, RtMutex mutex) { }

        public void OnWoken(TaskControlBlock task, RtMutex mutex)
        {
            if (task != Target || SleptAt >= 0) return;
            SleptAt = _k.Now;
            SleepResult = _k.Sleep(_ticks);
            WokeAt = _k.Now;
        }
    }

    /// <summary>
    /// Every kernel wait is interruptible (docs/spec/scheduler.md §19): a Sleep, a Join and an event
    /// wait each end at once with Interrupted; the joined task is not disturbed.
    /// </summary>
    [Fact]
    public void Sleep_join_and_event_waits_are_interruptible()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K, "ev");
        KernelStatus rs = KernelStatus.Busy, rj = KernelStatus.Busy, re = KernelStatus.Busy;
        long sleptUntil = -1;
        TaskControlBlock target = s.Task("T", 20, () => s.K.Sleep(50));
        TaskControlBlock sleeper = s.Task("S", 10, () => { rs = s.K.Sleep(100); sleptUntil = s.K.Now; });
        TaskControlBlock joiner = s.Task("J", 10, () => rj = s.K.Join(target));
        TaskControlBlock waiter = s.Task("E", 10, () => re = ev.Wait(-1));
        s.Ticks(1);
        Assert.True(sleeper.Interruptible && joiner.Interruptible && waiter.Interruptible);
        Assert.Equal(KernelStatus.Ok, s.K.Interrupt(sleeper));
        Assert.Equal(KernelStatus.Ok, s.K.Interrupt(joiner));
        Assert.Equal(KernelStatus.Ok, s.K.Interrupt(waiter));
        s.Run();
        Assert.Equal((KernelStatus.Interrupted, KernelStatus.Interrupted, KernelStatus.Interrupted), (rs, rj, re));
        Assert.Equal(1L, sleptUntil);
        Assert.Equal(TaskState.Delayed, target.State);
        Assert.Equal(0, ev.WaiterCount);
        Assert.Equal(KernelStatus.WrongState, s.K.Interrupt(sleeper));   // dead now: in no wait
    }

    /// <summary>
    /// The scheduler's checker holds every task to the wait protocol (docs/spec/scheduler.md §26): a
    /// Blocked task taken out of its semaphore's queue behind the kernel's back is "in none of its wait
    /// lists"; a queued task made to name another object is in the wrong queue; a queued task no longer
    /// Blocked is reported too. Each corruption is undone after it is seen.
    /// </summary>
    [Fact]
    public void The_checker_holds_every_blocked_task_to_the_queue_of_what_it_waits_on()
    {
        using var s = new SimKernel();
        var sem = new CountingSemaphore(s.K, "sem", 0, 1);
        var ev = new KernelEvent(s.K, "ev");
        TaskControlBlock a = s.Task("A", 10, () => sem.Take(-1));
        s.Run();
        s.K.CheckInvariants();
        PriorityList q = a.WaitNode.List;
        Assert.Same(sem, q.Owner);

        q.Remove(a.WaitNode);
        var e = Assert.Throws<KernelFaultException>(() => s.K.CheckInvariants());
        Assert.Contains("A blocked on sem but in none of its wait lists", e.Message);
        q.Add(a.WaitNode, a.EffectivePriority);

        a.waitingOn = ev;
        e = Assert.Throws<KernelFaultException>(() => s.K.CheckInvariants());
        Assert.Contains("A is in the wait queue of sem but waits on ev", e.Message);
        a.waitingOn = sem;

        a.state = TaskState.Suspended;
        e = Assert.Throws<KernelFaultException>(() => s.K.CheckInvariants());
        Assert.Contains("A is Suspended but still has a wait", e.Message);
        a.state = TaskState.Blocked;

        s.K.CheckInvariants();
        Assert.Equal(KernelStatus.Ok, sem.Give());
        s.Run();
        Assert.Equal(TaskState.Dead, a.State);
    }

    /// <summary>
    /// A 0-tick wait never blocks, so it is allowed anywhere and answers TimedOut (docs/spec/scheduler.md §17):
    /// from the driver (the idle task), an event wait of 0 ticks is TimedOut, of -1 WrongContext; a stored
    /// signal is consumed from anywhere.
    /// </summary>
    [Fact]
    public void A_zero_tick_wait_is_timed_out_anywhere_and_a_blocking_one_refused_from_the_idle_task()
    {
        using var s = new SimKernel();
        var ev = new KernelEvent(s.K, "ev");
        Assert.Equal(KernelStatus.TimedOut, ev.Wait(0));
        Assert.Equal(KernelStatus.WrongContext, ev.Wait(-1));
        Assert.Equal(KernelStatus.WrongContext, s.K.Sleep(1));
        Assert.Equal(KernelStatus.Ok, ev.Signal());
        Assert.Equal(KernelStatus.Ok, ev.Wait(-1));
        Assert.Equal(0, ev.WaiterCount);
    }
}
