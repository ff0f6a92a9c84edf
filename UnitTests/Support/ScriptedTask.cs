using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace UnitTests.Support;

/// <summary>
/// A task driven in lock step by the test: its body loops waiting on its own
/// <see cref="KernelEvent"/> for a command posted by the test (the driver), runs it, records the
/// result and waits again. A command that blocks (a contended lock) stays in progress until the
/// kernel lets it finish; <see cref="Results"/> only holds finished commands.
/// <para>Pausing after a wake-up (pending-owner and steal cases): when <see cref="PauseAfterWake"/>
/// is armed, the rt-mutex test hook's OnWoken (in this task's context, before the task retries the
/// take) serves further commands until <see cref="Resume"/>; the task is then a woken pending owner
/// (or a robbed one, or an interrupted/timed-out waiter) frozen before it looks at the mutex.</para>
/// </summary>
public sealed class ScriptedTask
{
    private readonly SimKernel _s;
    private readonly KernelEvent _go;
    private Func<KernelStatus> _cmd;
    private bool _resume;
    private int _inProgress;

    /// <summary>The task.</summary>
    public readonly TaskControlBlock Tcb;

    /// <summary>Results of finished commands, in the order they finished.</summary>
    public readonly List<KernelStatus> Results = new();

    /// <summary>Set by the test: the next OnWoken of this task pauses (one shot).</summary>
    public bool PauseAfterWake;

    /// <summary>True while the task sits in the after-wake pause.</summary>
    public bool Paused { get; private set; }

    /// <summary>The mutex whose lock call is paused after a wake-up, or null.</summary>
    public RtMutex PausedOn { get; private set; }

    /// <summary>True while the task waits for a command (at the top level or in the pause).</summary>
    public bool Listening { get; private set; }

    /// <summary>The priority the task was created with.</summary>
    public readonly int CreatedPriority;

    public ScriptedTask(SimKernel s, string name, int prio)
    {
        _s = s;
        _go = new KernelEvent(s.K);
        CreatedPriority = prio;
        Tcb = s.Task(name, prio, () => Serve(false));
    }

    public string Name => Tcb.Name;

    /// <summary>Commands started and not finished (a blocked lock counts; nested pause commands too while they run).</summary>
    public int InProgress => _inProgress;

    /// <summary>The result of the last finished command.</summary>
    public KernelStatus Last
    {
        get
        {
            Assert.True(Results.Count > 0, Name + " finished no command yet");
            return Results[^1];
        }
    }

    /// <summary>True while the task sleeps inside an rt-mutex lock call (queued on a mutex, not woken).</summary>
    public bool BlockedOnMutex => Tcb.State == TaskState.Blocked && Tcb.WaitingOn is RtMutex;

    private void Serve(bool untilResume)
    {
        while (true)
        {
            Listening = true;
            _go.Wait(-1);          // Ok; or Interrupted while paused inside an interruptible lock: just wait again
            Listening = false;
            if (untilResume && _resume)
            {
                _resume = false;
                return;
            }
            Func<KernelStatus> c = _cmd;
            _cmd = null;
            if (c == null) continue;
            _inProgress++;
            KernelStatus r = c();
            _inProgress--;
            Results.Add(r);
        }
    }

    /// <summary>Called by the hook in this task's context: serve commands until <see cref="Resume"/>.</summary>
    internal void Pause(RtMutex m)
    {
        Paused = true;
        PausedOn = m;
        try { Serve(true); }
        finally
        {
            Paused = false;
            PausedOn = null;
        }
    }

    /// <summary>Posts a command without running the system (the task runs at once if the kernel is started).</summary>
    public void Send(Func<KernelStatus> cmd)
    {
        Assert.True(Listening, Name + " is not waiting for a command");
        Assert.Null(_cmd);
        _cmd = cmd;
        _go.Signal();
    }

    /// <summary>Posts a command and runs the system until quiescent.</summary>
    public void Do(Func<KernelStatus> cmd)
    {
        Send(cmd);
        _s.Run();
    }

    /// <summary>Posts a command that returns a bool (TryLock): true is recorded as Ok, false as Busy.</summary>
    public void DoTry(Func<bool> cmd) => Do(() => cmd() ? KernelStatus.Ok : KernelStatus.Busy);

    /// <summary>Ends the after-wake pause: the task retries its take; runs the system until quiescent.</summary>
    public void Resume()
    {
        Assert.True(Paused && Listening, Name + " is not paused");
        _resume = true;
        _go.Signal();
        _s.Run();
    }
}

/// <summary>The rt-mutex test hook that pauses armed scripted tasks after a wake-up.</summary>
public sealed class PauseHook : IRtMutexTestHook
{
    private readonly Dictionary<TaskControlBlock, ScriptedTask> _tasks = new();

    /// <summary>(task, mutex) of every OnBlocked call, in order.</summary>
    public readonly List<(TaskControlBlock Task, RtMutex Mutex)> Blocked = new();

    /// <summary>(task, mutex) of every OnWoken call, in order.</summary>
    public readonly List<(TaskControlBlock Task, RtMutex Mutex)> Woken = new();

    public void Add(ScriptedTask t) => _tasks.Add(t.Tcb, t);

    public void OnBlocked(TaskControlBlock task, RtMutex mutex) => Blocked.Add((task, mutex));

    public void OnWoken(TaskControlBlock task, RtMutex mutex)
    {
        Woken.Add((task, mutex));
        if (_tasks.TryGetValue(task, out var st) && st.PauseAfterWake)
        {
            st.PauseAfterWake = false;
            st.Pause(mutex);
        }
    }
}
