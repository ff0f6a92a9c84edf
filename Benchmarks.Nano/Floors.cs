using System.Threading;
using NfRt.ThreadMetric.Plain;

namespace NfRt.NanoBench
{
    /// <summary>
    /// The floors: what the shapes of the kernel's paths cost on the interpreter with nothing of the kernel in
    /// them, so that a missed target can be set against the least any implementation of that shape would pay.
    /// <list type="bullet">
    /// <item><see cref="CasPair"/>: a lock fast path with no check at all: an instance call and one CAS, twice.</item>
    /// <item><see cref="CheckedCasPair"/>: the same plus the foreign-thread check (Thread.CurrentThread compared
    /// with the runner): the least a Lock+Unlock pair that refuses foreign threads costs.</item>
    /// <item><see cref="KernelCallPair"/>: the least a kernel call costs: an instance call, the thread check, mask,
    /// one field update, unmask and the pending-IRQ test; twice (a give and a take).</item>
    /// <item><see cref="MonitorOpPair"/>: the plain-threads equivalent: an instance call, lock, one field update,
    /// unlock; twice (what ThreadMetric.Plain's semaphore does).</item>
    /// <item><see cref="QueueOpPair"/>: ThreadMetric.Plain's queue, its own code (PlainPort.QueueSend and QueueReceive):
    /// an instance call, lock, a 4-word message copied into a ring of 12, unlock; then the same to copy it out.</item>
    /// <item><see cref="PoolOpPair"/>: ThreadMetric.Plain's pool, its own code (PlainPort.MemoryPoolAllocate and
    /// MemoryPoolDeallocate): an instance call, lock, a free-list pop, unlock; then the same with the push back.</item>
    /// <item><see cref="BatonHandoff"/>: the least a switch between two task threads costs in a kernel that runs
    /// its tasks on runtime threads (a baton): the thread check, mask, the hand-over of the CPU (current task,
    /// runner thread), unmask, the next thread's event set and the own event waited on until it is its turn again.
    /// ns per hand-off.</item>
    /// </list>
    /// </summary>
    internal sealed class Floors
    {
        private int _owner, _word = 4, _masked, _pending, _value, _current;
        private Thread _runner;
        private readonly object _lock = new object();

        /// <summary>The plain port itself (ThreadMetric.Plain/PlainPort.cs, compiled in): the queue and pool floors call it.</summary>
        private readonly PlainPort _plain = new PlainPort();

        internal Floors()
        {
            _plain.MemoryPoolCreate();   // once: every allocate+free pair leaves the free list as it found it
        }

        internal int Fast()
        {
            return Interlocked.CompareExchange(ref _owner, _word, 0) == 0 ? 0 : 1;
        }

        internal int FastRelease()
        {
            int w = _word;
            return Interlocked.CompareExchange(ref _owner, 0, w) == w ? 0 : 1;
        }

        internal int Checked()
        {
            int w = _word;
            return w != 0 && Thread.CurrentThread == _runner && Interlocked.CompareExchange(ref _owner, w, 0) == 0 ? 0 : 1;
        }

        internal int CheckedRelease()
        {
            int w = _word;
            return w != 0 && Thread.CurrentThread == _runner && Interlocked.CompareExchange(ref _owner, 0, w) == w ? 0 : 1;
        }

        internal int KernelCall(int delta)
        {
            if (Thread.CurrentThread != _runner) return 1;
            int s = _masked;
            _masked = 1;
            _value += delta;
            _masked = s;
            if (s == 0 && _pending != 0) _value = 0;
            return 0;
        }

        internal int MonitorOp(int delta)
        {
            lock (_lock)
            {
                _value += delta;
                return 0;
            }
        }

        internal double QueueOpPair(int n)
        {
            PlainPort p = _plain;
            int[] m = new int[4];
            int bad = 0;
            long t0 = Clock.Ticks();
            for (int i = 0; i < n; i++) { bad += p.QueueSend(m); bad += p.QueueReceive(m); }
            return Done(t0, n, bad);
        }

        internal double PoolOpPair(int n)
        {
            PlainPort p = _plain;
            int bad = 0, block;
            long t0 = Clock.Ticks();
            for (int i = 0; i < n; i++) { bad += p.MemoryPoolAllocate(out block); bad += p.MemoryPoolDeallocate(block); }
            return Done(t0, n, bad);
        }

        internal double CasPair(int n)
        {
            int bad = 0;
            long t0 = Clock.Ticks();
            for (int i = 0; i < n; i++) { bad += Fast(); bad += FastRelease(); }
            return Done(t0, n, bad);
        }

        internal double CheckedCasPair(int n)
        {
            _runner = Thread.CurrentThread;
            int bad = 0;
            long t0 = Clock.Ticks();
            for (int i = 0; i < n; i++) { bad += Checked(); bad += CheckedRelease(); }
            return Done(t0, n, bad);
        }

        internal double KernelCallPair(int n)
        {
            _runner = Thread.CurrentThread;
            _pending = 0;   // no IRQ pending: the test is made, the delivery never runs
            int bad = 0;
            long t0 = Clock.Ticks();
            for (int i = 0; i < n; i++) { bad += KernelCall(1); bad += KernelCall(-1); }
            return Done(t0, n, bad);
        }

        internal double MonitorOpPair(int n)
        {
            int bad = 0;
            long t0 = Clock.Ticks();
            for (int i = 0; i < n; i++) { bad += MonitorOp(1); bad += MonitorOp(-1); }
            return Done(t0, n, bad);
        }

        private static double Done(long t0, int n, int bad)
        {
            double ns = (Clock.Ticks() - t0) * 100.0 / n;
            return bad == 0 ? ns : -1;
        }

        private AutoResetEvent[] _events;
        private Thread[] _threads;

        /// <summary>Two threads pass the baton <paramref name="rounds"/> times each way; ns per hand-off.</summary>
        internal double BatonHandoff(int rounds)
        {
            _events = new[] { new AutoResetEvent(false), new AutoResetEvent(false) };
            _threads = new Thread[2];
            _threads[0] = Thread.CurrentThread;
            _runner = _threads[0];
            _current = 0;
            _threads[1] = new Thread(delegate { Side(1, rounds); });
            _threads[1].Start();
            long t0 = Clock.Ticks();
            Side(0, rounds);
            long t1 = Clock.Ticks();
            _threads[1].Join();
            return (t1 - t0) * 100.0 / (2 * rounds);
        }

        private void Side(int me, int rounds)
        {
            int other = 1 - me;
            AutoResetEvent mine = _events[me], next = _events[other];
            Thread nextThread = _threads[other];
            for (int i = 0; i < rounds; i++)
            {
                while (_current != me) mine.WaitOne(Timeout.Infinite, false);
                if (Thread.CurrentThread != _runner) return;
                _masked = 1;
                _runner = nextThread;
                _current = other;
                _masked = 0;
                next.Set();
            }
        }
    }
}
