using System.Threading;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Halting and the watchdog: how the driver gets the CPU back from a task that does not give it.
    /// <code>
    /// A halt is a forced switch to the idle task (the driver), taken at the running task's next
    /// preemption point while _irq.haltRequested is set: PickNext answers Idle, the task goes back to the
    /// head of the ready queue (it resumes first at the next driver call), a Halt event is traced.
    /// Two things request one:
    ///   target tick  the driver's AdvanceTicks/RunUntilTick target is reached while a task runs
    ///                (Busy on the simulated board checks before it burns a tick; the real-time tick ISR
    ///                checks after each tick);
    ///   watchdog     the driver has waited KernelConfig.WatchdogMs for the CPU with no context switch
    ///                in the system (tasks handing the CPU to each other are progress; the driver looks
    ///                for switches eight times a period). If the task then reaches a preemption point
    ///                it is halted and the call returns WatchdogExpired naming it. If it reaches none
    ///                within another WatchdogMs (it spins, or waits on a C# lock or an OS primitive),
    ///                the driver gives up waiting: WatchdogExpired, WatchdogTaskStuck — twice the period
    ///                after the last switch. The task still owns the CPU; driver calls answer
    ///                WatchdogExpired and change nothing until it reaches a kernel call and halts.
    /// </code>
    /// </summary>
    public sealed partial class Scheduler
    {
        /// <summary>The task named by the last <see cref="KernelStatus.WatchdogExpired"/>, or null.</summary>
        public TaskControlBlock WatchdogTask { get { return _watchdogTask; } }

        /// <summary>True while <see cref="WatchdogTask"/> holds the CPU without having reached a kernel call since the watchdog fired.</summary>
        public bool WatchdogTaskStuck { get { return _stuck != null; } }

        /// <summary>Reads a millisecond wall clock.</summary>
        internal delegate long MsClock();

        /// <summary>The tests' seam: a fake wall clock for the watchdog and the shutdown bound, or null (the real one).</summary>
        internal MsClock clockSeam;

        /// <summary>Milliseconds of a wall clock (for the watchdog and shutdown bounds only; never kernel time).</summary>
        private long ClockMs()
        {
            MsClock c = clockSeam;
            return c != null ? c() : System.DateTime.UtcNow.Ticks / 10000;
        }

        /// <summary>
        /// The driver's wait for the CPU (its side of WaitTurn), with the watchdog. It looks for context
        /// switches eight times a period, so it knows when the last one happened to within WatchdogMs/8:
        /// the halt is requested WatchdogMs after the last switch it saw, the stuck report comes WatchdogMs
        /// after that (docs/spec/scheduler.md §29).
        /// </summary>
        private void WaitTurnDriver()
        {
            int wd = Config.WatchdogMs;
            if (wd == 0)
            {
                while (current != Idle) _idleGate.Wait();
            }
            else
            {
                // The watchdog runs while no context switch happens: a busy system whose tasks keep
                // handing the CPU to each other is making progress, however long the call takes.
                int look = wd / 8;
                if (look < 1) look = 1;
                int seen = Interlocked.CompareExchange(ref _handovers, 0, -1);
                long now = ClockMs();
                long quietSince = now;    // when the last switch was seen
                long haltSince = -1;      // when the halt was requested
                while (current != Idle)
                {
                    long due = (haltSince < 0 ? quietSince : haltSince) + wd;
                    long wait = due - now;
                    if (wait > look) wait = look;
                    if (wait < 1) wait = 1;
                    if (_idleGate.Wait((int)wait)) continue;
                    if (current == Idle) break;
                    now = ClockMs();
                    if (haltSince < 0)
                    {
                        int switches = Interlocked.CompareExchange(ref _handovers, 0, -1);
                        if (switches != seen)
                        {
                            seen = switches;
                            quietSince = now;
                            continue;
                        }
                        if (now - quietSince < wd) continue;
                        // No switch for a period: ask the task to hand over at its next preemption point.
                        _watchdogTask = current;
                        _watchdogFired = true;
                        Interlocked.Exchange(ref _irq.haltRequested, 1);
                        haltSince = now;
                        continue;
                    }
                    if (now - haltSince < wd) continue;
                    // It reached no preemption point for another period. Give up waiting; it keeps the CPU.
                    _stuck = current;
                    _watchdogTask = _stuck;
                    return;
                }
            }
            Interlocked.CompareExchange(ref _handovers, 0, -1);   // acquire fence: our turn seen, so is the state before it
            _irq.haltRequested = 0;
        }

        /// <summary>
        /// A stuck task may have reached a kernel call since: then it halted and the driver owns the CPU
        /// again. True (stuck state cleared) when so.
        /// </summary>
        private bool RecoverFromStuck()
        {
            if (current != Idle) return false;
            Interlocked.CompareExchange(ref _handovers, 0, -1);   // acquire: the halted task's writes are visible
            _stuck = null;
            _irq.haltRequested = 0;
            _haltAt = long.MaxValue;
            return true;
        }

        /// <summary>Busy on the simulated board: at the driver's target tick, hand the CPU to the driver instead of burning on.</summary>
        private bool HaltAtTargetTick()
        {
            if (_ticks < _haltAt) return false;
            Interlocked.Exchange(ref _irq.haltRequested, 1);
            return true;
        }
    }
}
