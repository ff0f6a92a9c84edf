using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Memory
{
    /// <summary>
    /// The memory balloon of one <see cref="Partition"/>: moves blocks between the partition and
    /// the board pool until the partition holds its target (spec: docs/spec/balloon.md; the
    /// Xen patch "try harder to balloon up under memory pressure").
    /// <para><b>Contract.</b></para>
    /// <list type="bullet">
    /// <item><see cref="SetTarget"/> (any task, or the driver) stores
    /// <c>max(value, min(MinReservation, EffectiveTarget))</c> and signals the worker. A negative or
    /// unrepresentable value returns an error and changes nothing: no field, no counter, no signal.
    /// A target above the maximum is accepted; <see cref="EffectiveTarget"/> = min(Target, Maximum).</item>
    /// <item>One worker task at a configurable low priority, serialised by an rt-mutex with priority
    /// inheritance (<see cref="Mutex"/>: held for a whole run), drains
    /// <c>credit = EffectiveTarget - Current</c>: grow asks the pool for min(credit, MaxBatch) and
    /// KEEPS every granted block, a shortfall ends the loop; shrink takes up to min(-credit, MaxBatch)
    /// free blocks above the emergency reserve without waiting, zero-fills them, hands them to the
    /// pool; a shortfall ends the loop.</item>
    /// <item>After the loop, if Current != EffectiveTarget the SINGLE retry timer is (re-)armed at
    /// now + period; otherwise it is cancelled. The timer only signals the worker. There is no hard
    /// limit and no retry cap: nothing remembers "the most we ever got", and a shortfall never
    /// stops the retries. Optional doubling backoff on retries without progress, reset on progress.</item>
    /// <item>Counters are read as one snapshot (<see cref="ReadCounters"/>). Routine retries are not
    /// reported; one stall event goes to <see cref="Observer"/> after StallReportRetries retries
    /// without progress.</item>
    /// <item>Conservation: pool free + Σ partition holdings + in flight (+ direct allocations) is
    /// constant at every kernel operation; the service registers the pool's check as a kernel
    /// invariant checker.</item>
    /// </list>
    /// <para><b>Not guaranteed.</b> Convergence needs room: a grow reaches its target within one
    /// retry period of the pool having the blocks, a shrink within one period of the tasks freeing
    /// them. A target set faster than the retry period postpones the timer (re-arm, never stack);
    /// each such call runs the worker itself, so tries do not stop.</para>
    /// No steady-state path allocates: the batch buffer, event, timer, mutex and task are made here.
    /// </summary>
    public sealed partial class BalloonService
    {
        /// <summary>The kernel the worker runs on.</summary>
        public readonly Scheduler Kernel;

        /// <summary>The partition this service balloons.</summary>
        public readonly Partition Partition;

        /// <summary>The board pool.</summary>
        public readonly BlockPool Pool;

        /// <summary>Most blocks moved per step.</summary>
        public readonly int MaxBatch;

        /// <summary>Ticks between retries (without backoff).</summary>
        public readonly int RetryPeriod;

        /// <summary>Longest retry period the optional backoff reaches.</summary>
        public readonly int MaxRetryPeriod;

        /// <summary>The reservation floor (0 = none); it never forces growth.</summary>
        public readonly int MinReservation;

        /// <summary>True when the doubling backoff is on.</summary>
        public readonly bool RetryBackoff;

        /// <summary>Retries without progress that trigger the one stall event.</summary>
        public readonly int StallReportRetries;

        /// <summary>The rt-mutex that serialises the worker's runs (priority inheritance boosts the worker).</summary>
        public readonly RtMutex Mutex;

        /// <summary>The worker task.</summary>
        public readonly TaskControlBlock Worker;

        /// <summary>Receives the stall event, or null. Called outside the critical section.</summary>
        public IBalloonObserver Observer;

        private readonly KernelEvent _wake;
        private readonly KernelTimer _retry;
        private readonly int[] _batch;
        private int _target;
        private int _driverBlocks;
        private int _period;
        private int _seenExpirations;

        // The running counters (Runs .. StallEvents, LastProgressTick); the state fields of the snapshot
        // are filled only in the copies ReadCounters hands out.
        private readonly BalloonCounters _counters = new BalloonCounters();

        /// <summary>
        /// Creates the service of <paramref name="partition"/> on <paramref name="kernel"/>: the worker
        /// task, its event, retry timer, rt-mutex and batch buffer (a set-up call: it allocates). The
        /// initial target is the partition's current holdings, so nothing moves until a target is set.
        /// Call from the driver or a task.
        /// </summary>
        /// <exception cref="System.ArgumentException">An argument is null, the configuration is invalid (the
        /// message names the field), the partition already has a service, or the worker cannot be created.</exception>
        /// <param name="kernel">The kernel the worker task runs on (room for one more task).</param>
        /// <param name="partition">The partition to balloon (of a pool on the kernel's board; no service yet).</param>
        /// <param name="config">The configuration, validated against the kernel's priority levels.</param>
        public BalloonService(Scheduler kernel, Partition partition, BalloonConfig config)
        {
            if (kernel == null) throw new System.ArgumentNullException("kernel");
            if (partition == null) throw new System.ArgumentNullException("partition");
            if (config == null) throw new System.ArgumentNullException("config");
            string bad = config.Validate(kernel.Config.PriorityLevels);
            if (bad != null) throw new System.ArgumentException(bad, "config");
            if (partition.service != null) throw new System.ArgumentException("partition " + partition.Name + " already has a balloon service", "partition");
            if (partition.Pool.Board != kernel.Board) throw new System.ArgumentException("the partition's pool belongs to another board", "partition");
            if (kernel.TaskCount >= kernel.Config.MaxTasks) throw new System.ArgumentException("the kernel has no room for the worker task", "kernel");
            Kernel = kernel;
            Partition = partition;
            Pool = partition.Pool;
            MaxBatch = config.MaxBatch;
            int second = kernel.Board.Profile.TickRateHz;
            RetryPeriod = config.RetryPeriod > 0 ? config.RetryPeriod : (second > 0 ? second : 1);
            MaxRetryPeriod = config.MaxRetryPeriod > 0 ? config.MaxRetryPeriod : (RetryPeriod <= int.MaxValue / 64 ? RetryPeriod * 64 : int.MaxValue);
            if (MaxRetryPeriod < RetryPeriod) MaxRetryPeriod = RetryPeriod;
            MinReservation = config.MinReservation;
            RetryBackoff = config.RetryBackoff;
            StallReportRetries = config.StallReportRetries;
            _period = RetryPeriod;
            _counters.LastProgressTick = -1;
            // A step never moves more than the partition's maximum, so the buffer need not be larger.
            _batch = new int[MaxBatch < partition.Maximum ? MaxBatch : partition.Maximum];
            _target = partition.Current;
            _wake = new KernelEvent(kernel);
            _retry = new KernelTimer(kernel, _wake);
            Mutex = new RtMutex(kernel, "balloon:" + partition.Name);
            MemoryInvariants.AttachOnce(kernel, Pool);
            partition.service = this;
            int prio = config.WorkerPriority >= 0 ? config.WorkerPriority : kernel.Config.PriorityLevels - 1;
            KernelStatus err;
            Worker = kernel.CreateTask("balloon:" + partition.Name, prio, WorkerBody, TaskOptions.None, 0, out err);
            if (Worker == null)
            {
                partition.service = null;
                throw new System.ArgumentException("cannot create the balloon worker task", "kernel");
            }
        }

        /// <summary>Bytes per block (the unit every block count is in).</summary>
        public int BlockSize { get { return Pool.BlockSize; } }

        /// <summary>Blocks the partition holds.</summary>
        public int Current { get { return Partition.currentBlocks; } }

        /// <summary>The last accepted target in blocks (may exceed the maximum).</summary>
        public int Target { get { return _target; } }

        /// <summary>min(Target, Maximum): what the worker converges to.</summary>
        public int EffectiveTarget { get { return _target < Partition.Maximum ? _target : Partition.Maximum; } }

        /// <summary>Blocks drivers hold outside the service, as reported through <see cref="UpdateDriverAllowance"/>.</summary>
        public int DriverBlocks { get { return _driverBlocks; } }

        /// <summary>True while the retry timer is armed.</summary>
        public bool RetryArmed { get { return _retry.IsArmed; } }

        /// <summary>Tick the retry timer expires at (-1 when not armed).</summary>
        public long RetryDueTick { get { return _retry.IsArmed ? _retry.DueTick : -1; } }

        /// <summary>Holdings in bytes (Current x BlockSize).</summary>
        public long CurrentBytes { get { return (long)Partition.currentBlocks * Pool.BlockSize; } }

        /// <summary>Holdings in KiB, rounded down.</summary>
        public long CurrentKiB { get { return CurrentBytes / 1024; } }

        // ------------------------------------------------------------------ target (front end)

        /// <summary>
        /// The front end's admission: WrongContext from a thread that may not call the kernel now (or after
        /// shutdown), WorkerDied once the worker task has ended (its fault was reported to the driver as
        /// TaskFaulted: the service would never act again, so it says so instead of answering Ok).
        /// </summary>
        private MemoryStatus Refusal()
        {
            if (Kernel.CheckCaller() != KernelStatus.Ok) return MemoryStatus.WrongContext;
            if (Worker.State == TaskState.Dead) return MemoryStatus.WorkerDied;
            return MemoryStatus.Ok;
        }

        /// <summary>
        /// Sets the target in blocks and signals the worker. Stores
        /// max(<paramref name="blocks"/>, min(MinReservation, EffectiveTarget)); a value above the
        /// maximum is accepted and clamped by <see cref="EffectiveTarget"/>. NegativeCount for a
        /// negative value: then nothing changes and the worker is not signalled.
        /// </summary>
        /// <param name="blocks">The target in blocks (>= 0).</param>
        /// <returns>Ok; WrongContext from a thread that may not call the kernel now; WorkerDied once the worker task has ended; NegativeCount for a negative value.</returns>
        public MemoryStatus SetTarget(int blocks)
        {
            MemoryStatus refused = Refusal();
            if (refused != MemoryStatus.Ok) return refused;
            if (blocks < 0) return MemoryStatus.NegativeCount;
            int s = Kernel.Enter();
            int et = EffectiveTarget;
            int floor = MinReservation < et ? MinReservation : et;
            _target = blocks > floor ? blocks : floor;
            Kernel.Leave(s);
            _wake.Signal();
            return MemoryStatus.Ok;
        }

        /// <summary>
        /// Sets the target in BYTES, rounded down to whole blocks. NegativeCount for a negative
        /// value, Unrepresentable when the block count exceeds a 32-bit int; then nothing changes.
        /// </summary>
        /// <param name="bytes">The target in bytes (>= 0).</param>
        /// <returns>Ok; WrongContext from a thread that may not call the kernel now; WorkerDied once the worker task has ended; NegativeCount for a negative value; Unrepresentable when the block count exceeds int.</returns>
        public MemoryStatus SetTargetBytes(long bytes)
        {
            if (bytes < 0) return MemoryStatus.NegativeCount;
            long blocks = bytes / Pool.BlockSize;
            if (blocks > int.MaxValue) return MemoryStatus.Unrepresentable;
            return SetTarget((int)blocks);
        }

        /// <summary>
        /// Sets the target in KiB (1024 bytes), rounded down to whole blocks. NegativeCount for a
        /// negative value, Unrepresentable when the bytes or the block count overflow; then nothing changes.
        /// </summary>
        /// <param name="kib">The target in KiB (>= 0).</param>
        /// <returns>Ok; WrongContext from a thread that may not call the kernel now; WorkerDied once the worker task has ended; NegativeCount for a negative value; Unrepresentable when the bytes or the block count overflow.</returns>
        public MemoryStatus SetTargetKiB(long kib)
        {
            if (kib < 0) return MemoryStatus.NegativeCount;
            if (kib > long.MaxValue / 1024) return MemoryStatus.Unrepresentable;
            return SetTargetBytes(kib * 1024);
        }

        /// <summary>
        /// Drivers report blocks they took (positive delta) or gave back (negative) outside the
        /// service. Reported only: it moves no block and changes no target. Unrepresentable on
        /// overflow, NegativeCount if the total would drop below zero; then nothing changes.
        /// </summary>
        /// <param name="deltaBlocks">Blocks drivers took (positive) or gave back (negative).</param>
        /// <returns>Ok; WrongContext from a thread that may not call the kernel now; WorkerDied once the worker task has ended; Unrepresentable on overflow; NegativeCount if the total would drop below zero.</returns>
        public MemoryStatus UpdateDriverAllowance(int deltaBlocks)
        {
            MemoryStatus refused = Refusal();
            if (refused != MemoryStatus.Ok) return refused;
            int s = Kernel.Enter();
            long v = (long)_driverBlocks + deltaBlocks;
            MemoryStatus r = MemoryStatus.Ok;
            if (v > int.MaxValue) r = MemoryStatus.Unrepresentable;
            else if (v < 0) r = MemoryStatus.NegativeCount;
            else _driverBlocks = (int)v;
            Kernel.Leave(s);
            return r;
        }
    }
}
