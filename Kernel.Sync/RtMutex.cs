using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Sync
{
    /// <summary>
    /// Mutex with full, transitive priority inheritance, pending ownership and lock stealing,
    /// as the seed's rt-mutex document describes (spec: docs/spec/rtmutex.md).
    /// <para><b>Contract.</b> A task blocked on an rt-mutex lends its effective priority to the
    /// owner, and through the owner's own waits to every task down the chain, so a high-priority
    /// task waits at most for the critical sections in its way, never for unrelated medium work.
    /// Waiters are served most urgent first, FIFO among equals. Unlock hands the mutex to the top
    /// waiter as <i>pending owner</i>; until that task runs and completes the take, a strictly more
    /// urgent task may steal it (an equal one may not). Results are <see cref="KernelStatus"/>
    /// values: no exception on contention, timeout, interruption or misuse.</para>
    /// <para><b>Not guaranteed.</b> Priority inheritance bounds inversion by critical-section
    /// lengths, not by zero; a pending owner can be boosted by waiters of a mutex it does not
    /// own yet (the seed design's known weak spot, docs/spec/rtmutex.md §14); with deadlock detection off a
    /// cycle of waits hangs its tasks (the walk still terminates).</para>
    /// <para><b>Options</b> (docs/spec/primitives.md §11-§14): a priority ceiling (ICPP), recursion,
    /// robustness. They cost a plain mutex nothing: each one is a high bit of the owner word that makes
    /// the fast CAS fail exactly when the slow path must run (see the bits below the table).</para>
    /// <para><b>Owner word</b> (one int, changed by compare-and-swap; task id in bits 2..27):</para>
    /// <code>
    ///   owner  bit1 bit0  meaning
    ///   none    0    0    free: fast acquire possible
    ///   none    1    0    transitional: a slow-path locker set bit1 before deciding
    ///   none    any  1    invalid -- used as the DESTROYED marker so every fast path fails
    ///   task    0    0    held, no waiters: fast release possible
    ///   task    0    1    task is pending owner, no other waiters
    ///   task    1    0    held, has waiters
    ///   task    1    1    pending owner, more waiters queued
    /// </code>
    /// Uncontended lock and unlock are one CAS each, no critical section, no allocation. Slow
    /// paths run with interrupts masked (on one CPU that is the mutex's wait lock).
    /// <code>
    ///   bit 30  CeilingBit    a ceiling mutex, in every state but destroyed: both fast CASes always
    ///                         fail, so every lock and unlock runs the (masked) slow path, which adds
    ///                         and removes the ceiling in the owner's Ceilings list
    ///   bit 29  NestedBit     a recursive mutex locked more than once (depth &gt; 0): the fast unlock
    ///                         fails and the slow unlock counts down; a nested lock fails the fast
    ///                         CAS anyway (the mutex is owned)
    ///   bit 28  OwnerDiedBit  a robust mutex whose owner ended holding it: set on the free word (the
    ///                         fast lock fails) or on the pending owner's word; the task that acquires
    ///                         it clears it and gets OwnerDied
    /// </code>
    /// </summary>
    public sealed partial class RtMutex : PiLock
    {
        /// <summary>Owner-word bit 0: the owner is a pending owner (handed the lock, not yet taken).</summary>
        public const int PendingOwnerBit = 1;
        /// <summary>Owner-word bit 1: the wait list is (or may be about to be) non-empty; fast unlock must fail.</summary>
        public const int HasWaitersBit = 2;
        /// <summary>Both flag bits.</summary>
        public const int FlagMask = PendingOwnerBit | HasWaitersBit;
        /// <summary>The task id sits above the two flag bits (<c>PiLock.OwnerIdShift</c>: every task precomputes its word with it).</summary>
        public const int OwnerShift = PiLock.OwnerIdShift;
        /// <summary>Owner word of a destroyed mutex ("no owner, pending bit": invalid, so every CAS fails).</summary>
        public const int DestroyedWord = PendingOwnerBit;

        /// <summary>Owner-word bit 28: a robust mutex's owner ended holding it; the next acquirer gets OwnerDied.</summary>
        public const int OwnerDiedBit = 1 << 28;
        /// <summary>Owner-word bit 29: a recursive mutex is locked more than once; the fast unlock must fail.</summary>
        public const int NestedBit = 1 << 29;
        /// <summary>Owner-word bit 30: a priority-ceiling mutex (every state but destroyed); both fast paths fail.</summary>
        public const int CeilingBit = 1 << 30;
        /// <summary>The owner id bits (2..27).</summary>
        public const int OwnerMask = 0x0FFFFFFC;

        /// <summary>The owner id of an owner word (0 = none).</summary>
        internal static int OwnerIdOf(int word) { return (word & OwnerMask) >> OwnerShift; }

        /// <summary>The owner word of task <paramref name="id"/> with the two flag bits.</summary>
        internal static int WordOf(int id, bool pending, bool hasWaiters)
        {
            return PiLock.OwnerWordOf(id) | (pending ? PendingOwnerBit : 0) | (hasWaiters ? HasWaitersBit : 0);
        }

        internal int ownerWord;
        private readonly RtMutexSystem _sys;
        private readonly Scheduler _k;
        private readonly IrqController _irq;       // the fast paths read its fast word, the slow ones its mask field
        private readonly int _ceiling = -1;           // -1: none
        private readonly bool _recursive, _robust;
        private readonly int _freeWord;               // the free owner word: 0, or CeilingBit
        internal readonly PlistNode ceilingNode;      // in the owner's Ceilings while owned outright (ceiling mutexes only)
        internal int depth;                           // recursive: locks beyond the first (touched by the owner only, masked)

        /// <summary>Creates a free priority-inheritance mutex on <paramref name="kernel"/> (a set-up call: it allocates).</summary>
        /// <param name="kernel">The kernel it belongs to.</param>
        /// <param name="name">Name, for traces and reports.</param>
        /// <exception cref="System.ArgumentNullException"><paramref name="kernel"/> or <paramref name="name"/> is null.</exception>
        public RtMutex(Scheduler kernel, string name) : base(name)
        {
            if (kernel == null) throw new System.ArgumentNullException("kernel");
            if (name == null) throw new System.ArgumentNullException("name");
            _k = kernel;
            _sys = RtMutexSystem.Of(kernel);
            _irq = kernel.Board.Irq;
            id = _sys.Register(this);
        }

        /// <summary>
        /// Creates a free mutex with <paramref name="options"/> (docs/spec/primitives.md §11-§14): a
        /// priority ceiling, recursion, robustness, in any combination; priority inheritance always.
        /// </summary>
        /// <param name="kernel">The kernel it belongs to.</param>
        /// <param name="name">Name, for traces and reports.</param>
        /// <param name="options">Ceiling, recursion and robustness; read once.</param>
        /// <exception cref="System.ArgumentNullException">A null kernel, name or options.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">A ceiling outside -1 .. PriorityLevels-1 (the parameter named is options).</exception>
        public RtMutex(Scheduler kernel, string name, RtMutexOptions options) : base(name)
        {
            if (kernel == null) throw new System.ArgumentNullException("kernel");
            if (name == null) throw new System.ArgumentNullException("name");
            if (options == null) throw new System.ArgumentNullException("options");
            if (options.Ceiling < -1 || options.Ceiling >= kernel.Config.PriorityLevels)
                throw new System.ArgumentOutOfRangeException("options", "options.Ceiling must be -1 (none) or within 0 .. PriorityLevels-1");
            _k = kernel;
            _ceiling = options.Ceiling;
            _recursive = options.Recursive;
            _robust = options.Robust;
            if (_ceiling >= 0)
            {
                _freeWord = CeilingBit;
                ceilingNode = new PlistNode(this);
            }
            ownerWord = _freeWord;
            _sys = RtMutexSystem.Of(kernel);
            _irq = kernel.Board.Irq;
            id = _sys.Register(this);
        }

        // ------------------------------------------------------------------ public API

        /// <summary>
        /// Uninterruptible lock: Ok once owned. Never hangs on a mutex the caller already holds:
        /// that is Deadlock. WrongContext from the idle task or an interrupt handler; Destroyed after destroy.
        /// </summary>
        /// <returns>Ok once owned (OwnerDied: owned, its previous owner ended holding it); otherwise Deadlock, CeilingViolated, Destroyed or WrongContext, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Lock()
        {
            // The fast path (one CAS: none -> me), flat on purpose: on the interpreter every call and field read
            // costs. The IRQ controller's fast word is the proof of context in one load: the running task's owner
            // word while interrupts are enabled, 0 when masked (an IRQ handler, a critical section), while the idle
            // task runs, or on a board without a CAS instruction. The thread check keeps foreign threads out.
            // Anything unusual (or a taken or option-marked word) goes to LockFront, which sorts it out.
            int w = _irq.fastWord;
            if (w != 0 && Thread.CurrentThread == _irq.runnerThread && Interlocked.CompareExchange(ref ownerWord, w, 0) == 0) return KernelStatus.Ok;
            return LockFront(false, -1, false);
        }

        /// <summary>Uninterruptible lock; with <paramref name="detectDeadlock"/> a wait that would close a cycle returns Deadlock.</summary>
        /// <param name="detectDeadlock">True: walk the chain and return Deadlock instead of closing a cycle of waits.</param>
        /// <returns>Ok once owned (OwnerDied: owned, its previous owner ended holding it); otherwise Deadlock, CeilingViolated, Destroyed or WrongContext, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Lock(bool detectDeadlock) { return LockFront(false, -1, detectDeadlock); }

        /// <summary>Interruptible lock: Ok, Interrupted (see <see cref="Scheduler.Interrupt"/>), or Deadlock (with detection, or on self-lock).</summary>
        /// <param name="detectDeadlock">True: walk the chain and return Deadlock instead of closing a cycle of waits.</param>
        /// <returns>Ok once owned (OwnerDied: owned, its previous owner ended holding it); otherwise Interrupted, Deadlock, CeilingViolated, Destroyed or WrongContext, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus LockInterruptible(bool detectDeadlock) { return LockFront(true, -1, detectDeadlock); }

        /// <summary>
        /// Timed, interruptible lock: Ok, TimedOut after <paramref name="ticks"/> ticks, Interrupted, or
        /// Deadlock. InvalidArgument (nothing changes) for a negative tick count.
        /// </summary>
        /// <param name="ticks">Ticks to wait at most; not negative.</param>
        /// <param name="detectDeadlock">True: walk the chain and return Deadlock instead of closing a cycle of waits.</param>
        /// <returns>Ok once owned (OwnerDied: owned, its previous owner ended holding it); otherwise TimedOut, Interrupted, Deadlock, InvalidArgument, CeilingViolated, Destroyed or WrongContext, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus LockTimed(long ticks, bool detectDeadlock)
        {
            if (ticks < 0) return KernelStatus.InvalidArgument;
            return LockFront(true, ticks, detectDeadlock);
        }

        /// <summary>
        /// The shared front end of every lock: caller check (the CPU's own thread: anything else is
        /// refused with no state change, see Scheduler.CheckCaller), context check, then one CAS
        /// (none -> me, with the board's CAS flavour), else the slow path.
        /// </summary>
        private KernelStatus LockFront(bool interruptible, long timeout, bool detectDeadlock)
        {
            if (Thread.CurrentThread != _irq.runnerThread) return _k.ForeignCallStatus();
            TaskControlBlock me = _k.current;
            if (me == _k.Idle || _irq.masked != 0) return KernelStatus.WrongContext;
            if (_sys.Atomics.CompareExchange(ref ownerWord, me.lockWord, 0) == 0) return KernelStatus.Ok;
            return LockSlow(me, interruptible, timeout, detectDeadlock);
        }

        /// <summary>
        /// Takes the mutex if free, or steals it from a less urgent pending owner; never blocks. True when
        /// the caller owns it now. False otherwise: taken, destroyed, a ceiling violation, from the idle task
        /// or an IRQ handler — and for a robust mutex whose owner died, which this form cannot report: it
        /// leaves that mutex alone so the mark is not lost (<see cref="TryLockStatus"/> takes it and says
        /// OwnerDied). The uncontended take is one CAS.
        /// </summary>
        /// <returns>True when the caller owns the mutex now; false otherwise.</returns>
        public bool TryLock()
        {
            int w = _irq.fastWord;   // see Lock
            if (w != 0 && Thread.CurrentThread == _irq.runnerThread && Interlocked.CompareExchange(ref ownerWord, w, 0) == 0) return true;
            return TryLockFront(false) == KernelStatus.Ok;   // OwnerDied is not Ok: that mutex is left alone
        }

        /// <summary>
        /// The try lock with a status (docs/spec/primitives.md §14): never blocks. Ok (taken); OwnerDied
        /// (taken: a robust mutex whose previous owner ended holding it — the caller owns it and unlocks it as
        /// usual); Busy (not taken: owned by another task, pending-owned by one at least as urgent, or owned by
        /// the caller without recursion); Destroyed; CeilingViolated; WrongContext from the idle task or an IRQ
        /// handler (or a foreign thread). The uncontended take is one CAS.
        /// </summary>
        /// <returns>Ok or OwnerDied (taken); Busy, Destroyed, CeilingViolated or WrongContext (not taken), or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus TryLockStatus()
        {
            int w = _irq.fastWord;   // see Lock
            if (w != 0 && Thread.CurrentThread == _irq.runnerThread && Interlocked.CompareExchange(ref ownerWord, w, 0) == 0) return KernelStatus.Ok;
            return TryLockFront(true);
        }

        /// <summary>
        /// The shared front end of both try locks, past their fast path: caller check, context check, one CAS
        /// with the board's CAS flavour, else the slow path. A call of its own, so the try locks' frames hold one
        /// local (nanoCLR sets up every local of a frame on each call, the fast path's too).
        /// </summary>
        private KernelStatus TryLockFront(bool mayReportOwnerDied)
        {
            if (Thread.CurrentThread != _irq.runnerThread) return _k.ForeignCallStatus();
            TaskControlBlock me = _k.current;
            if (me == _k.Idle || _irq.masked != 0) return KernelStatus.WrongContext;
            if (_sys.Atomics.CompareExchange(ref ownerWord, me.lockWord, 0) == 0) return KernelStatus.Ok;
            return TryLockSlow(me, mayReportOwnerDied);
        }

        /// <summary>
        /// Releases the mutex; with waiters, hands it to the most urgent one as pending owner and
        /// drops the caller's inherited priority. NotOwner when the caller does not own it (or only
        /// pending-owns it), InvalidArgument when it is free, Destroyed after destroy, WrongContext with
        /// interrupts masked (an interrupt handler); none changes state.
        /// </summary>
        /// <returns>Ok (released or handed over); NotOwner, InvalidArgument, Destroyed or WrongContext, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Unlock()
        {
            int w = _irq.fastWord;   // see Lock: the running task's owner word, or 0
            if (w != 0 && Thread.CurrentThread == _irq.runnerThread && Interlocked.CompareExchange(ref ownerWord, 0, w) == w) return KernelStatus.Ok;
            return UnlockFront();
        }

        /// <summary>
        /// Unlock past its fast path: caller check, context check, one CAS with the board's CAS flavour, else the
        /// slow path. A call of its own, so Unlock's frame holds one local (see <see cref="TryLockFront"/>).
        /// </summary>
        private KernelStatus UnlockFront()
        {
            if (Thread.CurrentThread != _irq.runnerThread) return _k.ForeignCallStatus();
            if (_irq.masked != 0) return KernelStatus.WrongContext;   // an IRQ handler owns no mutex
            TaskControlBlock me = _k.current;
            int word = me.lockWord;
            if (me != _k.Idle && _sys.Atomics.CompareExchange(ref ownerWord, 0, word) == word) return KernelStatus.Ok;
            return UnlockSlow(me);
        }

        /// <summary>
        /// Destroys the mutex, free or in use (docs/spec/rtmutex.md §16): every waiter's lock call ends with
        /// Destroyed; an owner (or pending owner) loses it — the boost and any ceiling it had from this mutex
        /// are dropped at once, and its later Unlock returns Destroyed; every later call returns Destroyed
        /// (TryLock false). Ok, or Destroyed if it already was. ISR-safe.
        /// </summary>
        /// <returns>Ok, or Destroyed if it already was, or a caller refusal of <see cref="Scheduler.CheckCaller"/>.</returns>
        public KernelStatus Destroy()
        {
            KernelStatus st = _k.CheckCaller();
            if (st != KernelStatus.Ok) return st;
            int s = _k.EnterChecked();
            KernelStatus r;
            if (ownerWord == DestroyedWord) r = KernelStatus.Destroyed;
            else
            {
                DestroyMasked();
                r = KernelStatus.Ok;
            }
            _k.Leave(s);
            return r;
        }

    }
}
