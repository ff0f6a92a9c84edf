using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// A binary event (auto-reset, docs/spec/scheduler.md §22): <see cref="Wait"/> consumes a signal or
    /// waits in the event's wait queue (most urgent first, FIFO among equals); <see cref="Signal"/> ends
    /// the first waiter's wait, or remembers one signal if none waits. A wait is timed, interruptible
    /// (<see cref="Scheduler.Interrupt"/>) and ends with Destroyed when the event is destroyed. ISR-safe
    /// signal; no allocation (wait nodes live in the TCB). No priority inheritance: an event has no owner.
    /// </summary>
    public sealed class KernelEvent : KernelObject
    {
        private readonly Scheduler _k;
        private readonly WaitQueue _waiters;
        private bool _signaled, _destroyed;

        /// <summary>Creates an unsignaled event named "event".</summary>
        /// <param name="kernel">The kernel it belongs to.</param>
        /// <exception cref="System.ArgumentException"><paramref name="kernel"/> is null.</exception>
        public KernelEvent(Scheduler kernel) : this(kernel, "event") { }

        /// <summary>Creates an unsignaled event.</summary>
        /// <param name="kernel">The kernel it belongs to.</param>
        /// <param name="name">Name, for traces and reports.</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="kernel"/> or <paramref name="name"/> is null.</exception>
        public KernelEvent(Scheduler kernel, string name) : base(name)
        {
            if (kernel == null) throw new System.ArgumentNullException("kernel");
            if (name == null) throw new System.ArgumentNullException("name");
            _k = kernel;
            _waiters = new WaitQueue(kernel, this);
        }

        /// <summary>True when a signal is stored.</summary>
        public bool IsSignaled { get { return _signaled; } }

        /// <summary>True once destroyed: every later call returns Destroyed.</summary>
        public bool IsDestroyed { get { return _destroyed; } }

        /// <summary>Tasks waiting.</summary>
        public int WaiterCount { get { return _waiters.Count; } }

        /// <summary>Waiting task number <paramref name="index"/> in wait order (0 = the next one a signal wakes), or null.</summary>
        /// <param name="index">0-based position in wait order.</param>
        /// <returns>The waiting task, or null when there is none at that position.</returns>
        public TaskControlBlock WaiterAt(int index) { return _waiters.At(index); }

        /// <summary>Wakes the most urgent waiter, or stores the signal if none waits: Ok; Destroyed after destroy. ISR-safe.</summary>
        /// <returns>Ok, Destroyed, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Signal()
        {
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = _k.EnterChecked();
            KernelStatus r = _destroyed ? KernelStatus.Destroyed : KernelStatus.Ok;
            SignalMasked();
            _k.Leave(s);
            return r;
        }

        /// <summary>Signal, masked (also the kernel timer's expiry); nothing on a destroyed event.</summary>
        internal void SignalMasked()
        {
            _k.AssertMasked();
            if (_destroyed) return;
            if (_waiters.WakeFirst(KernelStatus.Ok) == null) _signaled = true;
        }

        /// <summary>
        /// Waits for a signal: Ok; TimedOut after <paramref name="timeoutTicks"/> ticks (negative: no
        /// limit; 0: do not wait); Interrupted; Destroyed. A stored signal is consumed at once (from
        /// anywhere, like every call that need not block); WrongContext when it would have to wait in the
        /// idle task, an IRQ handler or a nested section (nothing changes).
        /// </summary>
        /// <param name="timeoutTicks">Ticks to wait at most; 0: do not wait; negative: no limit.</param>
        /// <returns>Ok, TimedOut, Interrupted, Destroyed or WrongContext, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Wait(long timeoutTicks)
        {
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = _k.EnterChecked();
            KernelStatus r;
            if (_destroyed) r = KernelStatus.Destroyed;
            else if (_signaled) { _signaled = false; r = KernelStatus.Ok; }
            else r = _k.BlockCurrent(s, TaskState.Blocked, this, _waiters.list, timeoutTicks, true);   // the wait (WaitQueue's protocol)
            _k.Leave(s);
            return r;
        }

        /// <summary>
        /// Destroys the event: every waiter's wait ends with Destroyed, a stored signal is dropped, later
        /// calls return Destroyed (a kernel timer that targets it signals nothing). Ok, or Destroyed if it
        /// already was. ISR-safe.
        /// </summary>
        /// <returns>Ok, or Destroyed if it already was, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Destroy()
        {
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = _k.EnterChecked();
            KernelStatus r = KernelStatus.Destroyed;
            if (!_destroyed)
            {
                _destroyed = true;
                _signaled = false;
                _waiters.WakeAll(KernelStatus.Destroyed);
                r = KernelStatus.Ok;
            }
            _k.Leave(s);
            return r;
        }
    }
}
