using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>Time: the tick, sleeps, timeouts, time slices, CPU burn.</summary>
    public sealed partial class Scheduler
    {
        /// <summary>
        /// Sleeps <paramref name="ticks"/> ticks (0 = yield): Ok when they have passed; Interrupted when
        /// <see cref="Interrupt"/> ended the sleep early. InvalidArgument for a negative count;
        /// WrongContext from the idle task, an IRQ handler or a nested section.
        /// </summary>
        /// <param name="ticks">Ticks to sleep, not negative (0 = yield).</param>
        /// <returns>Ok, Interrupted, InvalidArgument, WrongContext, or a caller refusal of <see cref="CheckCaller"/>.</returns>
        public KernelStatus Sleep(int ticks)
        {
            KernelStatus st = CheckCaller();
            if (st != KernelStatus.Ok) return st;
            if (ticks < 0) return KernelStatus.InvalidArgument;
            if (ticks == 0) return Yield();
            int s = EnterChecked();
            KernelStatus r = BlockCurrent(s, TaskState.Delayed, null, null, ticks, true);
            Leave(s);
            return r == KernelStatus.TimedOut ? KernelStatus.Ok : r;   // a sleep's deadline is its success
        }

        /// <summary>
        /// Burns <paramref name="ticks"/> ticks of the calling task's own CPU time, with a
        /// preemption point after each tick (on the simulated board each step is one tick of
        /// virtual time). Time spent preempted does not count.
        /// </summary>
        /// <param name="ticks">Ticks of CPU time to burn, not negative.</param>
        /// <returns>Ok, InvalidArgument, WrongContext, or a caller refusal of <see cref="CheckCaller"/>.</returns>
        public KernelStatus Busy(int ticks)
        {
            KernelStatus st = CheckCaller();   // before the board's time moves
            if (st != KernelStatus.Ok) return st;
            if (ticks < 0) return KernelStatus.InvalidArgument;
            TaskControlBlock me = current;
            if (me == Idle || Board.Irq.IsMasked) return KernelStatus.WrongContext;   // masked: no tick could ever count
            int target = me.runTicks + ticks;
            while (me.runTicks < target)
            {
                // At the driver's target tick the simulated CPU halts instead of burning on (Scheduler.Watchdog.cs).
                if (!Board.IsSimulated || !HaltAtTargetTick()) Board.ConsumeCpu();
                Checkpoint();
            }
            return KernelStatus.Ok;
        }

        /// <summary>Arms <paramref name="node"/> to expire <paramref name="ticks"/> ticks from now (re-arms if armed). Call masked.</summary>
        internal void ArmTimeout(TimeoutNode node, long ticks)
        {
            AssertMasked();
            _timeouts.Remove(node);
            _timeouts.Insert(node, DeadlineAfter(ticks));
        }

        /// <summary>The tick <paramref name="ticks"/> (>= 0) from now, saturated at long.MaxValue instead of wrapping into the past.</summary>
        internal long DeadlineAfter(long ticks)
        {
            return ticks > long.MaxValue - _ticks ? long.MaxValue : _ticks + ticks;
        }

        /// <summary>Disarms <paramref name="node"/>. Call masked.</summary>
        internal void DisarmTimeout(TimeoutNode node) { AssertMasked(); _timeouts.Remove(node); }

        /// <summary>One kernel tick, in the tick ISR: time, the running task's slice, expired timeouts.</summary>
        private void Tick()
        {
            _ticks++;
            _ticksProcessed++;
            Emit(TraceKind.Tick, current, (int)_ticks, 0);
            if (_ticks >= _haltAt && current != Idle && !Board.IsSimulated) _irq.haltRequested = 1;   // real time: halt at the target tick
            TaskControlBlock cur = current;
            if (cur != Idle)
            {
                cur.runTicks++;
                TaskTiming tm = cur.timing;
                if (tm != null) tm.lastTickEnd = _ticks;   // a periodic task: when its last tick of CPU ended (Scheduler.Periodic.cs)
                if (cur.timeSlice > 0 && !cur.IsCooperative && cur.state == TaskState.Running)
                {
                    cur.sliceLeft--;
                    if (cur.sliceLeft <= 0)
                    {
                        cur.sliceLeft = 0;
                        if (_ready.HasAt(cur.effectivePriority))
                        {
                            cur.state = TaskState.Ready;   // round robin: behind its equals
                            _ready.EnqueueTail(cur);
                        }
                        else cur.sliceLeft = cur.timeSlice;
                    }
                }
            }
            while (_timeouts.First != null && _timeouts.First.deadline <= _ticks)
            {
                TimeoutNode n = _timeouts.First;
                _timeouts.Remove(n);
                n.target.OnTimeout();
            }
        }
    }
}
