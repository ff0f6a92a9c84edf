using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// The simulation driver: the thread that created the kernel runs as the idle task. It
    /// hands the CPU to the tasks and gets it back when every task is blocked, sleeping,
    /// suspended or dead ("quiescent"). Driver calls must come from that thread while idle.
    /// </summary>
    public sealed partial class Scheduler
    {
        private void RequireDriver()
        {
            if (_current != Idle || System.Threading.Thread.CurrentThread != _driverThread)
                throw new KernelFaultException("driver call made from a task or another thread");
            _started = true;
        }

        /// <summary>Runs the tasks until none is ready; virtual time does not advance unless a task burns CPU.</summary>
        public KernelStatus RunUntilIdle()
        {
            RequireDriver();
            Checkpoint();
            return KernelStatus.Ok;
        }

        /// <summary>
        /// Simulated board: advances virtual time by <paramref name="ticks"/> ticks, running the
        /// system to quiescence after each one. InvalidArgument for a negative count or a real-time board.
        /// </summary>
        public KernelStatus AdvanceTicks(int ticks)
        {
            RequireDriver();
            if (ticks < 0 || !Board.IsSimulated) return KernelStatus.InvalidArgument;
            Checkpoint();
            for (int i = 0; i < ticks; i++)
            {
                Board.IdleUntilTick();
                Checkpoint();
            }
            return KernelStatus.Ok;
        }

        /// <summary>
        /// Real time: runs until kernel time reaches <paramref name="untilTick"/>, the idle CPU
        /// waiting for interrupts (the board's tick thread) in between. On the simulated board,
        /// which has no tick source, the idle CPU advances virtual time one tick at a time instead
        /// (the same trace as <see cref="AdvanceTicks"/>).
        /// </summary>
        public KernelStatus RunUntilTick(long untilTick)
        {
            RequireDriver();
            Board.Start();
            while (true)
            {
                Checkpoint();
                if (_ticks >= untilTick) break;
                Board.IdleUntilTick();
            }
            return KernelStatus.Ok;
        }

        /// <summary>
        /// Stops the kernel: every parked task thread unwinds (<see cref="TaskAbortException"/>) and is
        /// joined, and the board's tick source stops. Call from the driver while idle. Idempotent.
        /// </summary>
        public KernelStatus Shutdown()
        {
            if (_shutdown) return KernelStatus.ShutDown;
            RequireDriver();
            _shutdown = true;
            Board.Stop();
            for (int i = 0; i < _taskCount; i++) _threads[i].Gate.Open();
            for (int i = 0; i < _taskCount; i++) _threads[i].Thread.Join();
            return KernelStatus.Ok;
        }

        /// <summary>True while the managed thread of task <paramref name="id"/> is alive (tests prove shutdown joins them).</summary>
        internal bool IsTaskThreadAlive(int id)
        {
            TaskControlBlock t = TaskById(id);
            return t != null && _threads[id - 1].Thread.IsAlive;
        }

        /// <summary>The task named by the last <see cref="KernelStatus.TaskFaulted"/>, or null.</summary>
        public TaskControlBlock LastFault { get { return null; } }

        /// <summary>The task named by the last <see cref="KernelStatus.WatchdogExpired"/>, or null.</summary>
        public TaskControlBlock WatchdogTask { get { return null; } }

        /// <summary>True when <see cref="WatchdogTask"/> has not reached a kernel call (it still holds the CPU).</summary>
        public bool WatchdogTaskStuck { get { return false; } }

        /// <summary>Kernel calls refused because they came from a thread that was not the current task's.</summary>
        public int ForeignCalls { get { return 0; } }

        /// <summary>Task threads Shutdown had to abandon.</summary>
        public int AbandonedTaskCount { get { return 0; } }

        /// <summary>Abandoned task number <paramref name="index"/>, or null.</summary>
        public TaskControlBlock AbandonedTask(int index) { return null; }

        /// <summary>The first task whose body threw (not counting shutdown), or null.</summary>
        public TaskControlBlock FirstFaultedTask()
        {
            for (int i = 0; i < _taskCount; i++) if (_tasks[i].fault != null) return _tasks[i];
            return null;
        }
    }
}
