using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Fixed-priority cooperative-preemptive scheduler that owns the task control blocks.
    /// <para>Contract:</para>
    /// <list type="bullet">
    /// <item>The most urgent ready task runs (lower number = more urgent); FIFO among equals.
    /// A preempted task resumes before its equals; a yielding or time-sliced task goes behind them.</item>
    /// <item>Preemption points: the end of every kernel call, interrupt exit (the tick included) and
    /// <see cref="Checkpoint"/>. A cooperative task is never preempted by another task, only interrupted.</item>
    /// <item>All kernel state is mutated between <see cref="Enter"/> and <see cref="Leave"/> (interrupts
    /// masked). Exactly one thread — the current task's, or the driver's while idle — may be inside;
    /// <see cref="Enter"/> fails with a <see cref="KernelFaultException"/> otherwise.</item>
    /// <item>Trace events are buffered in the critical section and given to the sink after it.</item>
    /// <item>The idle task is the driver: when nothing is ready, control returns to the thread that
    /// called <see cref="RunUntilIdle"/> / <see cref="AdvanceTicks"/>.</item>
    /// </list>
    /// </summary>
    public sealed partial class Scheduler : IIrqSink
    {
        /// <summary>The configuration (validated).</summary>
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
        private readonly IIrqHandler[] _handlers = new IIrqHandler[IrqController.Lines];
        private readonly IInvariantChecker[] _checkers = new IInvariantChecker[8];
        private readonly TaskGate _idleGate = new TaskGate();
        private int _checkerCount;
        private int _taskCount;
        private TaskControlBlock _current;
        // Who may run kernel code: compared by Thread object identity, not ManagedThreadId (on
        // nanoCLR an id read before Thread.Start need not be the id the running thread reports).
        private Thread _runnerThread;
        private readonly Thread _driverThread;
        private int _handovers;   // bumped with Interlocked at every hand-over: the fence between switcher and switched-to
        private long _ticks;
        private bool _shutdown;
        private bool _inCheck;
        private bool _started;

        /// <summary>The rt-mutex's PI propagation hook (spec §11), or null.</summary>
        public IPriorityChangeHook PriorityHook;

        /// <summary>Called when a task ends (the rt-mutex releases what it still holds), or null.</summary>
        public ITaskExitHook ExitHook;

        // ---- counters ----
        /// <summary>Context switches performed.</summary>
        public int ContextSwitches;
        /// <summary>Switches that took the CPU from a runnable task.</summary>
        public int Preemptions;
        /// <summary>Ticks processed.</summary>
        public int TicksProcessed;
        /// <summary>Device (non-tick) interrupts serviced.</summary>
        public int IrqsServiced;
        /// <summary>Invariant checks run.</summary>
        public int InvariantChecks;

        /// <summary>
        /// Creates a kernel on <paramref name="board"/>. The calling thread becomes the driver
        /// (the idle task's context).
        /// </summary>
        /// <exception cref="System.ArgumentException">The configuration is invalid (the message names the field).</exception>
        public Scheduler(KernelConfig config, Board board)
        {
            string bad = config == null ? "config is null" : config.Validate();
            if (bad != null) throw new System.ArgumentException(bad);
            if (board == null) throw new System.ArgumentException("board is null");
            Config = config;
            Board = board;
            _irq = board.Irq;
            _ready = new ReadyQueue(config.PriorityLevels);
            _timeouts = new TimeoutQueue();
            _tasks = new TaskControlBlock[config.MaxTasks];
            Trace = new TraceBuffer(config.TraceCapacity);
            Idle = new TaskControlBlock(0, "idle", config.PriorityLevels, TaskOptions.None, null);
            Idle.state = TaskState.Running;
            _current = Idle;
            _driverThread = Thread.CurrentThread;
            _runnerThread = _driverThread;
            _irq.Attach(this);
        }

        /// <summary>The task that owns the CPU (the idle task while the driver runs).</summary>
        public TaskControlBlock Current { get { return _current; } }

        /// <summary>Ticks processed since start (kernel time).</summary>
        public long Now { get { return _ticks; } }

        /// <summary>Number of tasks created.</summary>
        public int TaskCount { get { return _taskCount; } }

        /// <summary>True once the driver started dispatching (tasks created before that wait for it).</summary>
        public bool IsStarted { get { return _started; } }

        /// <summary>True once <see cref="Shutdown"/> started.</summary>
        public bool IsShutDown { get { return _shutdown; } }

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

        // ------------------------------------------------------------------ critical section

        /// <summary>
        /// Enters the kernel: masks interrupts and returns the previous state for <see cref="Leave"/>.
        /// Throws <see cref="TaskAbortException"/> after shutdown, and <see cref="KernelFaultException"/>
        /// if the calling thread is not the one that owns the CPU.
        /// </summary>
        public int Enter()
        {
            if (_shutdown) throw new TaskAbortException();
            RequireRunner();
            return _irq.Mask();
        }

        /// <summary>Throws <see cref="KernelFaultException"/> unless the calling thread owns the CPU.</summary>
        private void RequireRunner()
        {
            if (Thread.CurrentThread != _runnerThread)
                throw new KernelFaultException("kernel entered by a thread that does not own the CPU (current task: " + _current.Name + ")");
        }

        /// <summary>
        /// Leaves the kernel: restores the state from <see cref="Enter"/>; at the outermost level
        /// delivers pending interrupts, checks invariants (when on), reschedules and flushes the trace.
        /// </summary>
        public void Leave(int state)
        {
            if (state != 0)
            {
                _irq.RestoreQuiet(state);
                _irq.RequestExitHook();   // reschedule when the outer region enables interrupts again
                return;
            }
            FaultIfBroken("invariant: ");
            _irq.Restore(0);
            Reschedule();
            FlushTrace();
        }

        /// <summary>Runs every invariant check now; throws <see cref="KernelFaultException"/> naming the first broken one.</summary>
        public void CheckInvariants()
        {
            int s = Enter();
            string broken = RunChecks();
            _irq.RestoreQuiet(s);
            if (broken != null) throw new KernelFaultException("invariant: " + broken);
        }

        /// <summary>
        /// At the outermost level, masked: when checking is on and an invariant is broken, unmask and
        /// throw a <see cref="KernelFaultException"/> naming it (prefixed by <paramref name="where"/>).
        /// </summary>
        private void FaultIfBroken(string where)
        {
            string broken = Config.CheckInvariants ? RunChecks() : null;
            if (broken == null) return;
            _irq.RestoreQuiet(0);
            throw new KernelFaultException(where + broken);
        }

        /// <summary>Runs every check (masked); null when all hold.</summary>
        private string RunChecks()
        {
            if (_inCheck) return null;
            _inCheck = true;
            InvariantChecks++;
            string e = _ready.Check();
            if (e == null) e = _timeouts.Check();
            if (e == null) e = CheckTasks();
            for (int i = 0; e == null && i < _checkerCount; i++) e = _checkers[i].Check();
            _inCheck = false;
            return e;
        }

        private string CheckTasks()
        {
            // The current task may have just blocked or yielded (the switch follows at the preemption point).
            if (_current.state == TaskState.Running && _current.inReadyQueue) return "running task " + _current.Name + " is in the ready queue";
            for (int i = 0; i < _taskCount; i++)
            {
                TaskControlBlock t = _tasks[i];
                if (t != _current && t.state == TaskState.Running) return t.Name + " Running but not current";
                if ((t.state == TaskState.Ready) != t.inReadyQueue) return t.Name + " ready state and queue disagree";
                if (t.state == TaskState.Delayed && !t.Timeout.queued) return t.Name + " sleeping without a timeout";
                if (t.Timeout.queued && t.state != TaskState.Delayed && t.state != TaskState.Blocked) return t.Name + " has a timeout but does not wait";
            }
            return null;
        }

        private void FlushTrace()
        {
            ITraceSink sink = Trace.Sink;
            if (sink == null) return;
            while (true)
            {
                int s = _irq.Mask();
                TraceEvent e;
                bool any = Trace.TryTake(out e);
                _irq.RestoreQuiet(s);
                if (!any) return;
                sink.OnEvent(e);
            }
        }

        internal void Emit(TraceKind kind, TaskControlBlock t, int a, int b)
        {
            Trace.Append(_ticks, kind, t == null ? 0 : t.Id, a, b);
        }

        /// <summary>Records a trace event from a kernel extension (rt-mutex, memory). Call inside the critical section.</summary>
        public void EmitEvent(TraceKind kind, TaskControlBlock t, int a, int b) { Emit(kind, t, a, b); }

        // ------------------------------------------------------------------ dispatch

        /// <summary>
        /// Preemption point: delivers pending interrupts, then switches if a more urgent task is
        /// ready (and the current task is preemptible), or if the current task no longer runs.
        /// </summary>
        /// <exception cref="KernelFaultException">The calling thread does not own the CPU.</exception>
        public void Checkpoint()
        {
            if (_shutdown) throw new TaskAbortException();
            RequireRunner();
            if (_irq.IsMasked) return;
            _irq.Poll();
            Reschedule();
            FlushTrace();
        }

        /// <summary>Called after the last pending interrupt handler: reschedule on interrupt exit.</summary>
        void IIrqSink.OnIrqExit()
        {
            Reschedule();
        }

        void IIrqSink.OnIrq(int irq)
        {
            if (irq == Board.TickIrq)
            {
                // Wrap-safe: the real-time board counts in an int (Interlocked on int only), which wraps
                // after 2^31 ticks; compare the low 32 bits as a signed difference.
                while ((int)Board.Now - (int)_ticks > 0) Tick();
                return;
            }
            IrqsServiced++;
            Emit(TraceKind.IrqEnter, _current, irq, 0);
            IIrqHandler h = _handlers[irq];
            if (h != null) h.OnIrq(this, irq);
            Emit(TraceKind.IrqExit, _current, irq, 0);
        }

        private TaskControlBlock PickNext()
        {
            TaskControlBlock cur = _current;
            TaskControlBlock top = _ready.Peek();
            if (cur.state == TaskState.Running)
            {
                if (cur == Idle) return top != null ? top : Idle;
                if (cur.IsCooperative || top == null) return cur;
                return Priority.MoreUrgent(top.effectivePriority, cur.effectivePriority) ? top : cur;
            }
            return top != null ? top : Idle;
        }

        /// <summary>Switches to the task that should run, if it is not the current one. Interrupts must be enabled.</summary>
        private void Reschedule()
        {
            if (_irq.IsMasked || _shutdown || !_started) return;
            int s = _irq.Mask();
            TaskControlBlock next = PickNext();
            if (next == _current)
            {
                // It queued itself (yield, slice end) but nothing may run before it: it keeps the CPU.
                if (next.inReadyQueue)
                {
                    _ready.Remove(next);
                    next.state = TaskState.Running;
                    if (next.SliceLeft <= 0) next.SliceLeft = next.TimeSlice;
                }
                _irq.RestoreQuiet(s);
                return;
            }
            SwitchTo(next, s);
        }

        /// <summary>
        /// The context switch. Called masked with <paramref name="s"/> == 0 (the outermost level):
        /// updates the queues, hands the CPU (and the right to enter the kernel) to
        /// <paramref name="next"/>, opens its gate, and parks the previous task's thread at its
        /// own gate until it is current again (a dead task's thread just returns and ends).
        /// </summary>
        private void SwitchTo(TaskControlBlock next, int s)
        {
            if (s != 0) throw new KernelFaultException("context switch inside a nested critical section");
            TaskControlBlock prev = _current;
            if (prev.state == TaskState.Running)
            {
                if (prev != Idle)
                {
                    prev.state = TaskState.Ready;
                    _ready.EnqueueHead(prev);
                    prev.Preemptions++;
                    Preemptions++;
                    Emit(TraceKind.Preempt, prev, next.Id, 0);
                }
                else prev.state = TaskState.Ready;
            }
            if (next != Idle)
            {
                if (next.inReadyQueue) _ready.Remove(next);
                if (next.SliceLeft <= 0) next.SliceLeft = next.TimeSlice;
            }
            next.state = TaskState.Running;
            ContextSwitches++;
            next.SwitchesIn++;
            Emit(TraceKind.Switch, next, prev.Id, 0);
            bool prevDead = prev.state == TaskState.Dead;
            _irq.RestoreQuiet(0);
            FlushTrace();
            // Hand-over. From the write of _current on, the next task's thread may run (it can see
            // its turn even before its gate opens), so nothing below touches shared kernel state.
            // The Interlocked increment is a full fence: every kernel write above is visible before _current is.
            _runnerThread = next == Idle ? _driverThread : ((TaskThread)next.Context).Thread;
            Interlocked.Increment(ref _handovers);
            _current = next;
            GateOf(next).Open();
            if (prevDead) return;
            WaitTurn(prev);
        }

        private TaskGate GateOf(TaskControlBlock t)
        {
            return t == Idle ? _idleGate : ((TaskThread)t.Context).Gate;
        }

        /// <summary>Parks the calling thread until <paramref name="t"/> is current; unwinds on shutdown.</summary>
        internal void WaitTurn(TaskControlBlock t)
        {
            TaskGate gate = GateOf(t);
            while (_current != t)
            {
                if (_shutdown)
                {
                    if (t == Idle) return;
                    throw new TaskAbortException();
                }
                gate.Wait();
            }
            Interlocked.CompareExchange(ref _handovers, 0, -1);   // acquire fence: our turn seen, so is the state before it
            if (_shutdown && t != Idle) throw new TaskAbortException();
        }

        /// <summary>Puts a task in the ready queue (tail) and records it. Call masked.</summary>
        internal void MakeReady(TaskControlBlock t)
        {
            t.state = TaskState.Ready;
            _ready.EnqueueTail(t);
            Emit(TraceKind.Ready, t, t.effectivePriority, 0);
        }

        /// <summary>
        /// Wakes a blocked or sleeping task with <paramref name="result"/>, disarming its timeout.
        /// ISR-safe; call masked. Returns false (nothing changes) if the task was not waiting.
        /// The waker removes the task from the object's wait list; a task woken by a timeout or
        /// an interrupt request removes itself when it runs.
        /// </summary>
        public bool Wake(TaskControlBlock t, KernelStatus result)
        {
            if (t.state != TaskState.Blocked && t.state != TaskState.Delayed) return false;
            _timeouts.Remove(t.Timeout);
            t.WaitResult = result;
            Emit(TraceKind.Wake, t, (int)result, 0);
            MakeReady(t);
            return true;
        }

        /// <summary>
        /// Blocks the current task on <paramref name="waitingOn"/> and switches away. Call masked
        /// at the outermost level (<paramref name="s"/> from <see cref="Enter"/> must be 0). Returns,
        /// with interrupts ENABLED, when woken: Ok, TimedOut (after <paramref name="timeoutTicks"/>
        /// when >= 0) or Interrupted (when the caller set <see cref="TaskControlBlock.Interruptible"/>). WrongContext if called by idle.
        /// </summary>
        public KernelStatus BlockCurrent(int s, TaskState state, object waitingOn, long timeoutTicks)
        {
            TaskControlBlock t = _current;
            if (t == Idle || s != 0) { _irq.RestoreQuiet(s); return KernelStatus.WrongContext; }
            t.state = state;
            t.WaitingOn = waitingOn;
            t.WaitResult = KernelStatus.Ok;
            if (timeoutTicks >= 0) _timeouts.Insert(t.Timeout, DeadlineAfter(timeoutTicks));
            Emit(TraceKind.Block, t, (int)state, 0);
            FaultIfBroken("invariant (on block): ");
            SwitchTo(PickNext(), s);
            t.WaitingOn = null;
            return t.WaitResult;
        }
    }
}
