using System.Threading;

namespace NfRt.NanoBench
{
    /// <summary>
    /// Where a kernel <c>Yield</c> switch's time goes on nanoCLR (issue 18, the switch): two threads pass a baton as in
    /// <see cref="Floors.BatonHandoff"/>, and each variant adds one of the kernel's steps to the one before, so the
    /// difference of two figures is that step's cost. ns per hand-off. Each variant is written out whole, with no flag
    /// or shared helper in its measured path (a test or a call would be measured too), so consecutive variants repeat
    /// each other's code by design, as QueueCosts and PoolCosts do.
    /// <list type="bullet">
    /// <item>0 <c>floor</c>: the baton floor, inline in the loop (thread check, mask, hand-over, unmask, set, wait).</item>
    /// <item>1 <c>calls</c>: the same work through the kernel's call chain (Yield, CheckCaller, EnterChecked, Mask,
    /// Leave, Restore, Reschedule, Mask, PickNext, SwitchTo, RestoreQuiet), the gate a sealed class called directly.</item>
    /// <item>2 <c>virtual_gate</c>: + the gate behind an abstract class (Open and Wait virtual, as TaskGate).</item>
    /// <item>3 <c>ready_queue</c>: + the ready queue: tail insert (bitmap marked), peek (two lowest-set-bit lookups), remove.</item>
    /// <item>4 <c>kernel_tests</c>: + the kernel's tests and bookkeeping: Reschedule's guards, the halt, trace and
    /// fine-clock tests, task states and slices, the switch counters, the task word, the gate looked up by task id.</item>
    /// <item>5 <c>fences</c>: + the two Interlocked fences of the hand-over (a full fence out, a CAS in).</item>
    /// <item>6 <c>flat</c>: variant 5's work in the least calls: the whole switch in one frame of Yield, the gate
    /// sealed and called directly.</item>
    /// <item>7 <c>direct_shape</c>: the shape of the kernel's direct Yield switch since branch <c>switch</c>
    /// (docs/spec/scheduler.md §16): Yield's frame (thread check, the fallback tests, a mask call), the queue's one-step
    /// swap (a call), the switch (a call: the bookkeeping of variant 4, one unmask call, the fences), the event set and
    /// waited on directly (no gate call). What the kernel's figure has above it is what this model leaves out.</item>
    /// </list>
    /// </summary>
    internal sealed class SwitchCosts
    {
        /// <summary>Names of the variants, in <see cref="Measure"/>'s order.</summary>
        internal static readonly string[] Names = { "floor", "calls", "virtual_gate", "ready_queue", "kernel_tests", "fences", "flat", "direct_shape" };

        private abstract class VGate { internal AutoResetEvent park; internal abstract void Open(); internal abstract void Wait(); }

        private sealed class EGate : VGate
        {
            private readonly AutoResetEvent _e = new AutoResetEvent(false);
            internal EGate() { park = _e; }
            internal override void Open() { _e.Set(); }
            internal override void Wait() { _e.WaitOne(Timeout.Infinite, false); }
        }

        private sealed class SGate
        {
            private readonly AutoResetEvent _e = new AutoResetEvent(false);
            internal void Open() { _e.Set(); }
            internal void Wait() { _e.WaitOne(Timeout.Infinite, false); }
        }

        private sealed class Tcb
        {
            internal int id, prio, state, slice, timeSlice = 0, switchesIn, lockWord = 8;
            internal bool queued;
            internal Tcb next, prev;
        }

        private sealed class Ctx { internal Thread thread; internal VGate gate; }

        // The mini ready queue: as ReadyQueue (one level used, the bitmap and the summary kept).
        private readonly Tcb[] _head = new Tcb[32], _tail = new Tcb[32];
        private readonly uint[] _groups = new uint[1];
        private uint _summary;
        private int _count;
        private static readonly int[] DeBruijn =
        {
            0, 1, 28, 2, 29, 14, 24, 3, 30, 22, 20, 15, 25, 17, 4, 8,
            31, 27, 13, 23, 21, 19, 16, 7, 26, 12, 18, 6, 11, 5, 10, 9
        };

        private readonly Tcb[] _tcb = new Tcb[2];
        private readonly Ctx[] _ctx = new Ctx[2];
        private readonly SGate[] _sg = new SGate[2];
        private readonly VGate[] _vg = new VGate[2];
        private readonly Thread[] _threads = new Thread[2];
        private readonly Tcb _idle = new Tcb();
        private Tcb _currentT;
        private Thread _runner;
        private int _current, _masked, _fastWord, _taskWord, _pending, _handovers, _halt, _switches;
        private bool _shutdown, _started = true, _fine, _checks;
        private object _sink, _stuck;
        private int _variant;

        // ---- 1: the call chain, sealed gate ----
        private int Yield1() { if (Check() != 0) return 1; int s = Mask(); Leave1(s); return 0; }
        private int Check() { return Thread.CurrentThread == _runner ? 0 : 1; }
        private int Mask() { int p = _masked; _masked = 1; _fastWord = 0; return p; }
        private void Restore(int s) { _masked = s; if (s != 0) return; _fastWord = _taskWord; if (_pending != 0) _pending = 0; }
        private void RestoreQuiet(int s) { _masked = s; _fastWord = s == 0 ? _taskWord : 0; }
        private void Leave1(int s) { if (s != 0) return; Restore(0); Reschedule1(); }
        private void Reschedule1() { int s = Mask(); SwitchTo1(PickNext1(), s); }
        private int PickNext1() { return 1 - _current; }
        private void SwitchTo1(int next, int s)
        {
            int me = _current;
            RestoreQuiet(0);
            _runner = _threads[next];
            _current = next;
            _sg[next].Open();
            SGate g = _sg[me];
            while (_current != me) g.Wait();
        }

        // ---- 2: + the gate virtual ----
        private int Yield2() { if (Check() != 0) return 1; int s = Mask(); Leave2(s); return 0; }
        private void Leave2(int s) { if (s != 0) return; Restore(0); Reschedule2(); }
        private void Reschedule2() { int s = Mask(); SwitchTo2(PickNext1(), s); }
        private void SwitchTo2(int next, int s)
        {
            int me = _current;
            RestoreQuiet(0);
            _runner = _threads[next];
            _current = next;
            _vg[next].Open();
            VGate g = _vg[me];
            while (_current != me) g.Wait();
        }

        // ---- the mini ready queue ----
        private void EnqueueTail(Tcb t)
        {
            int p = t.prio;
            t.next = null;
            t.prev = _tail[p];
            if (_tail[p] != null) _tail[p].next = t; else _head[p] = t;
            _tail[p] = t;
            Mark(t, p);
        }

        private void Mark(Tcb t, int p)
        {
            t.queued = true;
            _groups[p >> 5] |= 1u << (p & 31);
            _summary |= 1u << (p >> 5);
            _count++;
        }

        private Tcb Peek()
        {
            if (_summary == 0) return null;
            int g = Lowest(_summary);
            int p = (g << 5) + Lowest(_groups[g]);
            return _head[p];
        }

        private static int Lowest(uint x) { uint i = x & (uint)-(int)x; return DeBruijn[(int)((i * 0x077CB531u) >> 27)]; }

        private void Remove(Tcb t)
        {
            if (!t.queued) throw new System.InvalidOperationException("not queued");
            int p = t.prio;
            if (t.next != null) t.next.prev = t.prev; else _tail[p] = t.prev;
            if (t.prev != null) t.prev.next = t.next; else _head[p] = t.next;
            t.next = t.prev = null;
            t.queued = false;
            _count--;
            if (_head[p] == null)
            {
                _groups[p >> 5] &= ~(1u << (p & 31));
                if (_groups[p >> 5] == 0) _summary &= ~(1u << (p >> 5));
            }
        }

        // ---- 3: + the ready queue ----
        private int Yield3() { if (Check() != 0) return 1; int s = Mask(); EnqueueTail(_currentT); Leave3(s); return 0; }
        private void Leave3(int s) { if (s != 0) return; Restore(0); Reschedule3(); }
        private void Reschedule3() { int s = Mask(); SwitchTo3(Peek(), s); }
        private void SwitchTo3(Tcb next, int s)
        {
            Tcb prev = _currentT;
            Remove(next);
            RestoreQuiet(0);
            _runner = _threads[next.id];
            _currentT = next;
            _vg[next.id].Open();
            VGate g = _vg[prev.id];
            while (_currentT != prev) g.Wait();
        }

        // ---- 4: + the kernel's tests and bookkeeping ----
        private int Yield4()
        {
            if (Check() != 0) return 1;
            int s = Mask();
            Tcb t = _currentT;
            if (t != _idle) { t.state = 1; EnqueueTail(t); t.slice = 0; }
            Leave4(s);
            return 0;
        }

        private void Leave4(int s)
        {
            if (s != 0) return;
            if (_checks) return;
            Restore(0);
            Tcb cur = _currentT;
            if (cur.state != 0 || _count != 0 || _halt != 0) Reschedule4();
            if (_sink != null) return;
        }

        private void Reschedule4()
        {
            if (_masked != 0 || _shutdown || !_started) return;
            if (_currentT == _idle) return;
            if (_stuck != null) return;
            int s = Mask();
            Tcb next = PickNext4();
            if (next == _currentT) return;
            SwitchTo4(next, s);
        }

        private Tcb PickNext4()
        {
            Tcb cur = _currentT;
            if (_halt != 0 && cur != _idle) return _idle;
            Tcb top = Peek();
            if (cur.state == 0) return cur;
            return top != null ? top : _idle;
        }

        private void SwitchTo4(Tcb next, int s)
        {
            if (s != 0) throw new System.InvalidOperationException("nested");
            bool tracing = _sink != null;
            Tcb prev = _currentT;
            if (prev.state == 0) prev.state = 1;
            Ctx nt = null;
            if (next != _idle)
            {
                if (next.queued) Remove(next);
                if (next.slice <= 0) next.slice = next.timeSlice;
                nt = _ctx[next.id];
            }
            next.state = 0;
            _switches++;
            next.switchesIn++;
            if (_fine) _switches++;
            if (tracing) _switches++;
            bool prevDead = prev.state == 3;
            _taskWord = nt != null && !_fine ? next.lockWord : 0;
            RestoreQuiet(0);
            if (tracing) _switches++;
            _runner = nt.thread;
            _currentT = next;
            nt.gate.Open();
            if (prevDead) return;
            if (prev == _idle) return;
            VGate g = _ctx[prev.id].gate;
            while (_currentT != prev)
            {
                if (_shutdown) return;
                g.Wait();
            }
            if (_shutdown) return;
        }

        // ---- 5: + the fences ----
        private int Yield5()
        {
            if (Check() != 0) return 1;
            int s = Mask();
            Tcb t = _currentT;
            if (t != _idle) { t.state = 1; EnqueueTail(t); t.slice = 0; }
            Leave5(s);
            return 0;
        }

        private void Leave5(int s)
        {
            if (s != 0) return;
            if (_checks) return;
            Restore(0);
            Tcb cur = _currentT;
            if (cur.state != 0 || _count != 0 || _halt != 0) Reschedule5();
            if (_sink != null) return;
        }

        private void Reschedule5()
        {
            if (_masked != 0 || _shutdown || !_started) return;
            if (_currentT == _idle) return;
            if (_stuck != null) return;
            int s = Mask();
            Tcb next = PickNext4();
            if (next == _currentT) return;
            SwitchTo5(next, s);
        }

        private void SwitchTo5(Tcb next, int s)
        {
            if (s != 0) throw new System.InvalidOperationException("nested");
            bool tracing = _sink != null;
            Tcb prev = _currentT;
            if (prev.state == 0) prev.state = 1;
            Ctx nt = null;
            if (next != _idle)
            {
                if (next.queued) Remove(next);
                if (next.slice <= 0) next.slice = next.timeSlice;
                nt = _ctx[next.id];
            }
            next.state = 0;
            _switches++;
            next.switchesIn++;
            if (_fine) _switches++;
            if (tracing) _switches++;
            bool prevDead = prev.state == 3;
            _taskWord = nt != null && !_fine ? next.lockWord : 0;
            RestoreQuiet(0);
            if (tracing) _switches++;
            _runner = nt.thread;
            Interlocked.Increment(ref _handovers);
            _currentT = next;
            nt.gate.Open();
            if (prevDead) return;
            if (prev == _idle) return;
            VGate g = _ctx[prev.id].gate;
            while (_currentT != prev)
            {
                if (_shutdown) return;
                g.Wait();
            }
            Interlocked.CompareExchange(ref _handovers, 0, -1);
            if (_shutdown) return;
        }

        // ---- 6: variant 5's work, flat, sealed gate ----
        private int Yield6()
        {
            if (Thread.CurrentThread != _runner) return 1;
            Tcb t = _currentT;
            if (_masked != 0 || t == _idle || (_pending | _halt) != 0 || _checks || _stuck != null || _shutdown) return 2;
            _masked = 1;
            _fastWord = 0;
            t.state = 1;
            EnqueueTail(t);
            Tcb next = Peek();
            if (next.queued) Remove(next);
            if (next.slice <= 0) next.slice = next.timeSlice;
            next.state = 0;
            _switches++;
            next.switchesIn++;
            bool tracing = _sink != null;
            if (_fine) _switches++;
            if (tracing) _switches++;
            int id = next.id;
            _taskWord = next.lockWord;
            _masked = 0;
            _fastWord = next.lockWord;
            _runner = _threads[id];
            Interlocked.Increment(ref _handovers);
            _currentT = next;
            _sg[id].Open();
            SGate g = _sg[t.id];
            while (_currentT != t)
            {
                if (_shutdown) return 3;
                g.Wait();
            }
            Interlocked.CompareExchange(ref _handovers, 0, -1);
            return 0;
        }

        // ---- 7: the direct switch's shape ----
        private Tcb YieldFrom(Tcb t)
        {
            int p = t.prio;
            if (((_summary & ((1u << (p >> 5)) - 1)) | (_groups[p >> 5] & ((1u << (p & 31)) - 1))) != 0) return null;
            Tcb h = _head[p];
            if (h == null) return null;
            Tcb n = h.next;
            if (n == null) { t.prev = null; _head[p] = t; }
            else { n.prev = null; _head[p] = n; Tcb last = _tail[p]; t.prev = last; last.next = t; h.next = null; }
            t.next = null;
            _tail[p] = t;
            t.queued = true;
            h.queued = false;
            return h;
        }

        private void UnmaskWith(int word) { _taskWord = word; _fastWord = word; _masked = 0; }

        private int Yield7()
        {
            if (Thread.CurrentThread != _runner) return 1;
            Tcb t = _currentT;
            if (t == _idle || (_masked | _pending | _halt) != 0) return 2;
            Mask();
            if (_checks) return 3;
            Tcb next = YieldFrom(t);
            if (next == null) return 4;
            t.state = 1;
            t.slice = 0;
            SwitchTo7(next, 0);
            if (_sink != null) return 5;
            return 0;
        }

        private void SwitchTo7(Tcb next, int s)
        {
            if (s != 0) throw new System.InvalidOperationException("nested");
            bool tracing = _sink != null;
            Tcb prev = _currentT;
            if (prev.state == 0) prev.state = 1;
            Ctx nt = null;
            if (next != _idle)
            {
                if (next.queued) Remove(next);
                if (next.slice <= 0) next.slice = next.timeSlice;
                nt = _ctx[next.id];
            }
            next.state = 0;
            _switches++;
            next.switchesIn++;
            if (_fine) _switches++;
            if (tracing) _switches++;
            bool prevDead = prev.state == 3;
            UnmaskWith(nt != null && !_fine ? next.lockWord : 0);
            if (tracing) _switches++;
            _runner = nt.thread;
            Interlocked.Increment(ref _handovers);
            _currentT = next;
            VGate open = nt.gate;
            AutoResetEvent e = open.park;
            if (e != null) e.Set(); else open.Open();
            if (prevDead) return;
            if (prev == _idle) return;
            VGate g = _ctx[prev.id].gate;
            e = g.park;
            while (_currentT != prev)
            {
                if (_shutdown) return;
                if (e != null) e.WaitOne(Timeout.Infinite, false); else g.Wait();
            }
            Interlocked.CompareExchange(ref _handovers, 0, -1);
            if (_shutdown) return;
        }

        private int _bad;

        private void Side(int me, int rounds)
        {
            int bad = 0;
            switch (_variant)
            {
                case 0:
                    {
                        int other = 1 - me;
                        SGate mine = _sg[me], next = _sg[other];
                        Thread nextThread = _threads[other];
                        for (int i = 0; i < rounds; i++)
                        {
                            while (_current != me) mine.Wait();
                            if (Thread.CurrentThread != _runner) { bad++; break; }
                            _masked = 1;
                            _runner = nextThread;
                            _current = other;
                            _masked = 0;
                            next.Open();
                        }
                        // the last hand-over: wait until the partner has handed back
                        while (_current != me && me == 0) mine.Wait();
                        break;
                    }
                case 1: for (int i = 0; i < rounds; i++) bad += Yield1(); break;
                case 2: for (int i = 0; i < rounds; i++) bad += Yield2(); break;
                case 3: for (int i = 0; i < rounds; i++) bad += Yield3(); break;
                case 4: for (int i = 0; i < rounds; i++) bad += Yield4(); break;
                case 5: for (int i = 0; i < rounds; i++) bad += Yield5(); break;
                case 6: for (int i = 0; i < rounds; i++) bad += Yield6(); break;
                default: for (int i = 0; i < rounds; i++) bad += Yield7(); break;
            }
            _bad += bad;
        }

        private double Run(int variant, int rounds)
        {
            _variant = variant;
            _shutdown = false; _halt = 0; _checks = false; _fine = false; _sink = null; _stuck = null;   // the kernel's usual state
            _current = 0;
            _summary = 0; _count = 0; _groups[0] = 0;
            for (int p = 0; p < _head.Length; p++) { _head[p] = null; _tail[p] = null; }
            _threads[0] = Thread.CurrentThread;
            for (int k = 0; k < 2; k++)
            {
                _sg[k] = new SGate();
                _vg[k] = new EGate();
                _tcb[k] = new Tcb();
                _tcb[k].id = k;
                _tcb[k].prio = 10;
                _ctx[k] = new Ctx();
                _ctx[k].gate = _vg[k];
            }
            _tcb[1].state = 1;
            EnqueueTail(_tcb[1]);
            _currentT = _tcb[0];
            _runner = _threads[0];
            Thread partner = new Thread(Partner);
            _threads[1] = partner;
            _ctx[0].thread = _threads[0];
            _ctx[1].thread = partner;
            _partnerRounds = rounds;
            partner.Start();
            long t0 = Clock.Ticks();
            Side(0, rounds);
            long t1 = Clock.Ticks();
            partner.Join();
            return (t1 - t0) * 100.0 / (2 * rounds);
        }

        private int _partnerRounds;

        private void Partner()
        {
            // The partner waits for its first turn at its own gate, then runs the same loop one round less (the
            // main side's last hand-over is its last measured one).
            if (_variant == 0) { Side(1, _partnerRounds); return; }
            VGate vg = _vg[1]; SGate sg = _sg[1];
            Tcb me = _tcb[1];
            if (_variant == 1 || _variant == 2) { while (_current != 1) { if (_variant == 1) sg.Wait(); else vg.Wait(); } }
            else if (_variant == 6) { while (_currentT != me) sg.Wait(); }
            else if (_variant == 7) { while (_currentT != me) vg.park.WaitOne(Timeout.Infinite, false); }
            else { while (_currentT != me) vg.Wait(); }
            Side(1, _partnerRounds - 1);
            // The last hand-back, without waiting for another turn: the main side's last Yield returns, the partner ends.
            _tcb[0].state = 0;
            if (_tcb[0].queued) Remove(_tcb[0]);
            _runner = _threads[0];
            _current = 0;
            _currentT = _tcb[0];
            _sg[0].Open();
            _vg[0].Open();
        }

        /// <summary>ns per hand-off, best of <paramref name="runs"/> runs of <paramref name="rounds"/> rounds each way, for each of <see cref="Names"/>; -1 when a run failed.</summary>
        internal static double[] Measure(int rounds, int runs)
        {
            var c = new SwitchCosts();
            var best = new double[Names.Length];
            for (int k = 0; k < best.Length; k++) best[k] = double.MaxValue;
            for (int r = 0; r < runs; r++)
            {
                for (int k = 0; k < best.Length; k++)
                {
                    c._bad = 0;
                    double ns = c.Run(k, rounds);
                    if (c._bad != 0) ns = -1;
                    if (ns < best[k]) best[k] = ns;
                }
            }
            return best;
        }
    }
}
