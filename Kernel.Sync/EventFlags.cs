using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// 32 event flags in one int (docs/spec/primitives.md §10). <see cref="Set"/> ORs flags in and
    /// wakes, most urgent first, every waiter whose condition now holds; <see cref="Wait"/> waits for
    /// any or all of a set of flags and may clear exactly those flags when it is satisfied (so a
    /// more urgent clearing waiter can leave a later one waiting). A waiter's condition lives in its
    /// task control block (<c>waitFlags</c>, <c>waitMode</c>); the value seen when it held is handed
    /// back in <c>waitValue</c>. Waits are the scheduler's (<see cref="WaitQueue"/>): timed,
    /// interruptible, ended with Destroyed on destroy. <see cref="Set"/>, <see cref="Clear"/> and <c>Wait(…, 0, …)</c> are
    /// ISR-safe; a wait that would have to block in an IRQ handler or the idle task is WrongContext.
    /// The uncontended calls (a Set nobody waits for while nothing records traces, a Clear, a Wait satisfied at once;
    /// the running task with interrupts enabled, no line pending and no halt asked for) take a flat fast path with no
    /// mask (docs/spec/primitives.md §17).
    /// </summary>
    public sealed class EventFlags : SyncObject
    {
        internal const int WaitAll = 1, ClearOnExit = 2;   // TaskControlBlock.waitMode bits

        // What keeps the fast Set out (docs/spec/primitives.md §17), one word so one load decides: 0 = nobody waits and
        // the flags live. MayWait is set masked before a task pends and cleared by the full Set that finds the wait list
        // empty (so a waiter gone by a timeout or an interrupt costs one full Set later); Dead is set by Destroy.
        // Clear and Wait need no such word: they only take flags away, which can satisfy no waiter.
        internal const int MayWait = 1, Dead = 2;
        internal int fastBlock;
        private int _value;
        internal readonly WaitQueue waiters;
        private readonly IrqController _irq;   // the fast paths read its fast word and pending lines
        private readonly TraceBuffer _trace;   // the fast Set runs only while nothing records

        /// <summary>Creates event flags with every flag clear (a set-up call).</summary>
        /// <param name="kernel">The kernel it belongs to.</param>
        /// <param name="name">Name, for traces and reports.</param>
        /// <exception cref="System.ArgumentException"><paramref name="kernel"/> or <paramref name="name"/> is null.</exception>
        public EventFlags(Scheduler kernel, string name) : base(kernel, name)
        {
            waiters = new WaitQueue(kernel, this);
            _irq = kernel.Board.Irq;
            _trace = kernel.Trace;
            id = SyncRegistry.Of(kernel).Add(this, SyncRegistry.FlagsKind);   // last step: registers the fully built object
        }

        /// <summary>The 32 flags.</summary>
        public int Value { get { return _value; } }

        /// <summary>Tasks waiting.</summary>
        public int WaiterCount { get { return waiters.Count; } }

        /// <summary>Waiting task number <paramref name="index"/> in wait order, or null.</summary>
        /// <param name="index">0-based position in wait order.</param>
        /// <returns>The waiting task, or null when there is none at that position.</returns>
        public TaskControlBlock WaiterAt(int index) { return waiters.At(index); }

        internal static bool Holds(int value, int flags, int mode)
        {
            return (mode & WaitAll) != 0 ? (value & flags) == flags : (value & flags) != 0;
        }

        /// <summary>ORs <paramref name="flags"/> into <see cref="Value"/> and wakes every waiter whose condition now holds, most urgent first. Ok; Destroyed. ISR-safe.</summary>
        /// <param name="flags">The flags to set (ORed in).</param>
        /// <returns>Ok, Destroyed, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Set(int flags)
        {
            // The fast path (docs/spec/primitives.md §17; the argument as in CountingSemaphore.Take): nobody may wait,
            // the flags live, the task that owns the CPU with interrupts enabled, no line pending, no halt asked for,
            // nothing records traces (the full path records FlagsSet). No mask: nothing else runs kernel code meanwhile.
            if ((fastBlock | _irq.pendingLines | _irq.haltRequested) == 0 && _irq.fastWord != 0 && _trace.sink == null
                && Thread.CurrentThread == _irq.runnerThread)
            {
                _value |= flags;
                return KernelStatus.Ok;
            }
            return SetSlow(flags);
        }

        private KernelStatus SetSlow(int flags)
        {
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = _k.EnterChecked();
            KernelStatus r = KernelStatus.Destroyed;
            if (!destroyed)
            {
                _value |= flags;
                PlistNode n = waiters.list.First;
                while (n != null)
                {
                    PlistNode next = n.next;
                    TaskControlBlock t = n.Task;
                    if (Holds(_value, t.waitFlags, t.waitMode))
                    {
                        t.waitValue = _value;
                        if ((t.waitMode & ClearOnExit) != 0) _value &= ~t.waitFlags;
                        waiters.Wake(t, KernelStatus.Ok);
                    }
                    n = next;
                }
                if (waiters.list.First == null) fastBlock &= ~MayWait;   // nobody waits now (served, or left): the fast Set may run again
                _k.Emit(TraceKind.FlagsSet, _k.Current, id, _value);
                r = KernelStatus.Ok;
            }
            _k.Leave(s);
            return r;
        }

        /// <summary>Clears <paramref name="flags"/> in <see cref="Value"/>. Ok; Destroyed. ISR-safe.</summary>
        /// <param name="flags">The flags to clear.</param>
        /// <returns>Ok, Destroyed, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Clear(int flags)
        {
            // The fast path (see Set): taking flags away satisfies no waiter and records no trace, so waiters and a
            // trace sink do not keep it out; only a destroy does.
            if (!destroyed && _irq.fastWord != 0 && (_irq.pendingLines | _irq.haltRequested) == 0 && Thread.CurrentThread == _irq.runnerThread)
            {
                _value &= ~flags;
                return KernelStatus.Ok;
            }
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = _k.EnterChecked();
            KernelStatus r = KernelStatus.Destroyed;
            if (!destroyed)
            {
                _value &= ~flags;
                r = KernelStatus.Ok;
            }
            _k.Leave(s);
            return r;
        }

        /// <summary>
        /// Waits until every flag of <paramref name="flags"/> (<paramref name="all"/>) or any one of them
        /// is set. <paramref name="observed"/> gets <see cref="Value"/> as it was when the condition held
        /// (otherwise: when the call returned). With <paramref name="clearOnExit"/> a satisfied wait clears
        /// exactly <paramref name="flags"/>. Ok; TimedOut after <paramref name="timeoutTicks"/> ticks (0: do
        /// not wait; negative: no limit); Interrupted; Destroyed; InvalidArgument for
        /// <paramref name="flags"/> == 0; WrongContext when it would have to wait in an IRQ handler or the
        /// idle task. Nothing changes unless the result is Ok.
        /// </summary>
        /// <param name="flags">The flags waited for; not 0.</param>
        /// <param name="all">True: wait until all of them are set; false: until any one is.</param>
        /// <param name="clearOnExit">True: a satisfied wait clears exactly <paramref name="flags"/>.</param>
        /// <param name="timeoutTicks">Ticks to wait at most; 0: do not wait; negative: no limit.</param>
        /// <param name="observed">The flags' value when the condition held, else when the call returned.</param>
        /// <returns>Ok, TimedOut, Interrupted, Destroyed, InvalidArgument or WrongContext, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Wait(int flags, bool all, bool clearOnExit, long timeoutTicks, out int observed)
        {
            // The fast path (see Set): the condition holds now (flags not 0), the flags live, the CPU's task with
            // interrupts enabled, no line pending, no halt asked for. Waiters do not keep it out (clearing only takes
            // flags away), nor does a trace sink (a satisfied wait records nothing on the full path either).
            int v = _value;
            observed = v;
            if (flags != 0 && (all ? (v & flags) == flags : (v & flags) != 0) && !destroyed && _irq.fastWord != 0
                && (_irq.pendingLines | _irq.haltRequested) == 0 && Thread.CurrentThread == _irq.runnerThread)
            {
                if (clearOnExit) _value = v & ~flags;
                return KernelStatus.Ok;
            }
            // The full path, in this frame (not a call): a task parked in its wait keeps one stack frame less. Its
            // locals are few on purpose: nanoCLR sets up every local of a frame on each call, the fast path's too
            // (firmware Set+Wait pair: 7,875 ns with three locals, 7,810 with these two; 7,725 with the full path in a
            // call of its own, but a parked waiter then holds 3,528 bytes instead of 3,312). So the caller's task
            // control block is read from the kernel each time: after the wait the caller is the current task again.
            KernelStatus r = _k.CheckCaller();
            if (r != KernelStatus.Ok) return r;
            v = _k.EnterChecked();   // v: the mask state from here on
            observed = _value;
            if (flags == 0) r = KernelStatus.InvalidArgument;
            else if (destroyed) r = KernelStatus.Destroyed;
            else if (Holds(_value, flags, all ? WaitAll : 0))
            {
                if (clearOnExit) _value &= ~flags;
            }
            else
            {
                _k.current.waitFlags = flags;   // the condition the setter checks
                _k.current.waitMode = (all ? WaitAll : 0) | (clearOnExit ? ClearOnExit : 0);
                if (timeoutTicks != 0) fastBlock |= MayWait;   // before it pends: a fast Set must fail from now on
                r = _k.BlockCurrent(v, TaskState.Blocked, this, waiters.list, timeoutTicks, true);   // the wait (WaitQueue's protocol)
                observed = r == KernelStatus.Ok ? _k.current.waitValue : _value;
            }
            _k.Leave(v);
            return r;
        }

        /// <summary>Destroy, masked: wakes every waiter with Destroyed (SyncObject.Destroy).</summary>
        internal override void WakeAllForDestroyMasked()
        {
            fastBlock |= Dead;   // every fast path fails from now on (Clear and Wait test the destroyed mark itself)
            waiters.WakeAll(KernelStatus.Destroyed);
        }

        /// <summary>docs/spec/primitives.md §6 for these flags (masked).</summary>
        internal override string CheckMasked()
        {
            string e = waiters.Check("wait list");
            if (e != null) return e;
            if (waiters.Count > 0 && destroyed) return Name + ": destroyed with waiters";
            if (destroyed != ((fastBlock & Dead) != 0)) return Name + ": fast-path word " + fastBlock + (destroyed ? " of destroyed" : " of live") + " flags";
            if (waiters.Count > 0 && (fastBlock & MayWait) == 0) return Name + ": " + waiters.Count + " tasks wait but a fast Set may run";
            for (PlistNode n = waiters.list.First; n != null; n = n.next)
            {
                TaskControlBlock t = n.Task;
                if (t.waitFlags == 0) return Name + ": " + t.Name + " waits for no flag";
                if (Holds(_value, t.waitFlags, t.waitMode)) return Name + ": " + t.Name + " waits although its condition holds (value " + _value + ")";
            }
            return null;
        }
    }
}
