using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Fixed-priority cooperative-preemptive scheduler that owns the task control blocks
    /// (docs/spec/scheduler.md). The Scheduler <i>is</i> the kernel object: every other kernel
    /// object (mutex, event, timer, pool) is created on one, and parameters of this type are named
    /// <c>kernel</c>.
    /// <para>Contract:</para>
    /// <list type="bullet">
    /// <item>The most urgent ready task runs (lower number = more urgent); FIFO among equals.
    /// A preempted task resumes before its equals; a yielding or time-sliced task goes behind them.</item>
    /// <item>Preemption points: the end of every kernel call, IRQ exit (the tick included) and
    /// <see cref="Checkpoint"/>. A cooperative task is never preempted by another task, only by IRQs.</item>
    /// <item>All kernel state is mutated inside the critical section (internal <c>Enter</c>/<c>Leave</c>,
    /// IRQs masked). Exactly one thread — the current task's, or the driver's while idle — may be inside;
    /// any other thread's call returns <see cref="KernelStatus.WrongContext"/>.</item>
    /// <item>Trace events are buffered in the critical section and given to the sink after it.</item>
    /// <item>The idle task is the driver: tasks and time run only inside its run calls
    /// (<see cref="RunUntilIdle"/>, <see cref="AdvanceTicks"/>, <see cref="RunUntilTick"/>); its other
    /// calls make tasks ready and return at once (docs/spec/scheduler.md §35).</item>
    /// <item>Threads outside the kernel signal it as device IRQ lines (<see cref="RaiseIrq"/>, §36).</item>
    /// </list>
    /// The partial files: <c>Scheduler.CriticalSection.cs</c> (enter/leave, checks, trace),
    /// <c>Scheduler.Dispatch.cs</c> (pick, switch, hand-over), <c>Scheduler.Blocking.cs</c> (block
    /// and wake: the one wait protocol, with <c>WaitQueue.cs</c>), <c>Scheduler.Irq.cs</c> (the IRQ sink), <c>Scheduler.Time.cs</c> (tick, sleep,
    /// timeouts, slices), <c>Scheduler.Tasks.cs</c> (task lifecycle), <c>Scheduler.Priority.cs</c>
    /// (priority changes), <c>Scheduler.Driver.cs</c> (the idle task's driver calls),
    /// <c>Scheduler.Watchdog.cs</c> (halts, the watchdog), <c>Scheduler.DeviceEvents.cs</c> (raising device
    /// lines from any thread), <c>Scheduler.HookFaults.cs</c> (user code the kernel calls that throws).
    /// </summary>
    public sealed partial class Scheduler : IIrqSink
    {
        /// <summary>The configuration (validated, frozen: a copy of what the constructor was given).</summary>
        public readonly KernelConfig Config;

        /// <summary>The board this kernel runs on.</summary>
        public readonly Board Board;

        /// <summary>Trace ring; set <see cref="TraceBuffer.Sink"/> to receive events.</summary>
        public readonly TraceBuffer Trace;

        /// <summary>The idle task (id 0, least urgent); its context is the driver thread.</summary>
        public readonly TaskControlBlock Idle;

        private readonly IrqController _irq;
        private readonly ReadyQueue _ready;
        private readonly TimeoutQueue _timeouts;
        private readonly TaskControlBlock[] _tasks;
        private readonly TaskThread[] _threads;          // execution context of task id i+1
        private readonly WaitQueue[] _joiners;           // the tasks joining task id i+1
        private readonly IIrqHandler[] _handlers = new IIrqHandler[Board.IrqLines];
        private readonly IInvariantChecker[] _checkers = new IInvariantChecker[8];
        private readonly bool[] _userChecker = new bool[8];   // registered by AddInvariantChecker: contained (Scheduler.HookFaults.cs)
        private readonly TaskGate _idleGate;
        private int _checkerCount;
        private int _taskCount;
        // The task that owns the CPU. A field, not a property: the primitives read it, and on the interpreter
        // every call costs. The thread that may run kernel code (its thread, or the driver's while idle; null
        // after shutdown) is the IRQ controller's runnerThread, where every fast path already looks; the
        // scheduler keeps no copy (one store per switch). Compared by Thread object identity, not
        // ManagedThreadId (on nanoCLR an id read before Thread.Start need not be the one the thread reports).
        internal TaskControlBlock current;
        private readonly Thread _driverThread;
        private int _handovers;   // bumped with Interlocked at every hand-over: the fence between switcher and switched-to
        private long _ticks;
        private bool _shutdown;
        private bool _inCheck;
        private bool _started;
        private bool _driving;    // the driver is inside a run call: only then may the idle task dispatch (§35)
        private readonly bool _checkInvariants;   // Config.CheckInvariants, read at every Leave
        private readonly bool _hardwareCas;       // the board's CAS is an instruction: tasks may take the rt-mutex fast paths

        /// <summary>
        /// The Kernel.Sync layer of this kernel, or null until its first object is created: a typed slot
        /// (docs/spec/scheduler.md §1). The scheduler calls it when a task blocked on an rt-mutex changes
        /// priority (docs/spec/rtmutex.md §11) and when a task ends (it releases the rt-mutexes the task
        /// still holds); every Kernel.Sync object finds its layer here.
        /// </summary>
        internal ISyncLayer SyncLayer;

        private int _contextSwitches, _preemptions, _ticksProcessed, _irqsServiced, _invariantChecks;

        // ---- fault and hang reporting (Scheduler.Watchdog.cs, Scheduler.Driver.cs) ----
        private readonly int[] _faultIds;        // ids of faulted tasks, in fault order (each faults at most once)
        private int _faultCount, _faultsReported;
        private TaskControlBlock _lastFault;
        private long _haltAt = long.MaxValue;     // the driver's target tick: a task about to pass it is halted
        private bool _watchdogFired;              // the current driver call hit the watchdog
        private TaskControlBlock _watchdogTask;   // named by the last WatchdogExpired
        private TaskControlBlock _stuck;          // holds the CPU and has not reached a kernel call
        private int _foreignCalls;
        private readonly int[] _abandonedIds;
        private int _abandonedCount;

        /// <summary>
        /// Creates a kernel on <paramref name="board"/>. The calling thread becomes the driver
        /// (the idle task's context).
        /// </summary>
        /// <param name="config">The kernel configuration; validated and copied.</param>
        /// <param name="board">The board it runs on (one kernel per board).</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="config"/> or <paramref name="board"/> is null.</exception>
        /// <exception cref="System.ArgumentException">The configuration is invalid (the message names the
        /// field), or the board already runs another kernel.</exception>
        public Scheduler(KernelConfig config, Board board)
        {
            if (config == null) throw new System.ArgumentNullException("config");
            if (board == null) throw new System.ArgumentNullException("board");
            string bad = config.Validate();
            if (bad != null) throw new System.ArgumentException(bad, "config");
            if (board.Irq.IsAttached) throw new System.ArgumentException("board: this board already runs a kernel (one board, one Scheduler)", "board");
            Config = config.FrozenCopy();
            _checkInvariants = Config.CheckInvariants;
            Board = board;
            _irq = board.Irq;
            _hardwareCas = board.Atomics.IsHardware;
            _idleGate = board.NewGate();
            _ready = new ReadyQueue(config.PriorityLevels);
            _timeouts = new TimeoutQueue();
            _tasks = new TaskControlBlock[config.MaxTasks];
            _threads = new TaskThread[config.MaxTasks];
            _joiners = new WaitQueue[config.MaxTasks];
            _faultIds = new int[config.MaxTasks];
            _abandonedIds = new int[config.MaxTasks];
            Trace = new TraceBuffer(config.TraceCapacity);
            Idle = new TaskControlBlock(0, "idle", config.PriorityLevels, TaskOptions.None, null);
            Idle.state = TaskState.Running;
            current = Idle;
            _driverThread = Thread.CurrentThread;
            _irq.runnerThread = _driverThread;
            _checkers[_checkerCount++] = new SchedulerInvariants(this);
            InitTiming();   // run-time statistics and periodic tasks (Scheduler.Statistics.cs)
            _irq.Attach(this);
            _irq.held = 1;      // nothing is delivered until the first run call (§35)
        }

        /// <summary>The task that owns the CPU (the idle task while the driver runs).</summary>
        public TaskControlBlock Current { get { return current; } }

        /// <summary>Ticks processed since start (kernel time).</summary>
        public long Now { get { return _ticks; } }

        /// <summary>Number of tasks created.</summary>
        public int TaskCount { get { return _taskCount; } }

        /// <summary>True once the driver started dispatching (tasks created before that wait for it).</summary>
        public bool IsStarted { get { return _started; } }

        /// <summary>True once <see cref="Shutdown"/> started.</summary>
        public bool IsShutDown { get { return _shutdown; } }

        /// <summary>Context switches performed.</summary>
        public int ContextSwitches { get { return _contextSwitches; } }

        /// <summary>Switches that took the CPU from a runnable task.</summary>
        public int Preemptions { get { return _preemptions; } }

        /// <summary>Ticks processed.</summary>
        public int TicksProcessed { get { return _ticksProcessed; } }

        /// <summary>Device (non-tick) IRQs serviced.</summary>
        public int IrqsServiced { get { return _irqsServiced; } }

        /// <summary>Invariant checks run.</summary>
        public int InvariantChecks { get { return _invariantChecks; } }

        internal ReadyQueue ReadyTasks { get { return _ready; } }

        internal TimeoutQueue Timeouts { get { return _timeouts; } }

        /// <summary>The task with id <paramref name="id"/> (1 .. TaskCount), or null.</summary>
        /// <param name="id">Task id, 1 .. TaskCount.</param>
        /// <returns>The task, or null when id is out of range.</returns>
        public TaskControlBlock TaskById(int id)
        {
            return id >= 1 && id <= _taskCount ? _tasks[id - 1] : null;
        }

        /// <summary>
        /// Registers the application's invariant checker, run after every kernel operation when checking is
        /// on. Contained (docs/spec/scheduler.md §37): a report or an exception from it is recorded, not
        /// thrown — the next run call returns <see cref="KernelStatus.HookFaulted"/> and
        /// <see cref="LastHookFault"/> holds it — and the checker is removed, so it reports once.
        /// InvalidArgument for null, NoResources when 8 checkers are registered; WrongContext and the
        /// other caller refusals as every call.
        /// </summary>
        /// <param name="checker">The checker to register.</param>
        /// <returns>Ok, InvalidArgument, NoResources, or a caller refusal of <see cref="CheckCaller"/>.</returns>
        public KernelStatus AddInvariantChecker(IInvariantChecker checker)
        {
            KernelStatus st = CheckCaller();
            if (st != KernelStatus.Ok) return st;
            return AddChecker(checker, true);
        }

        /// <summary>Registers a checker of a kernel layer (rt-mutex, primitives, memory): a report is a kernel fault, thrown.</summary>
        internal KernelStatus AddKernelChecker(IInvariantChecker checker)
        {
            return AddChecker(checker, false);
        }

        private KernelStatus AddChecker(IInvariantChecker checker, bool user)
        {
            if (checker == null) return KernelStatus.InvalidArgument;
            if (_checkerCount == _checkers.Length) return KernelStatus.NoResources;
            _userChecker[_checkerCount] = user;
            _checkers[_checkerCount++] = checker;
            return KernelStatus.Ok;
        }

        /// <summary>
        /// Installs the service routine of device line <paramref name="irq"/> (1 .. 31; null removes it).
        /// It runs masked, in kernel context, each time the line is delivered (raised by
        /// <see cref="RaiseIrq"/> from any thread, or injected on the simulated board); it may use the
        /// ISR-safe calls. An exception from it is contained (§37). InvalidArgument for line 0 (the tick)
        /// or out of range.
        /// </summary>
        /// <param name="irq">Device line, 1 .. 31.</param>
        /// <param name="handler">Its service routine, or null to remove it.</param>
        /// <returns>Ok or InvalidArgument.</returns>
        public KernelStatus SetIrqHandler(int irq, IIrqHandler handler)
        {
            if (irq <= Board.TickIrq || irq >= Board.IrqLines) return KernelStatus.InvalidArgument;
            _handlers[irq] = handler;
            return KernelStatus.Ok;
        }
    }
}
