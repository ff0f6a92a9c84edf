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
    /// <item>All kernel state is mutated between <see cref="Enter"/> and <see cref="Leave"/> (IRQs
    /// masked). Exactly one thread — the current task's, or the driver's while idle — may be inside;
    /// <see cref="Enter"/> fails with a <see cref="KernelFaultException"/> otherwise.</item>
    /// <item>Trace events are buffered in the critical section and given to the sink after it.</item>
    /// <item>The idle task is the driver: when nothing is ready, control returns to the thread that
    /// called <see cref="RunUntilIdle"/> / <see cref="AdvanceTicks"/>.</item>
    /// </list>
    /// The partial files: <c>Scheduler.CriticalSection.cs</c> (enter/leave, checks, trace),
    /// <c>Scheduler.Dispatch.cs</c> (pick, switch, hand-over), <c>Scheduler.Blocking.cs</c> (block
    /// and wake), <c>Scheduler.Irq.cs</c> (the IRQ sink), <c>Scheduler.Time.cs</c> (tick, sleep,
    /// timeouts, slices), <c>Scheduler.Tasks.cs</c> (task lifecycle), <c>Scheduler.Priority.cs</c>
    /// (priority changes), <c>Scheduler.Driver.cs</c> (the idle task's driver calls).
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
        private readonly IIrqHandler[] _handlers = new IIrqHandler[IrqController.Lines];
        private readonly IInvariantChecker[] _checkers = new IInvariantChecker[8];
        private readonly TaskGate _idleGate;
        private int _checkerCount;
        private int _taskCount;
        // The task that owns the CPU, and the thread that may run kernel code (its thread, or the
        // driver's while idle; null after shutdown). Fields, not properties: the rt-mutex fast path
        // reads them, and on the interpreter every call costs. Compared by Thread object identity, not
        // ManagedThreadId (on nanoCLR an id read before Thread.Start need not be the one the thread reports).
        internal TaskControlBlock current;
        internal Thread runnerThread;
        private readonly Thread _driverThread;
        private int _handovers;   // bumped with Interlocked at every hand-over: the fence between switcher and switched-to
        private long _ticks;
        private bool _shutdown;
        private bool _inCheck;
        private bool _started;
        private readonly bool _checkInvariants;   // Config.CheckInvariants, read at every Leave
        private readonly bool _hardwareCas;       // the board's CAS is an instruction: tasks may take the rt-mutex fast paths

        /// <summary>The rt-mutex's PI propagation hook (docs/spec/rtmutex.md §11), or null.</summary>
        internal IPriorityChangeHook PriorityHook;

        /// <summary>Called when a task ends (the rt-mutex releases what it still holds), or null.</summary>
        internal ITaskExitHook ExitHook;

        private int _contextSwitches, _preemptions, _ticksProcessed, _irqsServiced, _invariantChecks;

        // ---- fault and hang reporting (Scheduler.Watchdog.cs, Scheduler.Driver.cs) ----
        private readonly int[] _faultIds;        // ids of faulted tasks, in fault order (each faults at most once)
        private int _faultCount, _faultsReported;
        private TaskControlBlock _lastFault;
        private long _haltAt = long.MaxValue;     // the driver's target tick: a task about to pass it is halted
        private int _haltRequested;               // 1: the next preemption point hands the CPU to the driver
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
        /// <exception cref="System.ArgumentException">The configuration is invalid (the message names the
        /// field), the board is null, or the board already runs another kernel.</exception>
        public Scheduler(KernelConfig config, Board board)
        {
            string bad = config == null ? "config is null" : config.Validate();
            if (bad != null) throw new System.ArgumentException(bad);
            if (board == null) throw new System.ArgumentException("board is null");
            if (board.Irq.IsAttached) throw new System.ArgumentException("board: this board already runs a kernel (one board, one Scheduler)");
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
            _faultIds = new int[config.MaxTasks];
            _abandonedIds = new int[config.MaxTasks];
            Trace = new TraceBuffer(config.TraceCapacity);
            Idle = new TaskControlBlock(0, "idle", config.PriorityLevels, TaskOptions.None, null);
            Idle.state = TaskState.Running;
            current = Idle;
            _driverThread = Thread.CurrentThread;
            runnerThread = _driverThread;
            _checkers[_checkerCount++] = new SchedulerInvariants(this);
            _irq.Attach(this);
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
        public TaskControlBlock TaskById(int id)
        {
            return id >= 1 && id <= _taskCount ? _tasks[id - 1] : null;
        }

        /// <summary>Registers an invariant checker run after every kernel operation when checking is on.</summary>
        public KernelStatus AddInvariantChecker(IInvariantChecker checker)
        {
            if (checker == null) return KernelStatus.InvalidArgument;
            if (_checkerCount == _checkers.Length) return KernelStatus.NoResources;
            _checkers[_checkerCount++] = checker;
            return KernelStatus.Ok;
        }

        /// <summary>Installs the service routine of device line <paramref name="irq"/> (1 .. 31).</summary>
        public KernelStatus SetIrqHandler(int irq, IIrqHandler handler)
        {
            if (irq <= Board.TickIrq || irq >= IrqController.Lines) return KernelStatus.InvalidArgument;
            _handlers[irq] = handler;
            return KernelStatus.Ok;
        }
    }
}
