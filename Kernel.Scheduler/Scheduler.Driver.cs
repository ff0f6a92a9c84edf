using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// The driver: the thread that created the kernel runs as the idle task. It hands the CPU to the
    /// tasks and gets it back when every task is blocked, sleeping, suspended or dead ("quiescent"),
    /// when the target tick is reached, or when the watchdog fires. Driver calls come from that thread.
    /// <para>The driver contract (docs/spec/scheduler.md §35): tasks and time run only inside the run calls
    /// (<see cref="RunUntilIdle"/>, <see cref="AdvanceTicks"/>, <see cref="RunUntilTick"/>). Any other call
    /// from the driver (CreateTask, Give, Signal, Resume, ...) makes tasks ready and returns at once; IRQ
    /// lines raised meanwhile stay pending until the next run call.</para>
    /// <para>Every driver call returns a status and never hangs silently:</para>
    /// <list type="bullet">
    /// <item><c>Ok</c>: done.</item>
    /// <item><c>TaskFaulted</c>: a task body threw during the call (once per fault, in fault order);
    /// the call stops at the end of the tick it happened in. <see cref="LastFault"/> names the task, its
    /// <c>Fault</c> holds the exception; the trace has a TaskFault event.</item>
    /// <item><c>WatchdogExpired</c>: the driver waited <c>KernelConfig.WatchdogMs</c> for the CPU; see
    /// <see cref="WatchdogTask"/> and <see cref="WatchdogTaskStuck"/> (Scheduler.Watchdog.cs).</item>
    /// <item><c>HookFaulted</c>: application code the kernel called (an IRQ handler, the trace sink, a
    /// checker) failed; <see cref="LastHookFault"/> says which and how (Scheduler.HookFaults.cs).</item>
    /// <item><c>WrongContext</c>, nothing run: the call came from a task, a foreign thread, an IRQ handler,
    /// the trace sink or a checker (a run call inside a run call), or with IRQs masked.</item>
    /// <item><c>ShutDown</c> after <see cref="Shutdown"/>; <c>InvalidArgument</c> for bad arguments (nothing runs).</item>
    /// </list>
    /// </summary>
    public sealed partial class Scheduler
    {
        /// <summary>
        /// Admits a driver call: Ok, ShutDown, WatchdogExpired while a task the watchdog found stuck
        /// still holds the CPU, or WrongContext for a call from a task or a foreign thread, from code the
        /// driver runs inside a run call (an IRQ handler, the trace sink, a checker) or with IRQs masked.
        /// </summary>
        private KernelStatus BeginDriverCall()
        {
            if (Thread.CurrentThread != _driverThread) return ForeignDriverCall();
            if (_shutdown) return KernelStatus.ShutDown;
            if (_stuck != null && !RecoverFromStuck()) return KernelStatus.WatchdogExpired;
            if (_driving || _irq.IsMasked) return KernelStatus.WrongContext;   // nested, or masked: it could never run (§35)
            if (current != Idle) throw new KernelFaultException("driver call made from inside a task");
            _watchdogFired = false;
            return KernelStatus.Ok;
        }

        /// <summary>The run calls' bracket: the idle task may dispatch and IRQ lines are delivered only in between (§35).</summary>
        private void SetDriving(bool on)
        {
            _driving = on;
            _irq.held = on ? 0 : 1;
        }

        /// <summary>
        /// A driver call from another thread: a task's own (misuse: WrongContext) or a foreign one
        /// (WrongContext, counted in <see cref="ForeignCalls"/>). Nothing changes.
        /// </summary>
        private KernelStatus ForeignDriverCall()
        {
            if (Thread.CurrentThread != _irq.runnerThread) Interlocked.Increment(ref _foreignCalls);
            return KernelStatus.WrongContext;
        }

        /// <summary>Runs the system until quiescent (or halted); then the call's outcome: Ok, WatchdogExpired, TaskFaulted.</summary>
        private KernelStatus RunToQuiescence()
        {
            _started = true;
            KeepExitReserve();
            Checkpoint();
            if (_watchdogFired) return KernelStatus.WatchdogExpired;
            if (_faultsReported < _faultCount)
            {
                _lastFault = TaskById(_faultIds[_faultsReported++]);
                return KernelStatus.TaskFaulted;
            }
            if (TakeHookFault()) return KernelStatus.HookFaulted;
            return KernelStatus.Ok;
        }

        /// <summary>
        /// Runs the tasks until none is ready. Virtual time does not advance unless a task burns CPU
        /// (<see cref="Busy"/>); a task that never lets the system go idle is halted by the watchdog.
        /// </summary>
        /// <returns>Ok when no task is ready; otherwise why it stopped (e.g. TaskFaulted, WatchdogExpired, HookFaulted) or why the driver call was refused.</returns>
        public KernelStatus RunUntilIdle()
        {
            KernelStatus st = BeginDriverCall();
            if (st != KernelStatus.Ok) return st;
            SetDriving(true);
            try
            {
                return RunToQuiescence();
            }
            finally
            {
                SetDriving(false);
            }
        }

        /// <summary>
        /// Simulated board: advances virtual time by <paramref name="ticks"/> ticks, running the system
        /// to quiescence after each one, and returns with <see cref="Now"/> = start + ticks — even when a
        /// task is always ready: a task about to burn CPU past that tick is halted there (like a debugger
        /// halting the CPU) and resumes at the next driver call. Stops early with TaskFaulted or
        /// WatchdogExpired. InvalidArgument (nothing runs) for a negative count or a real-time board.
        /// </summary>
        /// <param name="ticks">Ticks to advance, not negative.</param>
        /// <returns>Ok; TaskFaulted or WatchdogExpired when it stopped early; InvalidArgument; or why the driver call was refused.</returns>
        public KernelStatus AdvanceTicks(int ticks)
        {
            KernelStatus st = BeginDriverCall();
            if (st != KernelStatus.Ok) return st;
            if (ticks < 0 || !Board.IsSimulated) return KernelStatus.InvalidArgument;
            return RunTo(DeadlineAfter(ticks));
        }

        /// <summary>
        /// Runs until kernel time reaches <paramref name="untilTick"/>: on a real-time board the idle CPU
        /// waits for IRQs (the tick thread) in between; on the simulated board the idle CPU advances
        /// virtual time one tick at a time (the same trace as <see cref="AdvanceTicks"/>). A task still
        /// running at that tick is halted. Stops early with TaskFaulted or WatchdogExpired.
        /// </summary>
        /// <param name="untilTick">The kernel tick to run to.</param>
        /// <returns>Ok; TaskFaulted or WatchdogExpired when it stopped early; or why the driver call was refused.</returns>
        public KernelStatus RunUntilTick(long untilTick)
        {
            KernelStatus st = BeginDriverCall();
            if (st != KernelStatus.Ok) return st;
            Board.Start();
            return RunTo(untilTick);
        }

        private KernelStatus RunTo(long target)
        {
            _haltAt = target;
            SetDriving(true);
            try
            {
                KernelStatus st = RunToQuiescence();
                while (st == KernelStatus.Ok && _ticks < target)
                {
                    Board.IdleUntilTick();
                    st = RunToQuiescence();
                }
                return st;
            }
            finally
            {
                SetDriving(false);
                if (_stuck == null) _haltAt = long.MaxValue;
            }
        }

        /// <summary>
        /// Stops the kernel: every parked task thread unwinds (<see cref="TaskAbortException"/>) and is
        /// joined, and the board's tick source stops. Bounded: a thread that has not ended after
        /// <c>KernelConfig.ShutdownTimeoutMs</c> (a body that swallows the abort, a task the watchdog
        /// found stuck) is abandoned — <see cref="AbandonedTask"/> names it, and the result is
        /// TasksAbandoned. Call from the driver, outside the run calls (from an IRQ handler, the trace sink
        /// or with IRQs masked: WrongContext, nothing changes). Later calls return ShutDown.
        /// </summary>
        /// <returns>Ok, TasksAbandoned, WrongContext, ShutDown (already shut down), or why the driver call was refused.</returns>
        public KernelStatus Shutdown()
        {
            if (Thread.CurrentThread != _driverThread) return ForeignDriverCall();
            if (_shutdown) return KernelStatus.ShutDown;
            if (_driving || (current == Idle && _irq.IsMasked)) return KernelStatus.WrongContext;   // a stuck task's mask is its own
            _shutdown = true;
            _irq.runnerThread = null;          // from now on every thread is foreign to the kernel
            Board.Stop();
            for (int i = 0; i < _taskCount; i++) _threads[i].Gate.Open();
            long deadline = ClockMs() + Config.ShutdownTimeoutMs;
            for (int i = 0; i < _taskCount; i++)
            {
                long left = deadline - ClockMs();
                if (_threads[i].Thread.Join(left > 0 ? (int)left : 0)) continue;
                _abandonedIds[_abandonedCount++] = i + 1;
                _threads[i].TryAbort();
            }
            return _abandonedCount == 0 ? KernelStatus.Ok : KernelStatus.TasksAbandoned;
        }

        /// <summary>True while the managed thread of task <paramref name="id"/> is alive (tests prove shutdown joins them).</summary>
        internal bool IsTaskThreadAlive(int id)
        {
            TaskControlBlock t = TaskById(id);
            return t != null && _threads[id - 1].Thread.IsAlive;
        }

        /// <summary>The task named by the last <see cref="KernelStatus.TaskFaulted"/>, or null.</summary>
        public TaskControlBlock LastFault { get { return _lastFault; } }

        /// <summary>The first task whose body threw (not counting shutdown), or null.</summary>
        /// <returns>That task, or null.</returns>
        public TaskControlBlock FirstFaultedTask()
        {
            return _faultCount == 0 ? null : TaskById(_faultIds[0]);
        }

        /// <summary>Task threads Shutdown had to abandon.</summary>
        public int AbandonedTaskCount { get { return _abandonedCount; } }

        /// <summary>Abandoned task number <paramref name="index"/> (0-based), or null.</summary>
        /// <param name="index">0-based, 0 .. AbandonedTaskCount-1.</param>
        /// <returns>The abandoned task, or null when index is out of range.</returns>
        public TaskControlBlock AbandonedTask(int index)
        {
            return index >= 0 && index < _abandonedCount ? TaskById(_abandonedIds[index]) : null;
        }

        /// <summary>Records that task <paramref name="t"/> ended by an exception (masked, in its exit path).</summary>
        private void RecordFault(TaskControlBlock t)
        {
            _faultIds[_faultCount++] = t.Id;
            Emit(TraceKind.TaskFault, t, 0, 0);
        }
    }
}
