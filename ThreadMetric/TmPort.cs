using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.ThreadMetric
{
    /// <summary>
    /// The Thread-Metric porting layer on this kernel: the suite's generic RTOS services (thread
    /// create/resume/suspend/relinquish/sleep, a queue of 16-byte messages, a binary semaphore, a pool of
    /// 128-byte blocks, and the instruction that causes an interrupt) mapped onto the kernel's API. As the
    /// suite requires, every service is a real method call (no inlined shortcut), and every call returns
    /// <see cref="Success"/> or <see cref="Error"/>.
    /// <code>
    ///   Thread-Metric service        this kernel
    ///   thread create (not started)  Scheduler.CreateTask before dispatching starts, then Suspend
    ///   thread resume / suspend      Scheduler.Resume / Scheduler.Suspend (Resume is ISR-safe)
    ///   thread relinquish            Scheduler.Yield
    ///   thread sleep                 Scheduler.Sleep, in kernel ticks (the board's tick rate)
    ///   queue: 16-byte messages      MessageQueue of 4-word messages, capacity 12 (a 200-byte queue
    ///                                area, as in the ThreadX port); send and receive never wait
    ///   binary semaphore             CountingSemaphore(initial 1, max 1); get never waits
    ///   memory pool                  Kernel.Memory BlockPool of 2048 bytes in 128-byte blocks
    ///   cause an interrupt           Scheduler.RaiseIrq(line 1), then Scheduler.Checkpoint: the trap's
    ///                                entry, where the pending line is delivered to the IIrqHandler
    ///                                installed with Scheduler.SetIrqHandler, followed by the IRQ-exit
    ///                                reschedule
    /// </code>
    /// Thread-Metric priorities (1 most urgent .. 31) are used as they are: the kernel has 32 levels and,
    /// like Thread-Metric, a lower number is more urgent. Thread ids are the suite's (0 .. 9). The suite creates
    /// one queue, one semaphore and one pool (id 0, checked at creation); the calls on them take the suite's id
    /// but do not look it up, exactly as the plain port (ThreadMetric.Plain/PlainPort.cs) has one ring, one
    /// count and one free list and no id at all: both ports make the same checks on the hot calls.
    /// </summary>
    public sealed class TmPort
    {
        /// <summary>A service succeeded (TM_SUCCESS).</summary>
        public const int Success = 0;

        /// <summary>A service failed (TM_ERROR).</summary>
        public const int Error = 1;

        /// <summary>The device line the interrupt tests raise (the software interrupt, "trap").</summary>
        public const int InterruptLine = 1;

        /// <summary>Threads, queues, semaphores and pools the suite may create.</summary>
        public const int MaxThreads = 10, MaxQueues = 1, MaxSemaphores = 1, MaxPools = 1;

        /// <summary>Words per queue message (4 × 4 bytes = 16 bytes) and messages per queue.</summary>
        public const int MessageWords = 4, QueueCapacity = 12;

        /// <summary>Bytes of a memory pool and of one of its blocks.</summary>
        public const int PoolBytes = 2048, BlockBytes = 128;

        /// <summary>The kernel the tests run on.</summary>
        public readonly Scheduler Kernel;

        /// <summary>Its board.</summary>
        public readonly Board Board;

        private readonly TaskControlBlock[] _threads = new TaskControlBlock[MaxThreads];
        private MessageQueue _queue;            // id 0 (MaxQueues = 1)
        private CountingSemaphore _semaphore;   // id 0 (MaxSemaphores = 1)
        private BlockPool _pool;                // id 0 (MaxPools = 1)

        /// <summary>A porting layer over <paramref name="kernel"/> (which must not be dispatching yet).</summary>
        public TmPort(Scheduler kernel)
        {
            if (kernel == null) throw new System.ArgumentException("kernel is null");
            Kernel = kernel;
            Board = kernel.Board;
        }

        /// <summary>The task of thread <paramref name="threadId"/>, or null.</summary>
        public TaskControlBlock Thread(int threadId)
        {
            return threadId >= 0 && threadId < MaxThreads ? _threads[threadId] : null;
        }

        /// <summary>
        /// Creates thread <paramref name="threadId"/> at <paramref name="priority"/> (1 most urgent .. 31),
        /// not started: it waits suspended for <see cref="ThreadResume"/>. A set-up call (before the
        /// kernel dispatches): the task is created ready and suspended at once, before it can run.
        /// </summary>
        public int ThreadCreate(int threadId, int priority, TaskBody entry)
        {
            if (threadId < 0 || threadId >= MaxThreads || _threads[threadId] != null || Kernel.IsStarted) return Error;
            KernelStatus st;
            TaskControlBlock t = Kernel.CreateTask("tm" + threadId, priority, entry, TaskOptions.None, 0, out st);
            if (t == null) return Error;
            if (Kernel.Suspend(t) != KernelStatus.Ok) return Error;
            _threads[threadId] = t;
            return Success;
        }

        /// <summary>Resumes thread <paramref name="threadId"/> (it may preempt the caller). ISR-safe.</summary>
        public int ThreadResume(int threadId)
        {
            return Kernel.Resume(_threads[threadId]) == KernelStatus.Ok ? Success : Error;
        }

        /// <summary>Suspends thread <paramref name="threadId"/> (the caller itself, or a ready thread).</summary>
        public int ThreadSuspend(int threadId)
        {
            return Kernel.Suspend(_threads[threadId]) == KernelStatus.Ok ? Success : Error;
        }

        /// <summary>Lets every other ready thread of the caller's priority run first.</summary>
        public void ThreadRelinquish()
        {
            Kernel.Yield();
        }

        /// <summary>
        /// Sleeps about <paramref name="ms"/> milliseconds, counted in kernel ticks (at least one). The
        /// suite sleeps in seconds on a 100 Hz tick; the reporting thread here sleeps a period given in ms.
        /// </summary>
        public void ThreadSleepMs(int ms)
        {
            Kernel.Sleep(TicksOf(ms));
        }

        /// <summary>Kernel ticks in <paramref name="ms"/> milliseconds on this board (at least 1).</summary>
        public int TicksOf(int ms)
        {
            long ticks = (long)ms * Board.Profile.TickRateHz / 1000;
            return ticks < 1 ? 1 : (int)ticks;
        }

        /// <summary>Creates queue <paramref name="queueId"/>: 16-byte (4-word) messages, room for 12.</summary>
        public int QueueCreate(int queueId)
        {
            if (queueId < 0 || queueId >= MaxQueues || _queue != null) return Error;
            _queue = new MessageQueue(Kernel, "tmq" + queueId, QueueCapacity, MessageWords);
            return Success;
        }

        /// <summary>Sends a 16-byte message (<paramref name="message"/>[0..3]) to the queue (the one the suite created; the id is not looked up); never waits.</summary>
        public int QueueSend(int queueId, int[] message)
        {
            return _queue.Send(message, 0) == KernelStatus.Ok ? Success : Error;
        }

        /// <summary>Receives a 16-byte message into <paramref name="message"/>[0..3] (from the one queue; the id is not looked up); never waits.</summary>
        public int QueueReceive(int queueId, int[] message)
        {
            return _queue.Receive(message, 0) == KernelStatus.Ok ? Success : Error;
        }

        /// <summary>Creates binary semaphore <paramref name="semaphoreId"/>, initially available (as the suite expects).</summary>
        public int SemaphoreCreate(int semaphoreId)
        {
            if (semaphoreId < 0 || semaphoreId >= MaxSemaphores || _semaphore != null) return Error;
            _semaphore = new CountingSemaphore(Kernel, "tms" + semaphoreId, 1, 1);
            return Success;
        }

        /// <summary>Gets the semaphore (the one the suite created; the id is not looked up); never waits (Error when it is not available).</summary>
        public int SemaphoreGet(int semaphoreId)
        {
            return _semaphore.Take(0) == KernelStatus.Ok ? Success : Error;
        }

        /// <summary>Puts the semaphore (the one; the id is not looked up; Error when it is already available). ISR-safe.</summary>
        public int SemaphorePut(int semaphoreId)
        {
            return _semaphore.Give() == KernelStatus.Ok ? Success : Error;
        }

        /// <summary>Creates memory pool <paramref name="poolId"/>: 2048 bytes of 128-byte blocks.</summary>
        public int MemoryPoolCreate(int poolId)
        {
            if (poolId < 0 || poolId >= MaxPools || _pool != null) return Error;
            _pool = new BlockPool(Board, PoolBytes, BlockBytes);
            return Success;
        }

        /// <summary>The pool <paramref name="poolId"/> (its blocks are <c>Memory[OffsetOf(block) ..]</c>), or null.</summary>
        public BlockPool Pool(int poolId)
        {
            return poolId >= 0 && poolId < MaxPools ? _pool : null;
        }

        /// <summary>Allocates a 128-byte block (from the one pool; the id is not looked up); <paramref name="block"/> is its number (-1 on Error). Never waits.</summary>
        public int MemoryPoolAllocate(int poolId, out int block)
        {
            return _pool.Allocate(out block) == MemoryStatus.Ok ? Success : Error;
        }

        /// <summary>Releases a block allocated from the pool (the one; the id is not looked up).</summary>
        public int MemoryPoolDeallocate(int poolId, int block)
        {
            return _pool.Free(block) == MemoryStatus.Ok ? Success : Error;
        }

        /// <summary>Installs the handler the interrupt tests' trap calls (<see cref="InterruptLine"/>).</summary>
        public int InterruptHandlerSet(IIrqHandler handler)
        {
            return Kernel.SetIrqHandler(InterruptLine, handler) == KernelStatus.Ok ? Success : Error;
        }

        /// <summary>
        /// TM_CAUSE_INTERRUPT: raises the interrupt line and enters the trap at once. The handler runs
        /// masked before this returns; a thread it made ready that is more urgent runs first (IRQ exit).
        /// </summary>
        public void CauseInterrupt()
        {
            Kernel.RaiseIrq(InterruptLine);
            Kernel.Checkpoint();
        }

        /// <summary>
        /// The preemption point of a thread that makes no kernel call (basic processing): takes a pending
        /// interrupt (the tick) like a processor would, and costs one read when none is pending.
        /// </summary>
        public void InterruptWindow()
        {
            if (Kernel.PendingIrqs != 0) Kernel.Checkpoint();
        }

        /// <summary>Ends the measurement: suspends every ready thread but the caller (set-up code; not part of the suite).</summary>
        internal void SuspendOthers()
        {
            TaskControlBlock me = Kernel.Current;
            for (int i = 0; i < MaxThreads; i++)
            {
                TaskControlBlock t = _threads[i];
                if (t != null && t != me && t.State == TaskState.Ready) Kernel.Suspend(t);
            }
        }
    }
}
