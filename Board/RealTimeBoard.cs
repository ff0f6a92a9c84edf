using System.Threading;

namespace NfRt.Boards
{
    /// <summary>
    /// Real-time execution on the host (or a device): a timer thread raises the tick line
    /// every <see cref="BoardProfile.TickMs"/> milliseconds. The tick is delivered at the next
    /// preemption point of whichever task runs (cooperative-preemptive: no managed thread can
    /// be stopped from outside), or wakes the idle CPU.
    /// </summary>
    public sealed class RealTimeBoard : Board
    {
        private int _ticks;
        private int _stop;
        private Thread _timer;

        /// <summary>Creates the board; call <see cref="Start"/> to begin ticking.</summary>
        public RealTimeBoard(BoardProfile profile) : base(profile) { }

        /// <inheritdoc/>
        public override bool IsSimulated { get { return false; } }

        /// <inheritdoc/>
        public override long Now { get { return _ticks; } }

        /// <inheritdoc/>
        public override void ConsumeCpu() { Thread.SpinWait(64); }

        /// <inheritdoc/>
        public override void IdleUntilTick() { Irq.WaitForInterrupt(Profile.TickMs); }

        /// <inheritdoc/>
        public override void Start()
        {
            if (_timer != null) return;
            _stop = 0;
            _timer = new Thread(TimerLoop);
            _timer.Start();
        }

        /// <inheritdoc/>
        public override void Stop()
        {
            if (_timer == null) return;
            Interlocked.Exchange(ref _stop, 1);
            _timer.Join();
            _timer = null;
        }

        private void TimerLoop()
        {
            int period = Profile.TickMs;
            while (_stop == 0)
            {
                Thread.Sleep(period);
                Interlocked.Increment(ref _ticks);
                Irq.Raise(TickIrq);
            }
        }
    }
}
