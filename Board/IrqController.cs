using System.Threading;

namespace NfRt.Boards
{
    /// <summary>
    /// Interrupt mask and pending lines of one simulated CPU.
    /// <list type="bullet">
    /// <item><see cref="Mask"/> returns the previous state (0 = enabled, 1 = masked) and masks;
    /// <see cref="Restore"/> puts a saved state back. Save/restore pairs nest like local_irq_save.</item>
    /// <item><see cref="Raise"/> may be called from any thread (a timer thread is the real-time tick);
    /// it only sets a pending bit (one CAS loop on an int) and wakes an idle CPU.</item>
    /// <item>Pending lines are delivered, lowest line first, when the state returns to enabled
    /// (<see cref="Restore"/>) or at <see cref="Poll"/>; each handler runs masked; after the last one the
    /// sink's exit hook runs unmasked. A line raised while masked therefore runs on restore, as on hardware.</item>
    /// </list>
    /// Only the thread that currently owns the CPU (the running task or the driver) may mask,
    /// restore or poll. The controller does not check it itself (it is the fast path's field): the
    /// scheduler checks the caller at every kernel entry, and board-level services that mask without
    /// entering the kernel (the block pool, partitions) ask <see cref="AdmitsCaller"/> first.
    /// <para>Kernel plumbing, internal to the kernel assemblies: application code raises device lines
    /// through <c>Scheduler.RaiseIrq</c> and never masks (docs/spec/scheduler.md §36).</para>
    /// </summary>
    internal sealed class IrqController
    {
        /// <summary>Number of interrupt lines.</summary>
        public const int Lines = 32;

        internal int masked;          // 0 enabled, 1 masked: read directly by the kernel's fast paths
        // 1 while the kernel's driver is outside a run call (docs/spec/scheduler.md §35): raised lines stay
        // pending, nothing is delivered (tasks and time run only inside the run calls). Set by the kernel.
        internal int held;

        // The rt-mutex fast paths' one-load context proof: the running task's owner word while interrupts are
        // enabled, 0 while masked or when no task may take the fast path (the idle task runs, or the board has
        // no CAS instruction). The scheduler sets the task's word at every switch (SetTaskWord).
        internal int fastWord;
        private int _taskWord;
        // The thread that may run kernel code: the running task's, or the kernel driver's while the idle task runs;
        // null while no kernel is attached and after its shutdown (then every thread is foreign). Written only by the
        // attached kernel (at its construction, at every switch, at shutdown), read by every fast path and by the
        // kernel's caller check: here, next to the fast word, so a fast path reaches it through the object it
        // already reads. Compared by Thread object identity.
        internal Thread runnerThread;
        // 1: the kernel's next preemption point hands the CPU to its driver (a halt: the driver's target tick passed, or
        // the watchdog fired; docs/spec/scheduler.md). Written by the attached kernel only (the watchdog's thread with
        // an Interlocked exchange); read by the primitives' fast paths, which leave a halt to the full path's
        // preemption point: here, beside the pending lines, so they test both through the object they already read.
        internal int haltRequested;
        // Raised lines not yet delivered. Read directly by the primitives' fast paths (a fast path runs only while
        // no line is pending, so it never delays a delivery the slow path's Leave would make).
        internal int pendingLines;
        private int _exitRequested;
        private IIrqSink _sink;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private int _idleWaiting;     // 1 while the idle CPU waits in WaitForInterrupt: only then does Raise set _wake

        /// <summary>
        /// Connects the kernel; until then raised lines stay pending. One board runs one kernel:
        /// returns false, changing nothing, when a sink is already attached.
        /// </summary>
        public bool Attach(IIrqSink sink)
        {
            if (sink == null || _sink != null) return false;
            _sink = sink;
            return true;
        }

        /// <summary>
        /// The attached kernel's caller check (<see cref="IIrqSink.AdmitCaller"/>); true while no kernel
        /// is attached (set-up: nothing runs yet, so any thread may mask).
        /// </summary>
        internal bool AdmitsCaller()
        {
            IIrqSink k = _sink;
            return k == null || k.AdmitCaller();
        }

        /// <summary>True once a kernel is attached.</summary>
        public bool IsAttached { get { return _sink != null; } }

        /// <summary>True while masked.</summary>
        public bool IsMasked { get { return masked != 0; } }

        /// <summary>Bit mask of lines raised and not yet delivered.</summary>
        public int Pending { get { return pendingLines; } }

        /// <summary>Masks interrupts; returns the previous state for <see cref="Restore"/>.</summary>
        public int Mask()
        {
            int prev = masked;
            masked = 1;
            fastWord = 0;
            return prev;
        }

        /// <summary>
        /// Restores a state saved by <see cref="Mask"/>; when that enables interrupts, delivers pending lines
        /// (the delivery is called only when a line is pending or the exit hook was asked for: on the
        /// interpreter a call costs more than the test).
        /// </summary>
        public void Restore(int state)
        {
            masked = state;
            if (state != 0) return;
            fastWord = _taskWord;
            if ((pendingLines | _exitRequested) != 0) Poll();
        }

        /// <summary>Restores a saved state without delivering pending lines (the scheduler's switch path).</summary>
        public void RestoreQuiet(int state)
        {
            masked = state;
            fastWord = state == 0 ? _taskWord : 0;
        }

        /// <summary>
        /// The scheduler, at a switch (masked): <paramref name="word"/> is the owner word of the task that will
        /// run, or 0 when no fast path may be taken (the idle task, a board without CAS). It becomes the fast
        /// word when interrupts are enabled again.
        /// </summary>
        internal void SetTaskWord(int word) { _taskWord = word; }

        /// <summary><see cref="SetTaskWord"/> then <see cref="RestoreQuiet"/>(0) in one call: the end of the switch's masked part.</summary>
        internal void UnmaskWithTaskWord(int word)
        {
            _taskWord = word;
            fastWord = word;
            masked = 0;
        }

        /// <summary>Raises line <paramref name="irq"/> (0 .. 31). Thread-safe; delivery happens at the next enable or poll.</summary>
        /// <returns>False (and nothing changes) when the line is out of range.</returns>
        public bool Raise(int irq)
        {
            if (irq < 0 || irq >= Lines) return false;
            int bit = 1 << irq;
            while (true)
            {
                int old = pendingLines;
                if (Interlocked.CompareExchange(ref pendingLines, old | bit, old) == old) break;
            }
            // Wake the CPU only if it is idle-waiting: an event Set costs more than the rest of an IRQ.
            // Dekker pair with WaitForInterrupt (both sides write, fence, then read the other's word), so
            // a wait that starts meanwhile either sees the pending bit or is woken here.
            if (_idleWaiting != 0) _wake.Set();
            return true;
        }

        /// <summary>Delivers every pending line if interrupts are enabled and not held, then runs the exit hook once.</summary>
        public void Poll()
        {
            if (masked != 0 || (pendingLines == 0 && _exitRequested == 0) || held != 0 || _sink == null) return;
            while (true)
            {
                int old = pendingLines;
                if (old == 0) break;
                int irq = LowestBit(old);
                if (Interlocked.CompareExchange(ref pendingLines, old & ~(1 << irq), old) != old) continue;
                masked = 1;
                fastWord = 0;
                try
                {
                    _sink.OnIrq(irq);
                }
                finally
                {
                    masked = 0;   // a handler that throws must not leave the CPU masked forever
                    fastWord = _taskWord;
                }
            }
            _exitRequested = 0;
            _sink.OnIrqExit();
        }

        /// <summary>
        /// Asks for the exit hook at the next enable even if no line is pending: the kernel calls
        /// this when a call made inside a masked region (nested) made a reschedule necessary.
        /// </summary>
        public void RequestExitHook() { _exitRequested = 1; }

        /// <summary>Blocks the calling (idle) thread until some line is pending or <paramref name="timeoutMs"/> passes.</summary>
        public void WaitForInterrupt(int timeoutMs)
        {
            Interlocked.Exchange(ref _idleWaiting, 1);      // announce, then (after this full fence) look
            if (pendingLines == 0) _wake.WaitOne(timeoutMs, false);
            Interlocked.Exchange(ref _idleWaiting, 0);
        }

        private static int LowestBit(int x)
        {
            int n = 0;
            while ((x & 1) == 0) { x >>= 1; n++; }
            return n;
        }
    }
}
