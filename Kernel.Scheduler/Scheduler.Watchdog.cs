using System.Threading;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Halting and the watchdog: how the driver gets the CPU back from a task that does not give it.
    /// <code>
    /// A halt is a forced switch to the idle task (the driver), taken at the running task's next
    /// preemption point while _haltRequested is set: PickNext answers Idle, the task goes back to the
    /// head of the ready queue (it resumes first at the next driver call), a Halt event is traced.
    /// Two things request one:
    ///   target tick  the driver's AdvanceTicks/RunUntilTick target is reached while a task runs
    ///                (Busy on the simulated board checks before it burns a tick; the real-time tick ISR
    ///                checks after each tick);
    ///   watchdog     the driver has waited KernelConfig.WatchdogMs for the CPU with no context switch
    ///                in the system (tasks handing the CPU to each other are progress). If the task then
    ///                reaches a preemption point it is halted and the call returns WatchdogExpired
    ///                naming it. If it reaches none within another WatchdogMs (it spins, or waits on a
    ///                C# lock or an OS primitive), the driver gives up waiting: WatchdogExpired,
    ///                WatchdogTaskStuck. The task still owns the CPU; driver calls answer
    ///                WatchdogExpired and change nothing until it reaches a kernel call and halts.
    /// </code>
    /// </summary>
    public sealed partial class Scheduler
    {
        /// <summary>The task named by the last <see cref="KernelStatus.WatchdogExpired"/>, or null.</summary>
        public TaskControlBlock WatchdogTask { get { return _watchdogTask; } }

        /// <summary>True while <see cref="WatchdogTask"/> holds the CPU without having reached a kernel call since the watchdog fired.</summary>
        public bool WatchdogTaskStuck { get { return _stuck != null; } }

        /// <summary>Milliseconds of a wall clock (for the watchdog and shutdown bounds only; never kernel time).</summary>
        private static long ClockMs() { return System.DateTime.UtcNow.Ticks / 10000; }

        /// <summary>The driver's wait for the CPU (its side of WaitTurn), with the watchdog.</summary>
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
                long haltSince = -1;
                long deadline = ClockMs() + wd;
                int seen = Interlocked.CompareExchange(ref _handovers, 0, -1);
                while (current != Idle)
                {
                    long left = deadline - ClockMs();
                    if (left > 0 && _idleGate.Wait((int)left)) continue;
                    if (current == Idle) break;
                    long now = ClockMs();
                    if (now < deadline) continue;
                    int switches = Interlocked.CompareExchange(ref _handovers, 0, -1);
                    if (haltSince < 0 && switches != seen)
                    {
                        seen = switches;
                        deadline = now + wd;
                        continue;
                    }
                    if (haltSince < 0)
                    {
                        // First expiry: ask the task to hand over at its next preemption point.
                        _watchdogTask = current;
                        _watchdogFired = true;
                        Interlocked.Exchange(ref _haltRequested, 1);
                        haltSince = now;
                        deadline = now + wd;
                        continue;
                    }
                    // Second expiry: it reached no preemption point. Give up waiting; it keeps the CPU.
                    _stuck = current;
                    _watchdogTask = _stuck;
                    return;
                }
            }
            Interlocked.CompareExchange(ref _handovers, 0, -1);   // acquire fence: our turn seen, so is the state before it
            _haltRequested = 0;
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
            _haltRequested = 0;
            _haltAt = long.MaxValue;
            return true;
        }

        /// <summary>Busy on the simulated board: at the driver's target tick, hand the CPU to the driver instead of burning on.</summary>
        private bool HaltAtTargetTick()
        {
            if (_ticks < _haltAt) return false;
            Interlocked.Exchange(ref _haltRequested, 1);
            return true;
        }
    }
}
