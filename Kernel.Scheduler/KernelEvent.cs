using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// A binary event (auto-reset): <see cref="Wait"/> consumes a signal or blocks, waiters are
    /// woken most urgent first (FIFO among equals), <see cref="Signal"/> wakes one waiter or
    /// remembers one signal. ISR-safe signal; no allocation (wait nodes live in the TCB).
    /// No priority inheritance: an event has no owner.
    /// </summary>
    public sealed class KernelEvent : KernelObject
    {
        private readonly Scheduler _k;
        private readonly PriorityList _waiters = new PriorityList();
        private bool _signaled;

        /// <summary>Creates an unsignaled event named "event".</summary>
        /// <exception cref="System.ArgumentException"><paramref name="kernel"/> is null.</exception>
        public KernelEvent(Scheduler kernel) : this(kernel, "event") { }

        /// <summary>Creates an unsignaled event.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="kernel"/> or <paramref name="name"/> is null.</exception>
        public KernelEvent(Scheduler kernel, string name) : base(name)
        {
            if (kernel == null) throw new System.ArgumentNullException("kernel");
            if (name == null) throw new System.ArgumentNullException("name");
            _k = kernel;
        }

        /// <summary>True when a signal is stored.</summary>
        public bool IsSignaled { get { return _signaled; } }

        /// <summary>Tasks waiting.</summary>
        public int WaiterCount { get { return _waiters.Count; } }

        /// <summary>Wakes the most urgent waiter, or stores the signal if none waits. ISR-safe.</summary>
        public KernelStatus Signal()
        {
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = _k.EnterChecked();
            SignalMasked();
            _k.Leave(s);
            return KernelStatus.Ok;
        }

        internal void SignalMasked()
        {
            _k.AssertMasked();
            // A waiter woken by its timeout stays in the list until it runs (Scheduler.Wake): drop
            // such stale entries instead of spending the signal on them.
            while (true)
            {
                PlistNode n = _waiters.First;
                if (n == null) { _signaled = true; return; }
                _waiters.Remove(n);
                if (_k.Wake(n.Task, KernelStatus.Ok)) return;
            }
        }

        /// <summary>
        /// Waits for a signal: Ok, or TimedOut after <paramref name="timeoutTicks"/> (negative = forever).
        /// WrongContext from the idle task.
        /// </summary>
        public KernelStatus Wait(long timeoutTicks)
        {
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = _k.EnterChecked();
            if (_signaled) { _signaled = false; _k.Leave(s); return KernelStatus.Ok; }
            TaskControlBlock me = _k.Current;
            if (me == _k.Idle || s != 0) { _k.Leave(s); return KernelStatus.WrongContext; }
            if (timeoutTicks == 0) { _k.Leave(s); return KernelStatus.TimedOut; }
            _waiters.Add(me.WaitNode, me.EffectivePriority);
            KernelStatus r = _k.BlockCurrent(s, TaskState.Blocked, this, timeoutTicks);
            if (me.WaitNode.IsQueued)
            {
                s = _k.Enter();
                if (me.WaitNode.IsQueued) _waiters.Remove(me.WaitNode);
                _k.Leave(s);
            }
            return r;
        }
    }
}
