using NfRt.Kernel;
using NfRt.Scheduling;

namespace UnitTests.Support;

/// <summary>
/// A kernel task driven in lock step by the test thread (the driver / idle task).
/// <para>The task waits on its own <see cref="KernelEvent"/> for a command, runs it, records the
/// result and waits again. The driver posts one command (<see cref="Post"/>), runs the kernel to
/// quiescence, then inspects the state: a command that blocked in the kernel is still
/// <see cref="Busy"/>; one that finished left its result in <see cref="LastResult"/> (and called
/// <see cref="Completed"/>).</para>
/// <para><see cref="PauseHere"/> lets a task stop in the middle of a command (for instance from an
/// <c>IRtMutexTestHook.OnWoken</c>, to keep a freshly woken pending owner from completing its take)
/// until the driver calls <see cref="Resume"/>. A pause survives interrupt requests: the task goes
/// back to waiting until the driver resumes it.</para>
/// Every member except <see cref="PauseHere"/> is for the driver thread while the kernel is idle.
/// </summary>
public sealed class LockstepTask
{
    public readonly TaskControlBlock Tcb;
    public readonly int Index;
    private readonly KernelEvent _command;
    private readonly KernelEvent _resume;
    private Func<KernelStatus> _pending;
    private bool _resumeRequested;

    /// <summary>A command was posted and has not returned yet (blocked, paused, or not run yet).</summary>
    public bool Busy { get; private set; }

    /// <summary>The task is stopped in <see cref="PauseHere"/>.</summary>
    public bool Paused { get; private set; }

    /// <summary>Result of the last finished command.</summary>
    public KernelStatus LastResult { get; private set; }

    /// <summary>Commands finished so far.</summary>
    public int CompletedCount { get; private set; }

    /// <summary>Called in the task's context each time a command returns (task, result).</summary>
    public Action<LockstepTask, KernelStatus> Completed;

    /// <summary>Creates the task (it starts waiting for commands once the driver runs the kernel).</summary>
    public LockstepTask(Scheduler kernel, int index, string name, int priority)
    {
        Index = index;
        _command = new KernelEvent(kernel);
        _resume = new KernelEvent(kernel);
        Tcb = kernel.CreateTask(name, priority, Body);
        if (Tcb == null) throw new InvalidOperationException("CreateTask " + name + " failed");
    }

    private void Body()
    {
        while (true)
        {
            while (_pending == null) _command.Wait(-1);
            Func<KernelStatus> f = _pending;
            _pending = null;
            KernelStatus r = f();
            LastResult = r;
            Busy = false;
            CompletedCount++;
            Completed?.Invoke(this, r);
        }
    }

    /// <summary>Gives the task its next command (driver only; the task must not be busy).</summary>
    public void Post(Func<KernelStatus> command)
    {
        if (Busy) throw new InvalidOperationException(Tcb.Name + " is still busy with its previous command");
        _pending = command;
        Busy = true;
        _command.Signal();
    }

    /// <summary>Called by the task itself: stop here until the driver calls <see cref="Resume"/>.</summary>
    public void PauseHere()
    {
        Paused = true;
        while (!_resumeRequested) _resume.Wait(-1);   // an interrupt request may end a wait early: wait again
        _resumeRequested = false;
        Paused = false;
    }

    /// <summary>Lets a paused task go on (driver only).</summary>
    public void Resume()
    {
        if (!Paused) throw new InvalidOperationException(Tcb.Name + " is not paused");
        _resumeRequested = true;
        _resume.Signal();
    }
}
