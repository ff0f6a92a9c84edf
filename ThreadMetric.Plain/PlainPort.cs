using System.Threading;

namespace NfRt.ThreadMetric.Plain
{
    /// <summary>The body of a Thread-Metric thread.</summary>
    public delegate void PlainEntry();

    /// <summary>The interrupt handler of the interrupt tests.</summary>
    public delegate void PlainHandler();

    /// <summary>
    /// The Thread-Metric porting layer with plain nanoFramework threading, what an application would use
    /// without the kernel. Every service is a real method call returning <see cref="Success"/> or
    /// <see cref="Error"/>, like the kernel's port (ThreadMetric/TmPort.cs):
    /// <code>
    ///   Thread-Metric service        plain nanoFramework
    ///   thread create (not started)  new Thread, started at once; it first waits on its own AutoResetEvent
    ///   thread resume / suspend      Set / WaitOne on that event (a thread only ever suspends itself here)
    ///   priorities 1 .. 31           ThreadPriority: 1-2 Highest, 3-5 AboveNormal, 6-8 Normal, 9-12 BelowNormal,
    ///                                13-31 Lowest (nanoCLR has five levels, and they are weights of a round
    ///                                robin, not strict priorities: a resumed urgent thread does not preempt)
    ///   thread relinquish            Thread.Sleep(0)
    ///   thread sleep                 Thread.Sleep(ms)
    ///   queue: 16-byte messages      a ring of 12 messages of 4 ints guarded by Monitor (lock); never waits
    ///   binary semaphore             a count guarded by Monitor; get never waits
    ///   memory pool                  2048 bytes in 128-byte blocks, a free list of indices guarded by Monitor
    ///   cause an interrupt           there is no software interrupt: the handler runs on a Highest-priority
    ///                                thread that waits on an AutoResetEvent; Set it, then Thread.Sleep(0) gives
    ///                                up the CPU as the trap would (the deferred handling a nanoFramework
    ///                                application does for its events)
    /// </code>
    /// Benchmarks.Nano compiles this file in as well (its plain floors, Floors.cs and TmFloors.cs, call these methods):
    /// a change here moves those figures in docs/BENCHMARKS.md too.
    /// </summary>
    public sealed class PlainPort
    {
        /// <summary>A service succeeded (TM_SUCCESS).</summary>
        public const int Success = 0;

        /// <summary>A service failed (TM_ERROR).</summary>
        public const int Error = 1;

        /// <summary>Threads the suite may create.</summary>
        public const int MaxThreads = 10;

        private const int MessageWords = 4, QueueCapacity = 12, PoolBytes = 2048, BlockBytes = 128;

        private readonly Thread[] _threads = new Thread[MaxThreads];
        private readonly AutoResetEvent[] _resume = new AutoResetEvent[MaxThreads];
        private readonly PlainEntry[] _entries = new PlainEntry[MaxThreads];

        private readonly object _queueLock = new object();
        private readonly int[] _ring = new int[QueueCapacity * MessageWords];
        private int _head, _count;

        private readonly object _semLock = new object();
        private int _semCount = 1;

        private readonly object _poolLock = new object();
        private readonly byte[] _pool = new byte[PoolBytes];
        private readonly int[] _next = new int[PoolBytes / BlockBytes];
        private int _freeHead = -1;

        private readonly AutoResetEvent _irq = new AutoResetEvent(false);
        private PlainHandler _handler;
        private Thread _irqThread;

        /// <summary>The pool's memory (block b is bytes [b*128, (b+1)*128)).</summary>
        public byte[] PoolMemory { get { return _pool; } }

        /// <summary>Creates thread <paramref name="id"/> at Thread-Metric <paramref name="priority"/>; it waits for its first resume.</summary>
        public int ThreadCreate(int id, int priority, PlainEntry entry)
        {
            if (id < 0 || id >= MaxThreads || _threads[id] != null || entry == null) return Error;
            _resume[id] = new AutoResetEvent(false);
            _entries[id] = entry;
            Thread t = new Thread(delegate { Begin(id); });
            t.Priority = PriorityOf(priority);
            _threads[id] = t;
            t.Start();
            return Success;
        }

        private void Begin(int id)
        {
            _resume[id].WaitOne();
            _entries[id]();
        }

        /// <summary>nanoCLR's five levels for a Thread-Metric priority (1 most urgent .. 31).</summary>
        public static ThreadPriority PriorityOf(int priority)
        {
            if (priority <= 2) return ThreadPriority.Highest;
            if (priority <= 5) return ThreadPriority.AboveNormal;
            if (priority <= 8) return ThreadPriority.Normal;
            if (priority <= 12) return ThreadPriority.BelowNormal;
            return ThreadPriority.Lowest;
        }

        /// <summary>Resumes thread <paramref name="id"/> (a resume of a running thread is remembered once).</summary>
        public int ThreadResume(int id)
        {
            AutoResetEvent e = _resume[id];
            if (e == null) return Error;
            e.Set();
            return Success;
        }

        /// <summary>Suspends the calling thread <paramref name="id"/> until its next resume.</summary>
        public int ThreadSuspend(int id)
        {
            AutoResetEvent e = _resume[id];
            if (e == null || Thread.CurrentThread != _threads[id]) return Error;
            e.WaitOne();
            return Success;
        }

        /// <summary>Lets other ready threads run.</summary>
        public void ThreadRelinquish() { Thread.Sleep(0); }

        /// <summary>Sleeps <paramref name="ms"/> milliseconds.</summary>
        public void ThreadSleepMs(int ms) { Thread.Sleep(ms); }

        /// <summary>Sends a 16-byte message (<paramref name="message"/>[0..3]); Error when the ring is full.</summary>
        public int QueueSend(int[] message)
        {
            lock (_queueLock)
            {
                if (_count == QueueCapacity) return Error;
                int tail = _head + _count;
                if (tail >= QueueCapacity) tail -= QueueCapacity;
                int at = tail * MessageWords;
                _ring[at] = message[0];
                _ring[at + 1] = message[1];
                _ring[at + 2] = message[2];
                _ring[at + 3] = message[3];
                _count++;
                return Success;
            }
        }

        /// <summary>Receives a 16-byte message into <paramref name="message"/>[0..3]; Error when the ring is empty.</summary>
        public int QueueReceive(int[] message)
        {
            lock (_queueLock)
            {
                if (_count == 0) return Error;
                int at = _head * MessageWords;
                message[0] = _ring[at];
                message[1] = _ring[at + 1];
                message[2] = _ring[at + 2];
                message[3] = _ring[at + 3];
                _head++;
                if (_head == QueueCapacity) _head = 0;
                _count--;
                return Success;
            }
        }

        /// <summary>Gets the binary semaphore (available at creation); Error when it is taken.</summary>
        public int SemaphoreGet()
        {
            lock (_semLock)
            {
                if (_semCount == 0) return Error;
                _semCount = 0;
                return Success;
            }
        }

        /// <summary>Puts the binary semaphore; Error when it is already available.</summary>
        public int SemaphorePut()
        {
            lock (_semLock)
            {
                if (_semCount == 1) return Error;
                _semCount = 1;
                return Success;
            }
        }

        /// <summary>Creates the pool: 16 blocks of 128 bytes on the free list.</summary>
        public int MemoryPoolCreate()
        {
            lock (_poolLock)
            {
                for (int b = _next.Length - 1; b >= 0; b--) { _next[b] = _freeHead; _freeHead = b; }
            }
            return Success;
        }

        /// <summary>Allocates a block (its number in <paramref name="block"/>, -1 on Error).</summary>
        public int MemoryPoolAllocate(out int block)
        {
            lock (_poolLock)
            {
                block = _freeHead;
                if (block < 0) return Error;
                _freeHead = _next[block];
                _next[block] = -2;
                return Success;
            }
        }

        /// <summary>Releases block <paramref name="block"/>; Error for a block that is not allocated.</summary>
        public int MemoryPoolDeallocate(int block)
        {
            lock (_poolLock)
            {
                if (block < 0 || block >= _next.Length || _next[block] != -2) return Error;
                _next[block] = _freeHead;
                _freeHead = block;
                return Success;
            }
        }

        /// <summary>Installs the interrupt handler and starts its Highest-priority thread.</summary>
        public int InterruptHandlerSet(PlainHandler handler)
        {
            if (handler == null || _irqThread != null) return Error;
            _handler = handler;
            _irqThread = new Thread(IrqLoop);
            _irqThread.Priority = ThreadPriority.Highest;
            _irqThread.Start();
            return Success;
        }

        private void IrqLoop()
        {
            while (true)
            {
                _irq.WaitOne();
                _handler();
            }
        }

        /// <summary>TM_CAUSE_INTERRUPT: wakes the handler thread and gives up the CPU.</summary>
        public void CauseInterrupt()
        {
            _irq.Set();
            Thread.Sleep(0);
        }

        /// <summary>Ends the test: aborts every thread but the caller's (and the handler thread) and waits for them.</summary>
        internal void StopOthers()
        {
            Thread me = Thread.CurrentThread;
            for (int i = 0; i < MaxThreads; i++)
            {
                Thread t = _threads[i];
                if (t == null || t == me) continue;
                t.Abort();
                t.Join();
            }
            if (_irqThread != null) { _irqThread.Abort(); _irqThread.Join(); }
        }
    }
}
