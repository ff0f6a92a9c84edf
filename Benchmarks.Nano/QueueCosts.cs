using System.Threading;

namespace NfRt.NanoBench
{
    /// <summary>
    /// Where a queue Send's time goes on nanoCLR (issue 18, the message test): the least Send of TmFloors.FloorQueue
    /// (<see cref="Floor"/>) and variants that each add or drop one thing the kernel's fast Send does, so the
    /// difference of two figures is that one thing's cost. All are direct calls on one object (no port), followed by
    /// <see cref="Reset"/> so every call finds room; <see cref="Base"/> is the call and the reset alone.
    /// <list type="bullet">
    /// <item><see cref="Checked"/>: + the array tests (not null, long enough) before the copy.</item>
    /// <item><see cref="Caught"/>: the array checked by the copy instead (a try around Array.Copy; the kernel's way).</item>
    /// <item><see cref="Sized"/>: capacity and words read from fields, as a queue of any size must.</item>
    /// <item><see cref="KernelTests"/>: + the kernel's other tests: the fast-block word OR'd with the pending lines
    /// and a halt word on a second object, the trace sink, the runner thread read through that second object.</item>
    /// <item><see cref="Unrolled"/>: the four words copied one by one (PlainPort's way) instead of Array.Copy.</item>
    /// <item><see cref="NoThread"/>: without the Thread.CurrentThread test (what a foreign-thread proof costs).</item>
    /// </list>
    /// </summary>
    internal sealed class QueueCosts
    {
        private sealed class Gate { internal int Word = 4, Pending = 0; internal object Sink = null; internal Thread Runner = Thread.CurrentThread; }
        private sealed class Kern { internal int Halt = 0; internal Thread Runner = Thread.CurrentThread; }
        private const int Words = 4, Capacity = 12;
        private readonly Gate _g = new Gate();
        private readonly Kern _k = new Kern();
        private readonly int[] _ring = new int[Words * Capacity];
        private int _head, _count, _fast;
        private readonly int _capacity = Capacity, _words = Words;

        /// <summary>Names of the variants, in <see cref="Measure"/>'s order.</summary>
        internal static readonly string[] Names = { "base", "floor", "checked", "caught", "sized", "kernel_tests", "unrolled", "no_thread" };

        private int Floor(int[] m)
        {
            int c = _count; Gate g = _g;
            if (c < Capacity && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
            {
                int tail = _head + c; if (tail >= Capacity) tail -= Capacity;
                System.Array.Copy(m, 0, _ring, tail * Words, Words); _count = c + 1; return 0;
            }
            return 1;
        }

        private int Checked(int[] m)
        {
            int c = _count; Gate g = _g;
            if (c < Capacity && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner && m != null && m.Length >= Words)
            {
                int tail = _head + c; if (tail >= Capacity) tail -= Capacity;
                System.Array.Copy(m, 0, _ring, tail * Words, Words); _count = c + 1; return 0;
            }
            return 1;
        }

        private int Caught(int[] m)
        {
            int c = _count; Gate g = _g;
            if (c < Capacity && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
            {
                int tail = _head + c; if (tail >= Capacity) tail -= Capacity;
                try { System.Array.Copy(m, 0, _ring, tail * Words, Words); }
                catch (System.Exception) { return 2; }
                _count = c + 1; return 0;
            }
            return 1;
        }

        private int Sized(int[] m)
        {
            int c = _count; Gate g = _g;
            if (c < _capacity && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
            {
                int tail = _head + c; if (tail >= _capacity) tail -= _capacity;
                System.Array.Copy(m, 0, _ring, tail * _words, _words); _count = c + 1; return 0;
            }
            return 1;
        }

        private int KernelTests(int[] m)
        {
            int c = _count;
            if ((_fast | _g.Pending | _k.Halt) == 0 && c < Capacity && _g.Word != 0 && _g.Sink == null && Thread.CurrentThread == _k.Runner)
            {
                int tail = _head + c; if (tail >= Capacity) tail -= Capacity;
                System.Array.Copy(m, 0, _ring, tail * Words, Words); _count = c + 1; return 0;
            }
            return 1;
        }

        private int Unrolled(int[] m)
        {
            int c = _count; Gate g = _g;
            if (c < Capacity && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
            {
                int tail = _head + c; if (tail >= Capacity) tail -= Capacity;
                int at = tail * Words; int[] r = _ring;
                r[at] = m[0]; r[at + 1] = m[1]; r[at + 2] = m[2]; r[at + 3] = m[3]; _count = c + 1; return 0;
            }
            return 1;
        }

        private int NoThread(int[] m)
        {
            int c = _count; Gate g = _g;
            if (c < Capacity && g.Word != 0 && g.Pending == 0)
            {
                int tail = _head + c; if (tail >= Capacity) tail -= Capacity;
                System.Array.Copy(m, 0, _ring, tail * Words, Words); _count = c + 1; return 0;
            }
            return 1;
        }

        private int Base(int[] m) { return m == null ? 1 : 0; }

        private void Reset() { _count = 0; _head = 0; _fast = 0; }

        /// <summary>ns per call plus reset, best of <paramref name="runs"/> runs of <paramref name="n"/>, for each of <see cref="Names"/>; -1 when a call failed.</summary>
        internal static double[] Measure(int n, int runs)
        {
            var q = new QueueCosts();
            int[] m = new int[Words];
            var best = new double[Names.Length];
            for (int k = 0; k < best.Length; k++) best[k] = double.MaxValue;
            for (int r = 0; r < runs; r++)
            {
                for (int k = 0; k < best.Length; k++)
                {
                    int bad = 0;
                    long t0 = Clock.Ticks();
                    switch (k)
                    {
                        case 0: for (int i = 0; i < n; i++) { bad += q.Base(m); q.Reset(); } break;
                        case 1: for (int i = 0; i < n; i++) { bad += q.Floor(m); q.Reset(); } break;
                        case 2: for (int i = 0; i < n; i++) { bad += q.Checked(m); q.Reset(); } break;
                        case 3: for (int i = 0; i < n; i++) { bad += q.Caught(m); q.Reset(); } break;
                        case 4: for (int i = 0; i < n; i++) { bad += q.Sized(m); q.Reset(); } break;
                        case 5: for (int i = 0; i < n; i++) { bad += q.KernelTests(m); q.Reset(); } break;
                        case 6: for (int i = 0; i < n; i++) { bad += q.Unrolled(m); q.Reset(); } break;
                        default: for (int i = 0; i < n; i++) { bad += q.NoThread(m); q.Reset(); } break;
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
