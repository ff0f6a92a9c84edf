using NfRt.Kernel;
using NfRt.Sync;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The rt-mutex test hook of a scenario (the original's schedule_rt_mutex_test): forwards the
/// slow path's "blocked" (masked: records state only) and "woken" (task context: may pause)
/// notifications to the test thread of the task concerned. Tasks that are not test threads
/// are ignored.
/// </summary>
public sealed class RtTesterHook : IRtMutexTestHook
{
    private readonly ScenarioSystem _sys;

    public RtTesterHook(ScenarioSystem sys) { _sys = sys; }

    public void OnBlocked(TaskControlBlock task, RtMutex mutex) => _sys.ThreadOfTask(task)?.OnBlocked(mutex);

    public void OnWoken(TaskControlBlock task, RtMutex mutex) => _sys.ThreadOfTask(task)?.OnWoken(mutex);
}
