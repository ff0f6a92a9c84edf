using System.Threading;
using NfRt.ThreadMetric.Plain;

namespace NfRt.NanoBench
{
    /// <summary>
    /// The Thread-Metric floors of issue 18 (message, synchronization, memory): one operation pair of each test in the
    /// shape of the two ports, with nothing else in it.
    /// <list type="bullet">
    /// <item><b>Least kernel shape</b> (<see cref="FloorPort"/>): what ThreadMetric/TmPort.cs must do at the least —
    /// the port's call (an id, not looked up: the suite's one object; the status compared) into the object's call — and, in that
    /// call, the least proof of context any kernel of this design needs: the context word (a task runs with
    /// interrupts enabled), the pending-line word (the tick must not wait behind a fast path) and the runner thread
    /// compared with Thread.CurrentThread (a foreign thread must be refused), all three on one shared object; then
    /// the plain port's own update. No halt, trace, destroy or bound checks, no counters.</item>
    /// <item><b>Plain shape</b>: ThreadMetric.Plain/PlainPort.cs itself, compiled into this assembly (one call, lock,
    /// the update, unlock).</item>
    /// </list>
    /// A floor pair above the plain pair would make "kernel ≥ plain" impossible for that test; below it, the
    /// difference is what the real kernel path may spend before it falls behind.
    /// </summary>
    internal sealed class TmFloors
    {
        /// <summary>The shared context proof: the words the fast paths load (IrqController's and the scheduler's fields).</summary>
        internal sealed class Gate
        {
            internal int Word = 4, Pending = 0;   // no line pending: the test is made, nothing is delivered
            internal Thread Runner = Thread.CurrentThread;
        }

        internal sealed class FloorSemaphore
        {
            private readonly Gate _g;
            private int _count = 1;
            internal FloorSemaphore(Gate g) { _g = g; }

            internal int Take(long timeout)
            {
                int c = _count;
                Gate g = _g;
                if (c > 0 && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner) { _count = c - 1; return 0; }
                return 1;
            }

            internal int Give()
            {
                int c = _count;
                Gate g = _g;
                if (c < 1 && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner) { _count = c + 1; return 0; }
                return 1;
            }
        }

        internal sealed class FloorQueue
        {
            private const int Words = 4, Capacity = 12;
            private readonly Gate _g;
            private readonly int[] _ring = new int[Words * Capacity];
            private int _head, _count;
            internal FloorQueue(Gate g) { _g = g; }

            internal int Send(int[] m, long timeout)
            {
                int c = _count;
                Gate g = _g;
                if (c < Capacity && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
                {
                    int tail = _head + c;
                    if (tail >= Capacity) tail -= Capacity;
                    System.Array.Copy(m, 0, _ring, tail * Words, Words);
                    _count = c + 1;
                    return 0;
                }
                return 1;
            }

            internal int Receive(int[] m, long timeout)
            {
                int c = _count;
                Gate g = _g;
                if (c > 0 && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
                {
                    int h = _head;
                    System.Array.Copy(_ring, h * Words, m, 0, Words);
                    _head = h + 1 == Capacity ? 0 : h + 1;
                    _count = c - 1;
                    return 0;
                }
                return 1;
            }
        }

        internal sealed class FloorPool
        {
            private readonly Gate _g;
            private readonly int[] _next = new int[16];
            private int _freeHead;
            internal FloorPool(Gate g)
            {
                _g = g;
                for (int b = 0; b < _next.Length; b++) _next[b] = b + 1 < _next.Length ? b + 1 : -1;
            }

            internal int Allocate(out int block)
            {
                int b = _freeHead;
                Gate g = _g;
                if (b >= 0 && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
                {
                    _freeHead = _next[b];
                    _next[b] = -2;
                    block = b;
                    return 0;
                }
                block = -1;
                return 1;
            }

            internal int Free(int block)
            {
                Gate g = _g;
                if (block >= 0 && block < _next.Length && _next[block] == -2 && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
                {
                    _next[block] = _freeHead;
                    _freeHead = block;
                    return 0;
                }
                return 1;
            }
        }

        /// <summary>TmPort's shape: an id (the suite's one object, not looked up), the object's call, the status compared.</summary>
        internal sealed class FloorPort
        {
            private readonly FloorSemaphore _sem;   // one of each, the id not looked up (as TmPort)
            private readonly FloorQueue _queue;
            private readonly FloorPool _pool;

            internal FloorPort()
            {
                var g = new Gate();
                _sem = new FloorSemaphore(g);
                _queue = new FloorQueue(g);
                _pool = new FloorPool(g);
            }

            internal int SemaphoreGet(int id) { return _sem.Take(0) == 0 ? 0 : 1; }
            internal int SemaphorePut(int id) { return _sem.Give() == 0 ? 0 : 1; }
            internal int QueueSend(int id, int[] m) { return _queue.Send(m, 0) == 0 ? 0 : 1; }
            internal int QueueReceive(int id, int[] m) { return _queue.Receive(m, 0) == 0 ? 0 : 1; }
            internal int MemoryPoolAllocate(int id, out int block) { return _pool.Allocate(out block) == 0 ? 0 : 1; }
            internal int MemoryPoolDeallocate(int id, int block) { return _pool.Free(block) == 0 ? 0 : 1; }
        }

        /// <summary>
        /// ns per pair, best of <paramref name="runs"/> runs of <paramref name="n"/>: index 0..2 the floor's
        /// synchronization, message, memory pairs; 3..5 PlainPort's. -1 when a call failed.
        /// </summary>
        internal static double[] Measure(int n, int runs)
        {
            var floor = new FloorPort();
            var plain = new PlainPort();
            plain.MemoryPoolCreate();
            int[] m = new int[4], r = new int[4];
            var best = new double[6];
            for (int k = 0; k < 6; k++) best[k] = double.MaxValue;
            for (int run = 0; run < runs; run++)
            {
                for (int k = 0; k < 6; k++)
                {
                    int bad = 0, block;
                    long t0 = Clock.Ticks();
                    switch (k)
                    {
                        case 0: for (int i = 0; i < n; i++) { floor.SemaphoreGet(0); if (floor.SemaphorePut(0) != 0) bad++; } break;
                        case 1: for (int i = 0; i < n; i++) { floor.QueueSend(0, m); if (floor.QueueReceive(0, r) != 0) bad++; } break;
                        case 2: for (int i = 0; i < n; i++) { floor.MemoryPoolAllocate(0, out block); if (floor.MemoryPoolDeallocate(0, block) != 0) bad++; } break;
                        case 3: for (int i = 0; i < n; i++) { plain.SemaphoreGet(); if (plain.SemaphorePut() != 0) bad++; } break;
                        case 4: for (int i = 0; i < n; i++) { plain.QueueSend(m); if (plain.QueueReceive(r) != 0) bad++; } break;
                        default: for (int i = 0; i < n; i++) { plain.MemoryPoolAllocate(out block); if (plain.MemoryPoolDeallocate(block) != 0) bad++; } break;
                    }
                    double ns = (Clock.Ticks() - t0) * 100.0 / n;
                    if (bad != 0) ns = -1;
                    if (ns < best[k]) best[k] = ns;
                }
            }
            return best;
        }
    }
}
