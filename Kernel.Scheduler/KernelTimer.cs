using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// A one-shot kernel timer that signals a <see cref="KernelEvent"/> when it expires (it never
    /// calls user code from the tick). Arming an armed timer re-arms it: there is never more than
    /// one pending expiry per timer.
    /// </summary>
    public sealed class KernelTimer
    {
        private readonly Scheduler _k;
        private readonly KernelEvent _target;
        private readonly TimeoutNode _node;

        /// <summary>Times it expired.</summary>
        public int Expirations;

        /// <summary>Creates a disarmed timer that signals <paramref name="target"/>.</summary>
        public KernelTimer(Scheduler kernel, KernelEvent target)
        {
            _k = kernel;
            _target = target;
            _node = new TimeoutNode(this);
        }

        /// <summary>True while armed.</summary>
        public bool IsArmed { get { return _node.IsQueued; } }

        /// <summary>The tick it will expire at (valid while armed).</summary>
        public long DueTick { get { return _node.Deadline; } }

        /// <summary>(Re-)arms it to expire <paramref name="ticks"/> (>= 1) ticks from now. InvalidArgument otherwise.</summary>
        public KernelStatus Arm(long ticks)
        {
            if (ticks < 1) return KernelStatus.InvalidArgument;
            int s = _k.Enter();
            _k.ArmTimeout(_node, ticks);
            _k.Leave(s);
            return KernelStatus.Ok;
        }

        /// <summary>Disarms it (no effect when not armed).</summary>
        public void Cancel()
        {
            int s = _k.Enter();
            _k.DisarmTimeout(_node);
            _k.Leave(s);
        }

        internal void Expire()
        {
            Expirations++;
            _target.SignalMasked();
        }
    }
}
