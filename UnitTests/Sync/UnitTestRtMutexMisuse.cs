using NfRt.Kernel;
using UnitTests.Support;

namespace UnitTests.Sync;

/// <summary>
/// Misuse (docs/spec/rtmutex.md §12, architecture "bad input gets a clear, typed error and changes nothing"):
/// every rejected call returns its typed error and leaves owner words, wait lists, priorities,
/// task states and counters (but Misuse) exactly as they were.
/// </summary>
public class UnitTestRtMutexMisuse
{
    /// <summary>
    /// Tasks O (20), W (10), N (15); mutexes m, f (stays free), d (destroyed).
    /// 1. N unlocks the free f                 → InvalidArgument, nothing changes.
    /// 2. O locks m; W blocks                  → owner O, waiters W; O 10.
    /// 3. N (not the owner) unlocks m          → NotOwner, nothing changes.
    /// 4. The driver (idle) unlocks m          → NotOwner; locks m → WrongContext; nothing changes.
    /// 5. N LockTimed(m, -1)                   → InvalidArgument, nothing changes.
    /// 6. O unlocks: W is pending owner (paused); W unlocks m before completing the take
    ///                                         → NotOwner, nothing changes; W resumes → owner W; O 20.
    /// </summary>
    [Theory, Boards]
    public void Unlock_by_a_non_owner_or_pending_owner_or_of_a_free_mutex_changes_nothing(string board)
    {
        using var r = new RtMutexRig(board);
        var o = r.Task("O", 20); var w = r.Task("W", 10); var n = r.Task("N", 15);
        var m = r.Mutex("m"); var f = r.Mutex("f");
        r.Start();

        string before = r.Snapshot();
        n.Do(() => f.Unlock());
        Assert.Equal(KernelStatus.InvalidArgument, n.LastResult);
        Assert.Equal(before, r.Snapshot());
        r.Free(f); r.Prio(20, 10, 15); r.Counters();
        Assert.Equal(1, r.C.Misuse);

        o.Do(() => m.Lock()); w.Do(() => m.Lock());
        r.Owner(m, o, w); r.Prio(10, 10, 15); r.Counters(boosts: 1);

        before = r.Snapshot();
        n.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.NotOwner, n.LastResult);
        Assert.Equal(before, r.Snapshot());
        r.Owner(m, o, w); r.Prio(10, 10, 15); r.Counters(boosts: 1);
        Assert.Equal(2, r.C.Misuse);

        Assert.Equal(KernelStatus.NotOwner, m.Unlock());
        Assert.Equal(KernelStatus.WrongContext, m.Lock());
        Assert.False(m.TryLock());
        Assert.Equal(before, r.Snapshot());
        r.Owner(m, o, w); r.Prio(10, 10, 15); r.Counters(boosts: 1);
        Assert.Equal(3, r.C.Misuse);

        n.Do(() => m.LockTimed(-1, false));
        Assert.Equal(KernelStatus.InvalidArgument, n.LastResult);
        Assert.Equal(before, r.Snapshot());
        r.Owner(m, o, w); r.Prio(10, 10, 15); r.Counters(boosts: 1);

        w.PauseAfterWake = true;
        o.Do(() => m.Unlock());
        r.PendingOwner(m, w); r.Prio(20, 10, 15); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);
        before = r.Snapshot();
        w.Do(() => m.Unlock());
        Assert.Equal(KernelStatus.NotOwner, w.LastResult);
        Assert.Equal(before, r.Snapshot());
        r.PendingOwner(m, w); r.Prio(20, 10, 15); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);
        Assert.Equal(4, r.C.Misuse);

        w.Resume();
        Assert.Equal(KernelStatus.Ok, w.LastResult);
        r.Owner(m, w); r.Prio(20, 10, 15); r.Counters(boosts: 1, deboosts: 1, handoffs: 1);
        r.Finish();
    }

    /// <summary>
    /// Tasks N (15), O (20); mutexes d, m (owned by O, to show other state is untouched).
    /// 1. N locks and unlocks d, destroys it   → Ok; d's owner word is the DESTROYED marker.
    /// 2. N calls Lock, Lock(detect), LockInterruptible, LockTimed → Destroyed each; TryLock → false;
    ///    Unlock → Destroyed; Destroy → Destroyed. Nothing changes; Misuse counts the lock and unlock calls (5).
    /// </summary>
    [Theory, Boards]
    public void Use_after_destroy_is_rejected_without_state_change(string board)
    {
        using var r = new RtMutexRig(board);
        var n = r.Task("N", 15); var o = r.Task("O", 20);
        var d = r.Mutex("d"); var m = r.Mutex("m");
        r.Start();

        o.Do(() => m.Lock());
        n.Do(() => d.Lock()); n.Do(() => d.Unlock()); n.Do(() => d.Destroy());
        Assert.Equal(KernelStatus.Ok, n.LastResult);
        Assert.True(d.IsDestroyed);
        Assert.Equal(NfRt.Sync.RtMutex.DestroyedWord, d.OwnerWord);
        Assert.Null(d.OwnerTask);
        r.Owner(m, o); r.Prio(15, 20); r.Counters();

        string before = r.Snapshot();
        int results = n.Results.Count;
        n.Do(() => d.Lock());
        n.Do(() => d.Lock(true));
        n.Do(() => d.LockInterruptible(true));
        n.Do(() => d.LockTimed(3, false));
        n.DoTry(() => d.TryLock());
        n.Do(() => d.Unlock());
        n.Do(() => d.Destroy());
        Assert.Equal(new[] { KernelStatus.Destroyed, KernelStatus.Destroyed, KernelStatus.Destroyed, KernelStatus.Destroyed,
                             KernelStatus.Busy, KernelStatus.Destroyed, KernelStatus.Destroyed }, n.Results.Skip(results));
        Assert.Equal(before, r.Snapshot());
        Assert.True(d.IsDestroyed);
        Assert.Equal(0, d.WaiterCount);
        r.Owner(m, o); r.Prio(15, 20); r.Counters();
        Assert.Equal(5, r.C.Misuse);
        r.Finish();
    }
}
