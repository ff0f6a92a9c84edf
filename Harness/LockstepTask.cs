using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Harness;

/// <summary>
/// A kernel task driven in lock step by the driver (the test thread, the scenario runner, the
/// model runner): its body loops waiting on its own <see cref="KernelEvent"/> for a command posted
/// by the driver, runs it, records the result and waits again. A command that blocks (a contended
/// lock) stays in progress until the kernel lets it finish; <see cref="Results"/> only holds
/// finished commands.
/// <para>Pausing after a wake-up (pending-owner and steal cases): <see cref="Pause"/>, called in the
/// task's own context (by <see cref="PauseHook"/> when <see cref="PauseAfterWake"/> is armed, or by a
/// driver's own hook), serves further commands until the driver calls <see cref="Resume"/>; the task is
/// then a woken pending owner (or a robbed one, or an interrupted/timed-out waiter) frozen before it
/// looks at the mutex again.</para>
/// <para>Every kernel wait is interruptible (docs/spec/scheduler.md §19), this task's command wait
/// included: <see cref="Scheduler.Interrupt"/> of a task that waits for a command (at the top level or
/// in a pause) ends that wait with Interrupted, and the task simply waits again — the interrupt was
/// addressed to that wait and means nothing to the harness (a paused interruptible lock keeps the
/// request for its retry: docs/spec/rtmutex.md §5).</para>
/// <para>Ending: a command that calls <see cref="EndAfterCommand"/> is the task's last (<see cref="PostExit"/>
/// posts one): when it returns, the body returns and the kernel's exit path runs (its exit hook releases
/// the mutexes the task holds).</para>
/// Every member except <see cref="Pause"/> and <see cref="EndAfterCommand"/> is for the driver thread while the kernel is idle.
/// </summary>
public sealed class LockstepTask
{
    private readonly KernelEvent _go;
    private readonly Action _run;
    private Func<KernelStatus> _cmd;
    private bool _resume, _end;
    private int _inProgress;

    /// <summary>The task.</summary>
    public readonly TaskControlBlock Tcb;

    /// <summary>The driver's index for this task (scenario thread number, model task number).</summary>
    public readonly int Index;

    /// <summary>The priority the task was created with.</summary>
    public readonly int CreatedPriority;

    /// <summary>Results of finished commands, in the order they finished.</summary>
    public readonly List<KernelStatus> Results = new();

    /// <summary>Called in the task's context each time a command returns (task, result).</summary>
    public Action<LockstepTask, KernelStatus> Completed;

    /// <summary>Set by the driver: the next after-wake notification of this task pauses it (one shot; see <see cref="PauseHook"/>).</summary>
    public bool PauseAfterWake;

    /// <summary>
    /// Creates the task on <paramref name="kernel"/>; it starts waiting for commands once the driver
    /// runs the kernel. <paramref name="run"/> (may be null) is how <see cref="Do"/> and
    /// <see cref="Resume"/> run the system to quiescence afterwards; without it the driver runs it.
    /// </summary>
    public LockstepTask(Scheduler kernel, string name, int priority, int index = 0, Action run = null)
    {
        Index = index;
        CreatedPriority = priority;
        _run = run;
        _go = new KernelEvent(kernel, name + ":go");
        Tcb = kernel.CreateTask(name, priority, () => Serve(false));
        if (Tcb == null) throw new HarnessException("CreateTask " + name + " failed");
    }

    /// <summary>A task on <paramref name="s"/>'s kernel whose <see cref="Do"/> and <see cref="Resume"/> run it with <see cref="SimKernel.Run"/>.</summary>
    public LockstepTask(SimKernel s, string name, int priority, int index = 0) : this(s.K, name, priority, index, s.Run) { }

    public string Name => Tcb.Name;

    /// <summary>Commands started and not finished (a blocked lock counts; nested pause commands too while they run).</summary>
    public int InProgress => _inProgress;

    /// <summary>A command was posted and has not returned yet (not started, blocked, or paused).</summary>
    public bool Busy => _inProgress > 0 || _cmd != null;

    /// <summary>True while the task sits in a pause.</summary>
    public bool Paused { get; private set; }

    /// <summary>The mutex whose lock call is paused after a wake-up, or null.</summary>
    public RtMutex PausedOn { get; private set; }

    /// <summary>True while the task waits for a command (at the top level or in a pause).</summary>
    public bool Listening { get; private set; }

    /// <summary>Commands finished so far.</summary>
    public int CompletedCount => Results.Count;

    /// <summary>The result of the last finished command.</summary>
    public KernelStatus LastResult =>
        Results.Count > 0 ? Results[^1] : throw new HarnessException(Name + " finished no command yet");

    /// <summary>True while the task sleeps inside an rt-mutex lock call (queued on a mutex, not woken).</summary>
    public bool BlockedOnMutex => Tcb.State == TaskState.Blocked && Tcb.WaitingOn is RtMutex;

    private void Serve(bool untilResume)
    {
        while (true)
        {
            Listening = true;
            _go.Wait(-1);          // Ok; or Interrupted (Scheduler.Interrupt ends any wait): wait again
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
            Completed?.Invoke(this, r);
            if (_end) return;      // EndAfterCommand: the body returns, the task ends
        }
    }

    /// <summary>
    /// Called in this task's context by the command it is running (not in a pause): when that command
    /// returns, the body returns and the task ends.
    /// </summary>
    public void EndAfterCommand()
    {
        if (Paused) throw new HarnessException(Name + " cannot end inside a pause");
        _end = true;
    }

    /// <summary>Called in this task's context: serve commands until <see cref="Resume"/>.</summary>
    public void Pause(RtMutex pausedOn = null)
    {
        Paused = true;
        PausedOn = pausedOn;
        try { Serve(true); }
        finally
        {
            Paused = false;
            PausedOn = null;
        }
    }

    /// <summary>Posts a command without running the system (the task runs at once if the kernel is started).</summary>
    public void Post(Func<KernelStatus> cmd)
    {
        if (!Listening) throw new HarnessException(Name + " is not waiting for a command (busy with " + _inProgress + ")");
        if (_cmd != null) throw new HarnessException(Name + " already has a command posted");
        _cmd = cmd;
        _go.Signal();
    }

    /// <summary>
    /// Posts the last command: it completes with Ok and the task's body returns, so the task ends holding
    /// whatever it holds (the rt-mutex exit hook releases it). Not from a pause.
    /// </summary>
    public void PostExit()
    {
        if (Paused) throw new HarnessException(Name + " is paused: it cannot end inside a lock call");
        Post(() => { EndAfterCommand(); return KernelStatus.Ok; });
    }

    /// <summary>Posts a command and runs the system until quiescent.</summary>
    public void Do(Func<KernelStatus> cmd)
    {
        Post(cmd);
        RunSystem();
    }

    /// <summary>Posts a command that returns a bool (TryLock): true is recorded as Ok, false as Busy.</summary>
    public void DoTry(Func<bool> cmd) => Do(() => cmd() ? KernelStatus.Ok : KernelStatus.Busy);

    /// <summary>Ends the pause: the task goes on (retries its take); runs the system until quiescent when it can.</summary>
    public void Resume()
    {
        if (!Paused || !Listening) throw new HarnessException(Name + " is not paused");
        _resume = true;
        _go.Signal();
        RunSystem();
    }

    private void RunSystem() => _run?.Invoke();
}
