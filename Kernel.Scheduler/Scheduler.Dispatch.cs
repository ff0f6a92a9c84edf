using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Dispatch: the preemption point (<see cref="Checkpoint"/>), picking the next task, and the
    /// context switch with its baton hand-over between managed threads.
    /// <code>
    /// The hand-over (SwitchTo), previous task P on thread TP, next task N on thread TN:
    ///   1. TP, masked: P back to the ready queue (preempted: at the head) or left as it is
    ///      (blocked, sleeping, suspended, dead); N out of the ready queue, N Running; counters,
    ///      trace events.
    ///   2. TP unmasks (quietly: no IRQ delivery here) and flushes the trace to the sink.
    ///   3. TP: the IRQ controller's runnerThread = TN (the right to enter the kernel moves first), then a full fence
    ///      (Interlocked on _handovers), then current = N. From this write on TN may run: it can see
    ///      its turn even before its gate opens, so TP touches no shared kernel state after it.
    ///   4. TP opens N's gate.
    ///   5. TP parks at P's gate (WaitTurn, written out at the end of SwitchTo) until current == P again; a dead P's thread just returns
    ///      and ends. On waking, an acquire fence (a CAS on _handovers) makes the switcher's writes visible.
    /// </code>
    /// </summary>
    public sealed partial class Scheduler
    {
        /// <summary>
        /// Preemption point: delivers pending IRQs, then switches if a more urgent task is
        /// ready (and the current task is preemptible), or if the current task no longer runs. From the
        /// driver outside a run call it does nothing (docs/spec/scheduler.md §35). Refusals as
        /// <see cref="CheckCaller"/>.
        /// </summary>
        /// <returns>Ok, or a caller refusal of <see cref="CheckCaller"/>.</returns>
        public KernelStatus Checkpoint()
        {
            if (Thread.CurrentThread != _irq.runnerThread) return ForeignCallStatus();
            if (_irq.masked != 0) return KernelStatus.Ok;
            _irq.Poll();
            // Reschedule, written out (a trap's and Busy's path; Poll leaves IRQs enabled). A driver that gave up on a
            // stuck task (in the delivery above) touches nothing, not even the mask: that task still owns the CPU.
            if (_stuck != null && Thread.CurrentThread == _driverThread) return KernelStatus.Ok;
            _irq.Mask();
            RescheduleMasked();
            if (_stuck == null) FlushTrace();
            return KernelStatus.Ok;
        }

        private TaskControlBlock PickNext()
        {
            TaskControlBlock cur = current;
            if (_irq.haltRequested != 0 && cur != Idle) return Idle;   // halted: the driver runs next (Scheduler.Watchdog.cs)
            TaskControlBlock top = _ready.Peek();
            if (cur.state == TaskState.Running)
            {
                if (cur == Idle) return top != null ? top : Idle;
                if (cur.IsCooperative || top == null) return cur;
                return Priority.MoreUrgent(top.effectivePriority, cur.effectivePriority) ? top : cur;
            }
            return top != null ? top : Idle;
        }

        /// <summary>
        /// Switches to the task that should run, if it is not the current one. IRQs must be enabled. The idle
        /// task dispatches only inside a run call (docs/spec/scheduler.md §35).
        /// </summary>
        private void Reschedule()
        {
            // A driver that gave up on a stuck task unwinds through here while that task still owns the CPU: it
            // leaves the mask alone (the stuck task may be inside a critical section of its own by now); the stuck
            // task itself halts at its next kernel call (PickNext).
            if (_irq.masked != 0 || (_stuck != null && Thread.CurrentThread == _driverThread)) return;
            _irq.Mask();
            RescheduleMasked();
        }

        /// <summary>
        /// <see cref="Reschedule"/> from the outermost level, masked by the caller, which owns the CPU (Leave with no
        /// line pending: unmasking first would deliver nothing). Leaves IRQs enabled, quietly, whether it switched or not.
        /// </summary>
        private void RescheduleMasked()
        {
            if (_shutdown || !_started || (current == Idle && !_driving) || (_stuck != null && Thread.CurrentThread == _driverThread))
            {
                _irq.RestoreQuiet(0);
                return;
            }
            TaskControlBlock next = PickNext();
            if (next == current)
            {
                // It queued itself (yield, slice end) but nothing may run before it: it keeps the CPU.
                if (next.inReadyQueue)
                {
                    _ready.Remove(next);
                    next.state = TaskState.Running;
                    if (next.sliceLeft <= 0) next.sliceLeft = next.timeSlice;
                }
                _irq.RestoreQuiet(0);
                return;
            }
            SwitchTo(next, 0);
        }

        /// <summary>
        /// The context switch (steps 1-5 above). Called masked with <paramref name="s"/> == 0 (the
        /// outermost level): a switch inside a nested critical section is a kernel defect.
        /// </summary>
        private void SwitchTo(TaskControlBlock next, int s)
        {
            if (s != 0) throw new KernelFaultException("context switch inside a nested critical section");
            AssertMasked();
            bool tracing = Trace.sink != null;   // every Emit below is skipped without a call when nothing records
            TaskControlBlock prev = current;
            if (prev.state == TaskState.Running)
            {
                if (prev != Idle && next == Idle && _irq.haltRequested != 0)
                {
                    prev.state = TaskState.Ready;
                    _ready.EnqueueHead(prev);             // halted: it resumes first at the next driver call
                    if (tracing) Emit(TraceKind.Halt, prev, _watchdogFired ? 1 : 0, 0);
                }
                else if (prev != Idle)
                {
                    prev.state = TaskState.Ready;
                    _ready.EnqueueHead(prev);
                    prev.preemptions++;
                    _preemptions++;
                    if (tracing) Emit(TraceKind.Preempt, prev, next.Id, 0);
                }
                else prev.state = TaskState.Ready;
            }
            TaskThread nt = null;
            if (next != Idle)
            {
                if (next.inReadyQueue) _ready.Remove(next);
                if (next.sliceLeft <= 0) next.sliceLeft = next.timeSlice;
                nt = _threads[next.Id - 1];
            }
            next.state = TaskState.Running;
            _contextSwitches++;
            next.switchesIn++;
            if (_fineClock) AccountCpu(prev, next);   // statistics: CPU time by the finer clock (Scheduler.Statistics.cs)
            if (tracing) Emit(TraceKind.Switch, next, prev.Id, 0);
            bool prevDead = prev.state == TaskState.Dead;
            _irq.UnmaskWithTaskWord(nt != null && _hardwareCas ? next.lockWord : 0);   // the rt-mutex fast paths' context word; unmasked quietly
            if (tracing) FlushTrace();
            // Steps 3-5. The Interlocked increment is a full fence: every kernel write above is visible before current is.
            _irq.runnerThread = nt == null ? _driverThread : nt.Thread;
            Interlocked.Increment(ref _handovers);
            current = next;
            // The default gate's event is set and waited on directly (TaskGate.ParkEvent), read twice rather than kept in
            // a local: every parked task holds this frame, and each local costs it 12 bytes of nanoCLR's heap.
            TaskGate gate = nt == null ? _idleGate : nt.Gate;
            if (gate.ParkEvent != null) gate.ParkEvent.Set(); else gate.Open();
            if (prevDead) return;
            if (prev == Idle)
            {
                WaitTurnDriver();
                return;
            }
            // WaitTurn(prev), written out: the thread parks in this frame, so every parked task holds one stack
            // frame less of nanoCLR's heap (~200 bytes, docs/FOOTPRINT.md) and every switch makes one call less.
            gate = _threads[prev.Id - 1].Gate;
            while (current != prev)
            {
                if (_shutdown) throw new TaskAbortException();
                if (gate.ParkEvent != null) gate.ParkEvent.WaitOne(Timeout.Infinite, false); else gate.Wait();
            }
            Interlocked.CompareExchange(ref _handovers, 0, -1);   // acquire fence: our turn seen, so is the state before it
            if (_shutdown) throw new TaskAbortException();
        }

        private TaskGate GateOf(TaskControlBlock t)
        {
            return t == Idle ? _idleGate : _threads[t.Id - 1].Gate;
        }

        /// <summary>Parks the calling thread until <paramref name="t"/> is current; unwinds on shutdown.</summary>
        internal void WaitTurn(TaskControlBlock t)
        {
            if (t == Idle)
            {
                WaitTurnDriver();
                return;
            }
            TaskGate gate = GateOf(t);
            while (current != t)
            {
                if (_shutdown)
                {
                    if (t == Idle) return;
                    throw new TaskAbortException();
                }
                gate.Wait();
            }
            Interlocked.CompareExchange(ref _handovers, 0, -1);   // acquire fence: our turn seen, so is the state before it
            if (_shutdown && t != Idle) throw new TaskAbortException();
        }
    }
}
