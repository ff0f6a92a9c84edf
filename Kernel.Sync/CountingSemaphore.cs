using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// Counting semaphore (docs/spec/primitives.md §8): a count between 0 and a maximum; <see cref="Take"/>
    /// takes a unit or waits for one, <see cref="Give"/> returns one. A unit given while tasks wait
    /// goes straight to the most urgent waiter (FIFO among equals) and the count stays 0. No owner,
    /// so no priority inheritance. Waits are the scheduler's (<see cref="WaitQueue"/>): timed,
    /// interruptible (<see cref="Scheduler.Interrupt"/>), ended with Destroyed when the semaphore is
    /// destroyed. <see cref="Give"/> and <c>Take(0)</c> are ISR-safe; a Take that would have to
    /// block from an IRQ handler or the idle task is WrongContext. No allocation after construction.
    /// The uncontended calls (nobody waits, tracing off, the running task with interrupts enabled and no
    /// line pending) take a flat fast path with no mask (docs/spec/primitives.md §17).
    /// </summary>
    public sealed class CountingSemaphore : SyncObject
    {
        // The count word (docs/spec/primitives.md §17): the units, with two states the fast paths must not touch
        // folded into it, so that one load decides:
        //   >= 0              that many units; nobody waits; not destroyed     (fast Take when > 0, fast Give when < max)
        //   WaitersWord (-1)  no unit; tasks may wait (set masked before a task pends; the next slow Give that
        //                     finds the wait list empty after a timeout or an interrupt puts it back to 0)
        //   <= -2             destroyed, holding -2 - word units (kept for Count)
        internal const int WaitersWord = -1;
        private const int DestroyedBase = -2;
        private readonly int _max;
        private int _count;
        internal readonly WaitQueue waiters;
        private readonly IrqController _irq;   // the fast paths read its fast word and pending lines
        private readonly TraceBuffer _trace;   // the fast Give runs only while nothing records

        /// <summary>Creates a semaphore holding <paramref name="initialCount"/> units (a set-up call: it allocates).</summary>
        /// <param name="kernel">The kernel it belongs to.</param>
        /// <param name="name">Name, for traces and reports.</param>
        /// <param name="initialCount">Units it holds at first, 0 .. maxCount.</param>
        /// <param name="maxCount">The most units it can hold, at least 1.</param>
        /// <exception cref="System.ArgumentException">A null kernel or name, <paramref name="maxCount"/> &lt; 1,
        /// or <paramref name="initialCount"/> outside 0 .. <paramref name="maxCount"/>.</exception>
        public CountingSemaphore(Scheduler kernel, string name, int initialCount, int maxCount) : base(kernel, name)
        {
            if (maxCount < 1) throw new System.ArgumentOutOfRangeException("maxCount", "maxCount must be at least 1");
            if (initialCount < 0 || initialCount > maxCount) throw new System.ArgumentOutOfRangeException("initialCount", "initialCount must be within 0 .. maxCount");
            _max = maxCount;
            _count = initialCount;
            waiters = new WaitQueue(kernel, this);
            _irq = kernel.Board.Irq;
            _trace = kernel.Trace;
            id = SyncRegistry.Of(kernel).Add(this, SyncRegistry.SemaphoreKind);   // last step: registers the fully built object
        }

        /// <summary>Units available now.</summary>
        public int Count
        {
            get
            {
                int c = _count;
                return c >= 0 ? c : c == WaitersWord ? 0 : DestroyedBase - c;
            }
        }

        /// <summary>The most units it can hold.</summary>
        public int MaxCount { get { return _max; } }

        /// <summary>Tasks queued (most urgent first).</summary>
        public int WaiterCount { get { return waiters.Count; } }

        /// <summary>Waiting task number <paramref name="index"/> in wait order, or null.</summary>
        /// <param name="index">0-based position in wait order.</param>
        /// <returns>The waiting task, or null when there is none at that position.</returns>
        public TaskControlBlock WaiterAt(int index) { return waiters.At(index); }

        /// <summary>
        /// Takes a unit: Ok; TimedOut when none came within <paramref name="timeoutTicks"/> ticks
        /// (0: do not wait; negative: no limit); Interrupted; Destroyed; WrongContext when it would
        /// have to wait in an IRQ handler or the idle task (nothing changes).
        /// </summary>
        /// <param name="timeoutTicks">Ticks to wait at most; 0: do not wait; negative: no limit.</param>
        /// <returns>Ok (a unit taken), TimedOut, Interrupted, Destroyed or WrongContext, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Take(long timeoutTicks)
        {
            // The fast path (docs/spec/primitives.md §17), flat on purpose: a unit there, taken by the task that owns
            // the CPU, interrupts enabled (the fast word: not an IRQ handler, not a critical section, not the idle
            // task), no line pending and no halt asked for (so this is no preemption point the slow path would have
            // been). Nothing else can run kernel code until this task makes a kernel call or unmasks, so the update
            // needs neither a mask nor a CAS. Anything else goes to the slow path, which sorts it out.
            int c = _count;
            if (c > 0 && _irq.fastWord != 0 && (_irq.pendingLines | _irq.haltRequested) == 0 && Thread.CurrentThread == _irq.runnerThread)
            {
                _count = c - 1;
                return KernelStatus.Ok;
            }
            // The full path, in this frame (not a call): a task parked in its wait keeps one stack frame less. Two
            // locals only (nanoCLR sets up every local of a frame on each call, the fast path's too): c holds the
            // mask state from here on, r the caller check's status and then the result.
            KernelStatus r = _k.CheckCaller();
            if (r != KernelStatus.Ok) return r;
            c = _k.EnterChecked();
            if (destroyed) r = KernelStatus.Destroyed;
            else if (_count > 0) _count--;
            else
            {
                if (timeoutTicks != 0) _count = WaitersWord;   // before the task pends: a fast Give must fail from now on
                r = _k.BlockCurrent(c, TaskState.Blocked, this, waiters.list, timeoutTicks, true);   // the wait (WaitQueue's protocol)
            }
            _k.Leave(c);
            return r;
        }

        /// <summary>
        /// Returns a unit: to the most urgent waiter if a task waits, else to the count. Ok; Busy when the
        /// count is already at its maximum (nothing changes); Destroyed. ISR-safe.
        /// </summary>
        /// <returns>Ok, Busy (count at its maximum), Destroyed, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Give()
        {
            // The fast path (see Take): nobody waits and there is room (0 <= count < max), nothing records traces.
            int c = _count;
            if (c >= 0 && c < _max && _irq.fastWord != 0 && (_irq.pendingLines | _irq.haltRequested) == 0 && _trace.sink == null
                && Thread.CurrentThread == _irq.runnerThread)
            {
                _count = c + 1;
                return KernelStatus.Ok;
            }
            return GiveSlow();
        }

        private KernelStatus GiveSlow()
        {
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = _k.EnterChecked();
            KernelStatus r = KernelStatus.Ok;
            if (destroyed) r = KernelStatus.Destroyed;
            else
            {
                TaskControlBlock w = waiters.First;
                if (w != null)
                {
                    _k.Emit(TraceKind.SemaphoreGive, _k.Current, id, w.Id);
                    waiters.WakeFirst(KernelStatus.Ok);
                    if (waiters.First == null) _count = 0;   // the last waiter served: the fast paths may run again
                }
                else
                {
                    int c = _count;
                    if (c == WaitersWord) c = 0;   // the waiters left (timeout, interrupt): the count is 0
                    if (c == _max) r = KernelStatus.Busy;
                    else
                    {
                        c++;
                        _k.Emit(TraceKind.SemaphoreGive, _k.Current, id, 0);
                    }
                    _count = c;
                }
            }
            _k.Leave(s);
            return r;
        }

        /// <summary>Destroy, masked: wakes every waiter with Destroyed (SyncObject.Destroy).</summary>
        internal override void WakeAllForDestroyMasked()
        {
            int c = _count;
            _count = DestroyedBase - (c < 0 ? 0 : c);   // every fast path fails from now on; Count keeps the units
            waiters.WakeAll(KernelStatus.Destroyed);
        }

        /// <summary>docs/spec/primitives.md §6 for this semaphore (masked).</summary>
        internal override string CheckMasked()
        {
            int c = _count;
            if (destroyed != c <= DestroyedBase) return Name + ": count word " + c + (destroyed ? " of a destroyed" : " of a live") + " semaphore";
            int units = Count;
            if (units < 0 || units > _max) return Name + ": count " + units + " outside 0 .. " + _max;
            string e = waiters.Check("wait list");
            if (e != null) return e;
            int n = waiters.Count;
            if (n > 0 && units > 0) return Name + ": " + n + " tasks wait although the count is " + units;
            if (n > 0 && c != WaitersWord) return Name + ": " + n + " tasks wait but the count word " + c + " lets the fast paths run";
            if (n > 0 && destroyed) return Name + ": destroyed with waiters";
            return null;
        }
    }
}
