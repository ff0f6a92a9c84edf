using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// A one-shot kernel timer that signals a <see cref="KernelEvent"/> when it expires (it never
    /// calls user code from the tick). Arming an armed timer re-arms it: there is never more than
    /// one pending expiry per timer.
    /// </summary>
    public sealed class KernelTimer : ITimeoutTarget
    {
        private readonly Scheduler _k;
        private readonly KernelEvent _target;
        private readonly TimeoutNode _node;

        private int _expirations;

        /// <summary>Creates a disarmed timer that signals <paramref name="target"/>.</summary>
        /// <param name="kernel">The kernel it belongs to.</param>
        /// <param name="target">The event it signals on expiry.</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="kernel"/> or <paramref name="target"/> is null.</exception>
        public KernelTimer(Scheduler kernel, KernelEvent target)
        {
            if (kernel == null) throw new System.ArgumentNullException("kernel");
            if (target == null) throw new System.ArgumentNullException("target");
            _k = kernel;
            _target = target;
            _node = new TimeoutNode(this);
        }

        /// <summary>Times it expired.</summary>
        public int Expirations { get { return _expirations; } }

        /// <summary>True while armed.</summary>
        public bool IsArmed { get { return _node.IsQueued; } }

        /// <summary>The tick it will expire at (valid while armed).</summary>
        public long DueTick { get { return _node.Deadline; } }

        /// <summary>(Re-)arms it to expire <paramref name="ticks"/> (>= 1) ticks from now. InvalidArgument otherwise.</summary>
        /// <param name="ticks">Ticks from now to expiry, at least 1.</param>
        /// <returns>Ok, InvalidArgument, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Arm(long ticks)
        {
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            if (ticks < 1) return KernelStatus.InvalidArgument;
            int s = _k.EnterChecked();
            _k.ArmTimeout(_node, ticks);
            _k.Leave(s);
            return KernelStatus.Ok;
        }

        /// <summary>Disarms it (no effect when not armed).</summary>
        /// <returns>Ok, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Cancel()
        {
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = _k.EnterChecked();
            _k.DisarmTimeout(_node);
            _k.Leave(s);
            return KernelStatus.Ok;
        }

        void ITimeoutTarget.OnTimeout()
        {
            _expirations++;
            _target.SignalMasked();
        }
    }
}
