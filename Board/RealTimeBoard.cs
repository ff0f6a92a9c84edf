using System;
using System.Threading;

// The clock/sleep seam below is internal: the host tests inject a clock and a sleep that overshoots.

namespace NfRt.Boards
{
    /// <summary>
    /// Real-time execution on the host (or a device): a timer thread raises the tick line. Kernel ticks
    /// are derived from ELAPSED TIME of a clock (<see cref="DateTime.UtcNow"/>, 100 ns units: the only
    /// clock nano mscorlib 1.17.11 offers; it has no Environment.TickCount and no Stopwatch), not counted
    /// one per completed sleep: a wake-up that comes late (nanoCLR on Linux sleeps at least ~10 ms for
    /// Sleep(1)) raises every tick that became due meanwhile, so kernel time keeps the profile's rate.
    /// The tick is delivered at the next preemption point of whichever task runs (cooperative-preemptive:
    /// no managed thread can be stopped from outside), or wakes the idle CPU; the kernel catches up on
    /// several ticks at once (it counts against <see cref="Now"/>).
    /// <para>The clock is a wall clock and can be set (SNTP, RTC). A step backwards, or forwards by more
    /// than <see cref="MaxCatchUpMs"/>, is taken as a clock change, not as time that passed: the board
    /// re-bases on the new reading and goes on from the ticks already raised (so at most one second of
    /// ticks is ever raised at once, and none is taken back).</para>
    /// </summary>
    public sealed class RealTimeBoard : Board
    {
        /// <summary>Longest gap (ms) between two clock readings that is caught up as elapsed time.</summary>
        public const int MaxCatchUpMs = 1000;

        /// <summary>Reads the clock in 100 ns units (the seam's clock).</summary>
        internal delegate long ClockReader();

        /// <summary>Sleeps about <paramref name="ms"/> milliseconds (the seam's sleep).</summary>
        internal delegate void Sleeper(int ms);

        private int _ticks;          // ticks raised; int because nano's Interlocked is int-only (wraps after 2^31)
        private int _stop;
        private Thread _timer;
        private readonly ClockReader _clock;
        private readonly Sleeper _sleep;
        private long _base;          // clock reading at which _baseTicks ticks had been raised
        private long _baseTicks;     // ticks raised since Start at _base
        private long _raised;        // ticks raised since Start
        private long _lastRead;      // previous clock reading

        /// <summary>Creates the board; call <see cref="Start"/> to begin ticking.</summary>
        /// <param name="profile">The board's data sheet (not null).</param>
        public RealTimeBoard(BoardProfile profile) : this(profile, null, null) { }

        /// <summary>The seam: a board driven by <paramref name="clock"/> and <paramref name="sleep"/> (null = the real ones).</summary>
        internal RealTimeBoard(BoardProfile profile, ClockReader clock, Sleeper sleep) : base(profile)
        {
            _clock = clock != null ? clock : new ClockReader(UtcTicks);
            _sleep = sleep != null ? sleep : new Sleeper(ThreadSleep);
        }

        private static long UtcTicks() { return DateTime.UtcNow.Ticks; }

        private static void ThreadSleep(int ms) { Thread.Sleep(ms); }

        /// <inheritdoc/>
        public override bool IsSimulated { get { return false; } }

        /// <inheritdoc/>
        public override long Now { get { return _ticks; } }

        /// <summary>
        /// A busy task burns a little CPU, then yields the processor: on an interpreter whose threads switch in
        /// coarse quanta (nanoCLR's host: ~20 ms) this lets the timer thread run, so ticks are raised in smaller
        /// bursts (observed on nanoCLR: wake-ups up to ~90 ticks late with the spin alone, ≤ ~20 with the yield).
        /// </summary>
        internal override void ConsumeCpu() { Thread.SpinWait(64); Thread.Sleep(0); }

        internal override void IdleUntilTick() { Irq.WaitForInterrupt(Profile.TickMs); }

        internal override void Start()
        {
            if (_timer != null) return;
            _stop = 0;
            _base = _lastRead = _clock();
            _baseTicks = _raised = 0;
            _timer = new Thread(TimerLoop);
            _timer.Start();
        }

        internal override void Stop()
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
                _sleep(period);
                Advance(_clock());
            }
        }

        /// <summary>
        /// One timer step at clock reading <paramref name="now"/>: raises every tick due since Start
        /// (due = elapsed × TickRateHz, counted from the last re-base), after re-basing when the clock
        /// stepped backwards or jumped more than <see cref="MaxCatchUpMs"/>. Returns the ticks raised.
        /// </summary>
        internal int Advance(long now)
        {
            long gap = now - _lastRead;
            _lastRead = now;
            if (gap < 0 || gap > MaxCatchUpMs * TimeSpan.TicksPerMillisecond)
            {
                _base = now;              // a clock change, not elapsed time: go on from here
                _baseTicks = _raised;
                return 0;
            }
            long due = _baseTicks + (now - _base) * Profile.TickRateHz / TimeSpan.TicksPerSecond;
            long n = due - _raised;
            if (n <= 0) return 0;
            _raised = due;
            AddTicks((int)n);
            Irq.Raise(TickIrq);
            return (int)n;
        }

        private void AddTicks(int n)
        {
            while (true)
            {
                int old = _ticks;
                if (Interlocked.CompareExchange(ref _ticks, unchecked(old + n), old) == old) return;
            }
        }
    }
}
