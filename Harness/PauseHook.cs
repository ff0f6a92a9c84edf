using NfRt.Kernel;
using NfRt.Sync;

namespace NfRt.Harness;

/// <summary>
/// The rt-mutex test hook of the harness (the rt-tester's schedule_rt_mutex hook): records every
/// "blocked" (masked: state only) and "woken" notification, forwards both to optional listeners,
/// and pauses a registered <see cref="LockstepTask"/> after a wake-up when its
/// <see cref="LockstepTask.PauseAfterWake"/> is armed. Install it with
/// <c>RtMutexSystem.Of(kernel).TestHook = hook</c>.
/// </summary>
public sealed class PauseHook : IRtMutexTestHook
{
    private readonly Dictionary<TaskControlBlock, LockstepTask> _tasks = new();

    /// <summary>(task, mutex) of every OnBlocked call, in order.</summary>
    public readonly List<(TaskControlBlock Task, RtMutex Mutex)> Blocked = new();

    /// <summary>(task, mutex) of every OnWoken call, in order.</summary>
    public readonly List<(TaskControlBlock Task, RtMutex Mutex)> Woken = new();

    /// <summary>Called inside the critical section when a task blocks: record state only, never call the kernel.</summary>
    public Action<TaskControlBlock, RtMutex> OnBlockedListener;

    /// <summary>Called in the woken task's context before it retries (before any armed pause).</summary>
    public Action<TaskControlBlock, RtMutex> OnWokenListener;

    /// <summary>Registers a task whose armed <see cref="LockstepTask.PauseAfterWake"/> this hook honours.</summary>
    public void Add(LockstepTask t) => _tasks.Add(t.Tcb, t);

    public void OnBlocked(TaskControlBlock task, RtMutex mutex)
    {
        Blocked.Add((task, mutex));
        OnBlockedListener?.Invoke(task, mutex);
    }

    public void OnWoken(TaskControlBlock task, RtMutex mutex)
    {
        Woken.Add((task, mutex));
        OnWokenListener?.Invoke(task, mutex);
        if (_tasks.TryGetValue(task, out var t) && t.PauseAfterWake)
        {
            t.PauseAfterWake = false;
            t.Pause(mutex);
        }
    }
}
