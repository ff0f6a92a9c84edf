using NfRt.Boards;
using NfRt.Harness;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Simulator.Tracing;
using NfRt.Sync;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The simulated system a scenario drives: a <see cref="SimKernel"/> (the shared host harness) on a
/// simulated STM32F429 board in the rt-tester profile (<see cref="RtTesterProfile"/>: 140 levels,
/// SCHED_FIFO k = 99 - k, normal = 120; invariant checking on), up to 64 test threads and 64
/// rt-mutexes, 64 each of semaphores, queues and event flags (<see cref="ScenarioObjects"/>; scenario-language.md §16, §18),
/// the IRQ handler and the idle task as callers (<see cref="ContextCaller"/>, §17) with the scenario's interrupt
/// line (<see cref="ScenarioIrq"/>), the global event counter and the harness's rt-mutex test hook (<see cref="PauseHook"/>),
/// whose notifications go to the test thread of the task concerned.
/// <para>Contract: create it on the thread that drives the script (it becomes the kernel's
/// driver/idle task). Threads and mutexes are created lazily on first use, in script order, so
/// the same script always builds the same system; a fresh thread has run to its command wait
/// when <see cref="Thread"/> returns. Driver calls go through <see cref="RunUntilIdle"/> and
/// <see cref="AdvanceTicks"/>, which check the kernel's result: the first one that is not Ok (a task
/// fault, the watchdog) is kept in <see cref="DriverProblem"/> as one sentence (<see cref="KernelReport"/>).
/// <see cref="Shutdown"/> (or <see cref="Dispose"/>) shuts the kernel down and joins every task thread.</para>
/// </summary>
public sealed class ScenarioSystem : IDisposable
{
    public readonly SimulatedBoard Board;
    public readonly Scheduler Kernel;
    public readonly RtMutexSystem Sync;
    public readonly EventCounter Events = new();

    /// <summary>The rt-mutex test hook: forwards "blocked" and "woken" to the test threads and pauses them after a wake-up.</summary>
    public readonly PauseHook Hook = new();

    /// <summary>Trace collector fed by the kernel and by ownership annotations, or null.</summary>
    public readonly TraceCollector Trace;

    private readonly SimKernel _sim;
    private readonly TestThread[] _threads = new TestThread[ScriptParser.MaxThreads];
    private readonly TestThread[] _byTaskId;

    /// <summary>The mutexes, semaphores, queues and event flags.</summary>
    public readonly ScenarioObjects Objects;

    /// <summary>The interrupt handler (<c>irq</c>) and the idle task (<c>idle</c>) as callers (§17).</summary>
    public readonly ContextCaller IrqCaller, IdleCaller;

    /// <summary>The interrupt line the <c>irq</c> caller's commands arrive on (the first device line).</summary>
    public readonly int IrqLine;

    private readonly ScenarioIrq _irq;

    public ScenarioSystem(TraceCollector trace = null) : this(trace, null) { }

    /// <summary>A system with <paramref name="hooks"/> (tests only: a shorter watchdog, tasks that fault or hang), or none.</summary>
    internal ScenarioSystem(TraceCollector trace, KernelTestHooks hooks)
    {
        Hooks = hooks;
        // SimKernel.Dispose is not used: it rethrows a task's exception, and the runner reports the
        // driver calls' results instead (Dispose below shuts the kernel down).
        _sim = new SimKernel(levels: RtTesterProfile.Levels, profile: BoardProfiles.Stm32,
            maxTasks: ScriptParser.MaxThreads + (hooks != null ? KernelTestHooks.ExtraTasks : 0),
            checkInvariants: true, recordTrace: false, watchdogMs: hooks?.WatchdogMs ?? -1);
        Board = _sim.Board;
        Kernel = _sim.K;
        _byTaskId = new TestThread[Kernel.Config.MaxTasks + 1];
        Trace = trace;
        if (trace != null)
        {
            trace.Attach(Kernel, id => Sync.MutexAt(id - 1)?.Name ?? "m" + id);
            Kernel.Trace.Sink = trace;
        }
        Sync = RtMutexSystem.Of(Kernel);
        Objects = new ScenarioObjects(Kernel);
        IrqCaller = new ContextCaller(this, Callers.Irq);
        IdleCaller = new ContextCaller(this, Callers.Idle);
        _irq = new ScenarioIrq(IrqCaller);
        IrqLine = NfRt.Boards.Board.TickIrq + 1;
        if (Kernel.SetIrqHandler(IrqLine, _irq) != KernelStatus.Ok) throw new InvalidOperationException("no free interrupt line for irq");
        Hook.OnBlockedListener = (task, mutex) => ThreadOfTask(task)?.OnBlocked(mutex);
        Hook.OnWokenListener = (task, mutex) => ThreadOfTask(task)?.OnWoken(mutex);
        Sync.TestHook = Hook;
        hooks?.AddTasks?.Invoke(Kernel);
    }

    /// <summary>Test-only hooks, or null (always null from the CLI).</summary>
    internal KernelTestHooks Hooks { get; }

    /// <summary>
    /// Test thread <paramref name="index"/>, created (and run to its first wait) on first use. Check
    /// <see cref="DriverProblem"/> before posting to it: a thread whose first run was cut short (another
    /// task faulted or kept the CPU) is not waiting for a command.
    /// </summary>
    public TestThread Thread(int index)
    {
        var t = _threads[index];
        if (t != null) return t;
        t = new TestThread(this, index);
        _threads[index] = t;
        _byTaskId[t.Task.Id] = t;
        Hook.Add(t.Lockstep);
        RunUntilIdle();
        return t;
    }

    /// <summary>The first driver call of this system that did not return Ok, as one sentence, or null.</summary>
    public string DriverProblem { get; private set; }

    /// <summary>Runs the system until quiescent; false (and <see cref="DriverProblem"/> set) when the kernel reported a problem.</summary>
    public bool RunUntilIdle() => Check(Kernel.RunUntilIdle(), "RunUntilIdle");

    /// <summary>Advances virtual time by <paramref name="ticks"/>, to quiescence after each tick; false (and <see cref="DriverProblem"/> set) on a problem.</summary>
    public bool AdvanceTicks(int ticks) => Check(Kernel.AdvanceTicks(ticks), "AdvanceTicks");

    private bool Check(KernelStatus status, string call)
    {
        string why = KernelReport.Describe(Kernel, status, call);
        if (why == null) return true;
        DriverProblem ??= why;
        return false;
    }

    /// <summary>Test thread <paramref name="index"/> if it exists, else null.</summary>
    public TestThread PeekThread(int index) => _threads[index];

    /// <summary>Mutex <paramref name="index"/> ("L0".."L63"), created plain on first use.</summary>
    public RtMutex Mutex(int index) => Objects.Mutex(index);

    /// <summary>Semaphore <paramref name="index"/> ("S0".."S63"), created with the defaults (count 0, max 64) on first use.</summary>
    public CountingSemaphore Semaphore(int index) => Objects.Semaphore(index);

    /// <summary>Queue <paramref name="index"/> ("Q0".."Q63"), created with the defaults (2 one-word messages) on first use.</summary>
    public MessageQueue Queue(int index) => Objects.Queue(index);

    /// <summary>Event flags <paramref name="index"/> ("F0".."F63", all clear), created on first use.</summary>
    public EventFlags Flags(int index) => Objects.Flags(index);

    /// <summary>Mutex <paramref name="index"/> if it exists, else null.</summary>
    public RtMutex PeekMutex(int index) => Objects.PeekMutex(index);

    /// <summary>
    /// Runs <paramref name="op"/> as <c>irq</c> (posted to the scenario's interrupt line, which the driver
    /// raises; the kernel delivers it as the system runs) or as <c>idle</c> (on the driver itself), then
    /// runs the system until quiescent. False (and <see cref="DriverProblem"/> set) when the kernel reported a problem.
    /// </summary>
    /// <exception cref="KernelFaultException">The interrupt was not delivered.</exception>
    public bool RunInContext(int caller, CommandOpcode op, int arg)
    {
        if (caller == Callers.Irq)
        {
            _irq.Post(op, arg);
            _sim.K.RaiseIrq(IrqLine);
            bool ok = RunUntilIdle();
            if (ok && _irq.Pending) throw new KernelFaultException($"the interrupt of line {IrqLine} was not delivered");
            return ok;
        }
        IdleCaller.Begin(op);
        IdleCaller.Execute(op, arg);
        return RunUntilIdle();
    }

    /// <summary>The test thread running as <paramref name="task"/>, or null.</summary>
    public TestThread ThreadOfTask(TaskControlBlock task) =>
        task != null && task.Id > 0 && task.Id < _byTaskId.Length ? _byTaskId[task.Id] : null;

    /// <summary>Status of thread <paramref name="index"/> (or of <c>irq</c>, <c>idle</c>); a thread never used reads as a fresh one.</summary>
    public ThreadStatus Status(int index) =>
        index == Callers.Irq ? IrqCaller.Status() : index == Callers.Idle ? IdleCaller.Status() :
        _threads[index]?.Status() ?? new ThreadStatus(index, 0, 0, RtTesterProfile.ToUser(RtTesterProfile.NormalPriority),
            RtTesterProfile.ToUser(RtTesterProfile.NormalPriority), new int[ScriptParser.MaxMutexes]);

    /// <summary>
    /// What a report shows for <paramref name="line"/>: the object of a create command or an object test
    /// (§22), else the status of the caller it names ("thread 1: O: ...", "irq: O: ..."); null for <c>tick</c>.
    /// </summary>
    public string Describe(ScenarioLine line)
    {
        if (line.IsTick) return null;
        if (line.FieldObject != ObjectKind.None) return ObjectTests.Describe(this, line.FieldObject, line.Object);
        return $"{Callers.Describe(line.Thread)}: {Status(line.Thread)}";
    }

    /// <summary>
    /// Shuts the kernel down and joins every task thread (the first call only). Returns what it
    /// reported: abandoned task threads, kernel calls refused from foreign threads; empty when clean.
    /// </summary>
    public IReadOnlyList<string> Shutdown()
    {
        if (_shutdown != null) return Array.Empty<string>();
        _shutdown = KernelReport.AfterShutdown(Kernel, Kernel.Shutdown());
        return _shutdown;
    }

    private List<string> _shutdown;

    public void Dispose() => Shutdown();
}
