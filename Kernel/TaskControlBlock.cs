using System;

namespace NfRt.Kernel
{
    /// <summary>
    /// Task control block, owned by the scheduler. Holds identity, the two priorities (normal:
    /// set only by a priority change; effective: the most urgent of normal, what the task inherits
    /// and the ceilings it holds, docs/spec/rtmutex.md §1, primitives.md §12), state, the current
    /// wait (what it waits on, whether an interrupt may end it, its result), time slice, counters,
    /// and every intrusive node the kernel needs so no kernel path allocates: ready-queue links, a
    /// timeout node, the rt-mutex waiter, the node for a wait queue (docs/spec/scheduler.md §17), the
    /// piWaiters and ceilings lists, and the per-wait data of the semaphore, queue and event flags.
    /// <para>Everything users see is read-only: the kernel mutates the internal fields, masked.
    /// The execution context (thread and gate) and the list of tasks joining this one are the
    /// scheduler's, not part of the TCB.</para>
    /// </summary>
    public sealed class TaskControlBlock : KernelObject
    {
        /// <summary>Kernel-unique id, 1 .. MaxTasks (0 is the idle task).</summary>
        public readonly int Id;

        /// <summary>Creation options.</summary>
        public readonly TaskOptions Options;

        /// <summary>The code the task runs.</summary>
        public readonly TaskBody Body;

        internal int normalPriority, effectivePriority;

        /// <summary>This task as an rt-mutex owner word (<see cref="PiLock.OwnerWordOf"/>: no flag bits), precomputed for the fast paths.</summary>
        internal readonly int lockWord;
        internal TaskState state;
        internal KernelStatus waitResult;
        internal int timeSlice, sliceLeft;

        // ---- the current wait (docs/spec/scheduler.md §17): set when the task blocks, cleared by the
        // wake that ends it (the object's, the timeout's, an interrupt's, a destroy's).
        internal KernelObject waitingOn;     // null for a sleep
        internal bool interruptible;         // Scheduler.Interrupt may end it (every wait but an uninterruptible rt-mutex lock)
        internal bool interruptRequested;    // an interrupt for the interruptible rt-mutex lock call in progress (Waiter.interruptible)
        internal Waiter blockedOn;
        internal Exception fault;
        internal int switchesIn, preemptions, runTicks, boosts;
        internal TaskTiming timing;   // a periodic task's release state and job figures (docs/spec/scheduler.md §33), set once by CreatePeriodicTask; null for any other task

        // ---- run-time statistics every task keeps (docs/spec/scheduler.md §34); the periodic ones are in timing ----
        internal long cpuFine;              // 100 ns units of CPU, on a board with a finer clock than the tick
        internal long fineSince;            // that clock when the task was last switched in
        internal long inversionSince = -1;  // start of the priority-inversion interval running now (waiting for an rt-mutex held by a less urgent task), or -1
        internal long worstBlocking, totalBlocking;   // worst inversion time of one job (periodic) or one wait (other tasks); all of it
        internal int inversions;            // inversion intervals ended

        // ---- per-wait data of the semaphore, queue and event flags (docs/spec/primitives.md) ----
        // Valid while the task is queued on one of those objects; written by the waiting task before
        // it blocks and by the waker (masked). Typed fields, never allocated per wait.
        internal int[] waitBuffer;   // MessageQueue: the receiver's destination, or the blocked sender's message
        internal int waitFlags;      // EventFlags: the awaited flags
        internal int waitMode;       // EventFlags: WaitAll | ClearOnExit bits; MessageQueue: 1 = urgent send
        internal int waitValue;      // EventFlags: Value when the condition held

        // ---- scheduler links ----
        internal TaskControlBlock readyNext, readyPrev;
        internal bool inReadyQueue;

        /// <summary>Node in the timeout queue (sleep, timed waits).</summary>
        public readonly TimeoutNode Timeout;

        /// <summary>
        /// Node in the wait queue this task waits in (an event's, a joined task's, a semaphore's, a
        /// queue's or event flags'; priority ordered), queued exactly while the task is Blocked there.
        /// </summary>
        public readonly PlistNode WaitNode;

        // ---- rt-mutex (docs/spec/rtmutex.md §3) ----
        /// <summary>The top waiter of each rt-mutex this task owns or pending-owns, sorted (plist).</summary>
        public readonly PriorityList PiWaiters;

        /// <summary>This task's preallocated rt-mutex waiter.</summary>
        public readonly Waiter Waiter;

        /// <summary>
        /// The ceiling of each priority-ceiling rt-mutex this task owns outright (one node embedded
        /// per mutex, keyed by its ceiling; docs/spec/primitives.md §12), most urgent first.
        /// </summary>
        public readonly PriorityList Ceilings;

        /// <summary>Creates a task control block; only the scheduler calls this.</summary>
        internal TaskControlBlock(int id, string name, int priority, TaskOptions options, TaskBody body) : base(name)
        {
            Id = id;
            lockWord = PiLock.OwnerWordOf(id);
            Options = options;
            Body = body;
            normalPriority = effectivePriority = priority;
            state = TaskState.Created;
            Timeout = new TimeoutNode(null);
            WaitNode = new PlistNode(this);
            PiWaiters = new PriorityList();
            Waiter = new Waiter(this);
            Ceilings = new PriorityList();
        }

        /// <summary>Normal priority: set at creation and by priority changes only.</summary>
        public int NormalPriority { get { return normalPriority; } }

        /// <summary>Effective priority: the most urgent of normal and inherited (see <see cref="ComputedPriority"/>).</summary>
        public int EffectivePriority { get { return effectivePriority; } }

        /// <summary>Scheduling state.</summary>
        public TaskState State { get { return state; } }

        /// <summary>Result of the last wait: Ok (woken), TimedOut, Interrupted, Destroyed.</summary>
        public KernelStatus WaitResult { get { return waitResult; } }

        /// <summary>Round-robin time slice in ticks (0 = none).</summary>
        public int TimeSlice { get { return timeSlice; } }

        /// <summary>Ticks left in the current slice.</summary>
        public int SliceLeft { get { return sliceLeft; } }

        /// <summary>The kernel object the task is blocked on (event, joined task, rt-mutex, semaphore, ...), or null (not blocked, or asleep).</summary>
        public KernelObject WaitingOn { get { return waitingOn; } }

        /// <summary>
        /// The task is in a wait that <c>Scheduler.Interrupt</c> ends (EINTR): blocked or asleep in any
        /// wait but an uninterruptible rt-mutex lock. A property of the wait: false once it ended.
        /// </summary>
        public bool Interruptible { get { return interruptible; } }

        /// <summary>
        /// An interrupt reached the task during an interruptible rt-mutex lock call (<see cref="Waiter.Interruptible"/>)
        /// and the call has not consumed it yet (docs/spec/rtmutex.md §5).
        /// </summary>
        public bool InterruptRequested { get { return interruptRequested; } }

        /// <summary>The waiter while blocked on an rt-mutex (always <see cref="Waiter"/>), else null.</summary>
        public Waiter BlockedOn { get { return blockedOn; } }

        /// <summary>An exception that escaped the task body (the task then exited), or null.</summary>
        public Exception Fault { get { return fault; } }

        /// <summary>Times the task was switched in.</summary>
        public int SwitchesIn { get { return switchesIn; } }

        /// <summary>Times the task was preempted while runnable.</summary>
        public int Preemptions { get { return preemptions; } }

        /// <summary>Ticks that elapsed while the task was running.</summary>
        public int RunTicks { get { return runTicks; } }

        /// <summary>Priority-inheritance boosts received.</summary>
        public int Boosts { get { return boosts; } }

        /// <summary>True for a cooperative task (never preempted by another task).</summary>
        public bool IsCooperative { get { return (Options & TaskOptions.Cooperative) != 0; } }

        /// <summary>
        /// The priority this task should have now: the most urgent of its normal priority, its top pi
        /// waiter and the most urgent ceiling of the ceiling mutexes it owns.
        /// </summary>
        /// <returns>The most urgent (lowest) of the normal priority, the top pi waiter's and the top ceiling.</returns>
        public int ComputedPriority()
        {
            int p = normalPriority;
            PlistNode top = PiWaiters.First;
            if (top != null) p = Priority.MostUrgent(p, top.prio);
            top = Ceilings.First;
            if (top != null) p = Priority.MostUrgent(p, top.prio);
            return p;
        }
    }
}
