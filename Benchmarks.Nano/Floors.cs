using System.Threading;

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
    /// <item><see cref="QueueOpPair"/>: ThreadMetric.Plain's queue: an instance call, lock, a 4-word message copied into a
    /// ring of 12, unlock; then the same to copy it out (a send and a receive).</item>
    /// <item><see cref="PoolOpPair"/>: ThreadMetric.Plain's pool: an instance call, lock, a free-list pop, unlock; then
    /// the same with the push back (an allocate and a free).</item>
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

        private const int Words = 4, Capacity = 12;
        private readonly int[] _ring = new int[Words * Capacity];
        private readonly int[] _next = new int[16];
        private int _head, _count, _freeHead = -1;

        internal int Send(int[] m)
        {
            lock (_lock)
            {
                if (_count == Capacity) return 1;
                int tail = _head + _count;
                if (tail >= Capacity) tail -= Capacity;
                int at = tail * Words;
                _ring[at] = m[0];
                _ring[at + 1] = m[1];
                _ring[at + 2] = m[2];
                _ring[at + 3] = m[3];
                _count++;
                return 0;
            }
        }

        internal int Receive(int[] m)
        {
            lock (_lock)
            {
                if (_count == 0) return 1;
                int at = _head * Words;
                m[0] = _ring[at];
                m[1] = _ring[at + 1];
                m[2] = _ring[at + 2];
                m[3] = _ring[at + 3];
                _head++;
                if (_head == Capacity) _head = 0;
                _count--;
                return 0;
            }
        }

        internal int Allocate(out int block)
        {
            lock (_lock)
            {
                block = _freeHead;
                if (block < 0) return 1;
                _freeHead = _next[block];
                _next[block] = -2;
                return 0;
            }
        }

        internal int Free(int block)
        {
            lock (_lock)
            {
                if (block < 0 || block >= _next.Length || _next[block] != -2) return 1;
                _next[block] = _freeHead;
                _freeHead = block;
                return 0;
            }
        }

        internal double QueueOpPair(int n)
        {
            int[] m = new int[Words];
            int bad = 0;
            long t0 = Clock.Ticks();
            for (int i = 0; i < n; i++) { bad += Send(m); bad += Receive(m); }
            return Done(t0, n, bad);
        }

        internal double PoolOpPair(int n)
        {
            for (int b = 0; b < _next.Length; b++) _next[b] = b + 1 < _next.Length ? b + 1 : -1;
            _freeHead = 0;
            int bad = 0, block;
            long t0 = Clock.Ticks();
            for (int i = 0; i < n; i++) { bad += Allocate(out block); bad += Free(block); }
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
