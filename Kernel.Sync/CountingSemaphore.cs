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
    /// </summary>
    public sealed class CountingSemaphore : SyncObject
    {
        private readonly int _max;
        private int _count;
        internal readonly WaitQueue waiters;

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
            id = SyncRegistry.Of(kernel).Add(this, SyncRegistry.SemaphoreKind);   // last step: registers the fully built object
        }

        /// <summary>Units available now.</summary>
        public int Count { get { return _count; } }

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
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = _k.EnterChecked();
            KernelStatus r;
            if (destroyed) r = KernelStatus.Destroyed;
            else if (_count > 0) { _count--; r = KernelStatus.Ok; }
            else r = _k.BlockCurrent(s, TaskState.Blocked, this, waiters.list, timeoutTicks, true);   // the wait (WaitQueue's protocol)
            _k.Leave(s);
            return r;
        }

        /// <summary>
        /// Returns a unit: to the most urgent waiter if a task waits, else to the count. Ok; Busy when the
        /// count is already at its maximum (nothing changes); Destroyed. ISR-safe.
        /// </summary>
        /// <returns>Ok, Busy (count at its maximum), Destroyed, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Give()
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
                }
                else if (_count == _max) r = KernelStatus.Busy;
                else
                {
                    _count++;
                    _k.Emit(TraceKind.SemaphoreGive, _k.Current, id, 0);
                }
            }
            _k.Leave(s);
            return r;
        }

        /// <summary>Destroy, masked: wakes every waiter with Destroyed (SyncObject.Destroy).</summary>
        internal override void WakeAllForDestroyMasked()
        {
            waiters.WakeAll(KernelStatus.Destroyed);
        }

        /// <summary>docs/spec/primitives.md §6 for this semaphore (masked).</summary>
        internal override string CheckMasked()
        {
            if (_count < 0 || _count > _max) return Name + ": count " + _count + " outside 0 .. " + _max;
            string e = waiters.Check("wait list");
            if (e != null) return e;
            int n = waiters.Count;
            if (n > 0 && _count > 0) return Name + ": " + n + " tasks wait although the count is " + _count;
            if (n > 0 && destroyed) return Name + ": destroyed with waiters";
            return null;
        }
    }
}
