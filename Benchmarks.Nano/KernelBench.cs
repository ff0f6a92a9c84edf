using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.NanoBench
{
    /// <summary>
    /// The kernel's side of the micro-benchmarks, on one simulated board of <c>profile</c>: from a task, the
    /// uncontended pairs (rt-mutex Lock+Unlock and TryLock+Unlock, semaphore Give+Take, queue Send+Receive of
    /// a 4-word message, flags Set+Wait with clear-on-exit, block pool Allocate+Free of a 128-byte block), then two equal-priority tasks alternating on
    /// Yield (one switch per call), then two equal-priority tasks handing one rt-mutex back and forth (every
    /// Lock blocks, every Unlock hands over to the waiter and a switch follows). ns per operation; every call
    /// is checked (<see cref="Failures"/>).
    /// </summary>
    internal sealed class KernelBench
    {
        internal double LockPair, TryPair, SemaphorePair, QueuePair, FlagsPair, PoolPair, Switch, Handoff;
        internal double PortSyncPair, PortMessagePair, PortMemoryPair;   // the same calls through TmPort's shape (TmFloors.FloorPort)
        internal int Failures;

        private const int Switches = 2000;
        private const int Handoffs = 2000;

        private readonly Scheduler _k;
        private readonly RtMutex _m;
        private readonly CountingSemaphore _sem;
        private readonly MessageQueue _q;
        private readonly EventFlags _flags;
        private readonly BlockPool _pool;
        private readonly int[] _msg = new int[4];
        private readonly Port _port;

        /// <summary>ThreadMetric/TmPort.cs's shape over the kernel's objects (Thread-Metric's: a binary semaphore, a queue of 12 4-word messages, 2048 bytes in 128-byte blocks).</summary>
        private sealed class Port
        {
            private readonly CountingSemaphore _sem;   // one of each, the id not looked up (as TmPort)
            private readonly MessageQueue _queue;
            private readonly BlockPool _pool;

            internal Port(Scheduler k)
            {
                _sem = new CountingSemaphore(k, "tms", 1, 1);
                _queue = new MessageQueue(k, "tmq", 12, 4);
                _pool = new BlockPool(k.Board, 2048, 128);
            }

            internal int SemaphoreGet(int id) { return _sem.Take(0) == KernelStatus.Ok ? 0 : 1; }
            internal int SemaphorePut(int id) { return _sem.Give() == KernelStatus.Ok ? 0 : 1; }
            internal int QueueSend(int id, int[] m) { return _queue.Send(m, 0) == KernelStatus.Ok ? 0 : 1; }
            internal int QueueReceive(int id, int[] m) { return _queue.Receive(m, 0) == KernelStatus.Ok ? 0 : 1; }
            internal int MemoryPoolAllocate(int id, out int block) { return _pool.Allocate(out block) == MemoryStatus.Ok ? 0 : 1; }
            internal int MemoryPoolDeallocate(int id, int block) { return _pool.Free(block) == MemoryStatus.Ok ? 0 : 1; }
        }

        internal KernelBench(BoardProfile profile)
        {
            var config = new KernelConfig();
            config.PriorityLevels = 32;
            config.MaxTasks = 8;
            config.WatchdogMs = 0;
            _k = new Scheduler(config, new SimulatedBoard(profile));
            _m = new RtMutex(_k, "m");
            _sem = new CountingSemaphore(_k, "s", 0, 1);
            _q = new MessageQueue(_k, "q", 2, 4);
            _flags = new EventFlags(_k, "f");
            _pool = new BlockPool(_k.Board, 2048, 128);   // Thread-Metric's pool
            _port = new Port(_k);
            _k.CreateTask("bench", 5, Uncontended);
            _k.RunUntilIdle();
            YieldPingPong();
            MutexPingPong();
            _k.Shutdown();
        }

        private void Uncontended()
        {
            int n = Program.Iterations;
            long[] lockT = new long[Program.RunCount], tryT = new long[Program.RunCount], semT = new long[Program.RunCount];
            long[] qT = new long[Program.RunCount], fT = new long[Program.RunCount], pT = new long[Program.RunCount];
            long[] psT = new long[Program.RunCount], pmT = new long[Program.RunCount], ppT = new long[Program.RunCount];
            Port port = _port;
            int[] rx = new int[4];
            RtMutex m = _m;
            CountingSemaphore sem = _sem;
            MessageQueue q = _q;
            EventFlags flags = _flags;
            BlockPool pool = _pool;
            int block;
            int[] msg = _msg;
            int seen;
            for (int r = 0; r < Program.RunCount; r++)
            {
                long t0 = Clock.Ticks();
                for (int i = 0; i < n; i++)
                {
                    if (m.Lock() != KernelStatus.Ok) Failures++;
                    if (m.Unlock() != KernelStatus.Ok) Failures++;
                }
                lockT[r] = Clock.Ticks() - t0;
                t0 = Clock.Ticks();
                for (int i = 0; i < n; i++)
                {
                    if (!m.TryLock()) Failures++;
                    if (m.Unlock() != KernelStatus.Ok) Failures++;
                }
                tryT[r] = Clock.Ticks() - t0;
                t0 = Clock.Ticks();
                for (int i = 0; i < n; i++)
                {
                    if (sem.Give() != KernelStatus.Ok) Failures++;
                    if (sem.Take(0) != KernelStatus.Ok) Failures++;
                }
                semT[r] = Clock.Ticks() - t0;
                t0 = Clock.Ticks();
                for (int i = 0; i < n; i++)
                {
                    if (q.Send(msg, 0) != KernelStatus.Ok) Failures++;
                    if (q.Receive(msg, 0) != KernelStatus.Ok) Failures++;
                }
                qT[r] = Clock.Ticks() - t0;
                t0 = Clock.Ticks();
                for (int i = 0; i < n; i++)
                {
                    if (flags.Set(1) != KernelStatus.Ok) Failures++;
                    if (flags.Wait(1, false, true, 0, out seen) != KernelStatus.Ok) Failures++;
                }
                fT[r] = Clock.Ticks() - t0;
                t0 = Clock.Ticks();
                for (int i = 0; i < n; i++)
                {
                    if (pool.Allocate(out block) != MemoryStatus.Ok) Failures++;
                    if (pool.Free(block) != MemoryStatus.Ok) Failures++;
                }
                pT[r] = Clock.Ticks() - t0;
                t0 = Clock.Ticks();
                for (int i = 0; i < n; i++) { port.SemaphoreGet(0); if (port.SemaphorePut(0) != 0) Failures++; }
                psT[r] = Clock.Ticks() - t0;
                t0 = Clock.Ticks();
                for (int i = 0; i < n; i++) { port.QueueSend(0, msg); if (port.QueueReceive(0, rx) != 0) Failures++; }
                pmT[r] = Clock.Ticks() - t0;
                t0 = Clock.Ticks();
                for (int i = 0; i < n; i++) { port.MemoryPoolAllocate(0, out block); if (port.MemoryPoolDeallocate(0, block) != 0) Failures++; }
                ppT[r] = Clock.Ticks() - t0;
            }
            LockPair = Program.Best(lockT, n);
            TryPair = Program.Best(tryT, n);
            SemaphorePair = Program.Best(semT, n);
            QueuePair = Program.Best(qT, n);
            FlagsPair = Program.Best(fT, n);
            PoolPair = Program.Best(pT, n);
            PortSyncPair = Program.Best(psT, n);
            PortMessagePair = Program.Best(pmT, n);
            PortMemoryPair = Program.Best(ppT, n);
        }

        /// <summary>Two equal-priority tasks alternate on Yield: every call is one full context switch.</summary>
        private void YieldPingPong()
        {
            long start = 0, end = 0;
            Scheduler k = _k;
            var go = new KernelEvent(k, "go");
            for (int t = 0; t < 2; t++)
                k.CreateTask("y" + t, 10, delegate
                {
                    go.Wait(-1);
                    if (start == 0) start = Clock.Ticks();
                    for (int i = 0; i < Switches / 2; i++) k.Yield();
                    end = Clock.Ticks();
                });
            k.RunUntilIdle();
            go.Signal();        // from the driver: both ready, neither runs before RunUntilIdle (scheduler.md §35)
            go.Signal();
            k.RunUntilIdle();
            Switch = (end - start) * 100.0 / Switches;
        }

        /// <summary>
        /// Two equal-priority tasks hand the rt-mutex back and forth: A takes it, lets B block on it (Yield),
        /// then every Unlock hands it to the blocked task and every Lock blocks; 2 x Handoffs - 1 hand-offs.
        /// </summary>
        private void MutexPingPong()
        {
            Scheduler k = _k;
            RtMutex m = _m;
            long start = 0, end = 0;
            int before = m.System.Counters.Handoffs;
            var goB = new KernelEvent(k, "b");
            var goA = new KernelEvent(k, "a");
            k.CreateTask("B", 10, delegate
            {
                goB.Wait(-1);
                for (int i = 0; i < Handoffs; i++)
                {
                    if (m.Lock() != KernelStatus.Ok) Failures++;
                    if (m.Unlock() != KernelStatus.Ok) Failures++;
                }
                end = Clock.Ticks();
            });
            k.CreateTask("A", 10, delegate
            {
                goA.Wait(-1);
                if (m.Lock() != KernelStatus.Ok) Failures++;
                goB.Signal();
                k.Yield();
                start = Clock.Ticks();
                if (m.Unlock() != KernelStatus.Ok) Failures++;
                for (int i = 1; i < Handoffs; i++)
                {
                    if (m.Lock() != KernelStatus.Ok) Failures++;
                    if (m.Unlock() != KernelStatus.Ok) Failures++;
                }
            });
            k.RunUntilIdle();
            goA.Signal();       // from the driver: runs at RunUntilIdle (scheduler.md §35)
            k.RunUntilIdle();
            int handoffs = m.System.Counters.Handoffs - before;
            if (handoffs != 2 * Handoffs - 1) Failures++;
            Handoff = (end - start) * 100.0 / (2 * Handoffs - 1);
        }
    }
}
