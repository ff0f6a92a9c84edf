using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Simulator.Tracing;
using NfRt.Sync;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The simulated system a scenario drives: a kernel on a simulated STM32F429 board in the
/// rt-tester priority profile (140 levels, SCHED_FIFO k = 99 - k, normal = 120, invariant
/// checking on), up to 64 test threads and 64 rt-mutexes, 64 each of semaphores, queues and event
/// flags (scenario-language.md §16), the global event counter and the rt-mutex test hook.
/// <para>Contract: create it on the thread that drives the script (it becomes the kernel's
/// driver/idle task). Threads and mutexes are created lazily on first use, in script order, so
/// the same script always builds the same system; a fresh thread has run to its mailbox wait
/// when <see cref="Thread"/> returns. <see cref="Dispose"/> shuts the kernel down and joins
/// every task thread.</para>
/// </summary>
public sealed class ScenarioSystem : IDisposable
{
    public readonly SimulatedBoard Board;
    public readonly Scheduler Kernel;
    public readonly RtMutexSystem Sync;
    public readonly EventCounter Events = new();

    /// <summary>Trace collector fed by the kernel and by ownership annotations, or null.</summary>
    public readonly TraceCollector Trace;

    private readonly TestThread[] _threads = new TestThread[ScriptParser.MaxThreads];
    private readonly RtMutex[] _mutexes = new RtMutex[ScriptParser.MaxMutexes];
    private readonly CountingSemaphore[] _semaphores = new CountingSemaphore[ScriptParser.MaxObjects];
    private readonly MessageQueue[] _queues = new MessageQueue[ScriptParser.MaxObjects];
    private readonly EventFlags[] _flags = new EventFlags[ScriptParser.MaxObjects];

    /// <summary>Most units a scenario semaphore holds (it starts empty).</summary>
    public const int SemaphoreMax = 64;

    /// <summary>Messages a scenario queue holds (one word each).</summary>
    public const int QueueCapacity = 2;
    private readonly TestThread[] _byTaskId;

    public ScenarioSystem(TraceCollector trace = null)
    {
        Board = new SimulatedBoard(BoardProfiles.Stm32);
        var config = NfRt.Harness.RtTesterProfile.Config();
        config.CheckInvariants = true;
        config.MaxTasks = ScriptParser.MaxThreads;
        config.TraceCapacity = 4096;
        Kernel = new Scheduler(config, Board);
        _byTaskId = new TestThread[config.MaxTasks + 1];
        Trace = trace;
        if (trace != null)
        {
            trace.Attach(Kernel, id => Sync.MutexAt(id - 1)?.Name ?? "m" + id);
            Kernel.Trace.Sink = trace;
        }
        Sync = RtMutexSystem.Of(Kernel);
        Sync.TestHook = new RtTesterHook(this);
    }

    /// <summary>Test thread <paramref name="index"/>, created (and run to its first wait) on first use.</summary>
    public TestThread Thread(int index)
    {
        var t = _threads[index];
        if (t != null) return t;
        t = new TestThread(this, index);
        _threads[index] = t;
        _byTaskId[t.Task.Id] = t;
        Kernel.RunUntilIdle();
        return t;
    }

    /// <summary>Test thread <paramref name="index"/> if it exists, else null.</summary>
    public TestThread PeekThread(int index) => _threads[index];

    /// <summary>Mutex <paramref name="index"/> ("L0".."L63"), created on first use.</summary>
    public RtMutex Mutex(int index) => _mutexes[index] ??= new RtMutex(Kernel, "L" + index);

    /// <summary>Semaphore <paramref name="index"/> ("S0".."S63": count 0, max <see cref="SemaphoreMax"/>), created on first use.</summary>
    public CountingSemaphore Semaphore(int index) => _semaphores[index] ??= new CountingSemaphore(Kernel, "S" + index, 0, SemaphoreMax);

    /// <summary>Queue <paramref name="index"/> ("Q0".."Q63": <see cref="QueueCapacity"/> one-word messages), created on first use.</summary>
    public MessageQueue Queue(int index) => _queues[index] ??= new MessageQueue(Kernel, "Q" + index, QueueCapacity, 1);

    /// <summary>Event flags <paramref name="index"/> ("F0".."F63", all clear), created on first use.</summary>
    public EventFlags Flags(int index) => _flags[index] ??= new EventFlags(Kernel, "F" + index);

    /// <summary>Creates the semaphore, queue or event flags a primitive command names (driver side, in script order).</summary>
    public void EnsureObject(CommandOpcode op, int index)
    {
        if (op <= CommandOpcode.SemGive) Semaphore(index);
        else if (op <= CommandOpcode.QReceiveTimeout) Queue(index);
        else Flags(index);
    }

    /// <summary>Mutex <paramref name="index"/> if it exists, else null.</summary>
    public RtMutex PeekMutex(int index) => index >= 0 && index < _mutexes.Length ? _mutexes[index] : null;

    /// <summary>The test thread running as <paramref name="task"/>, or null.</summary>
    public TestThread ThreadOfTask(TaskControlBlock task) =>
        task != null && task.Id > 0 && task.Id < _byTaskId.Length ? _byTaskId[task.Id] : null;

    /// <summary>Status of thread <paramref name="index"/>; a thread never used reads as a fresh one.</summary>
    public ThreadStatus Status(int index) =>
        _threads[index]?.Status() ?? new ThreadStatus(index, 0, 0, 99 - TestThread.NormalPriority, 99 - TestThread.NormalPriority, new int[ScriptParser.MaxMutexes]);

    public void Dispose() => Kernel.Shutdown();
}
