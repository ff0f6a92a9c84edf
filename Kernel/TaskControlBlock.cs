using System;

namespace NfRt.Kernel
{
    /// <summary>
    /// Task control block, owned by the scheduler. Holds identity, the two priorities
    /// (normal: set only by a priority change; effective: min(normal, top pi waiter), spec §1),
    /// state, wait result, time slice, counters, and every intrusive node the kernel needs so
    /// no kernel path allocates: ready-queue links, a timeout node, the rt-mutex waiter, a
    /// node for event/join wait lists, and the piWaiters list.
    /// Fields are mutated only by the kernel, with interrupts masked.
    /// </summary>
    public sealed class TaskControlBlock
    {
        /// <summary>Kernel-unique id, 1 .. MaxTasks (0 is the idle task).</summary>
        public readonly int Id;

        /// <summary>Human-readable name (traces, errors).</summary>
        public readonly string Name;

        /// <summary>Creation options.</summary>
        public readonly TaskOptions Options;

        /// <summary>The code the task runs.</summary>
        public readonly TaskBody Body;

        internal int normalPriority, effectivePriority;
        internal TaskState state;

        /// <summary>Result of the last wait: Ok (woken), TimedOut, Interrupted.</summary>
        public KernelStatus WaitResult;

        /// <summary>Round-robin time slice in ticks (0 = none).</summary>
        public int TimeSlice;

        /// <summary>Ticks left in the current slice.</summary>
        public int SliceLeft;

        // ---- counters (plain ints, read by tests and traces) ----
        /// <summary>Times the task was switched in.</summary>
        public int SwitchesIn;
        /// <summary>Times the task was preempted while runnable.</summary>
        public int Preemptions;
        /// <summary>Ticks that elapsed while the task was running.</summary>
        public int RunTicks;
        /// <summary>Priority-inheritance boosts received.</summary>
        public int Boosts;

        // ---- scheduler links ----
        internal TaskControlBlock readyNext, readyPrev;
        internal bool inReadyQueue;

        /// <summary>Node in the timeout queue (sleep, timed waits).</summary>
        public readonly TimeoutNode Timeout;

        /// <summary>Node in an event / join wait list (priority ordered).</summary>
        public readonly PlistNode WaitNode;

        /// <summary>The kernel object the task is blocked on (event, join target, rt-mutex), or null.</summary>
        public object WaitingOn;

        /// <summary>The wait may be ended early by an interrupt request (EINTR).</summary>
        public bool Interruptible;

        /// <summary>An interrupt request arrived during an interruptible operation and is not consumed yet.</summary>
        public bool InterruptRequested;

        // ---- rt-mutex (spec §3) ----
        /// <summary>The top waiter of each rt-mutex this task owns or pending-owns, sorted (plist).</summary>
        public readonly PriorityList PiWaiters;

        /// <summary>This task's preallocated rt-mutex waiter.</summary>
        public readonly Waiter Waiter;

        /// <summary>The waiter while blocked on an rt-mutex (always <see cref="Waiter"/>), else null.</summary>
        public Waiter BlockedOn;

        /// <summary>Tasks waiting in Join for this one.</summary>
        public readonly PriorityList Joiners;

        /// <summary>Execution context (the scheduler's thread + gate); opaque to this layer.</summary>
        public object Context;

        /// <summary>An exception that escaped the task body (the task then exited).</summary>
        public Exception Fault;

        /// <summary>Creates a task control block; only the scheduler calls this.</summary>
        public TaskControlBlock(int id, string name, int priority, TaskOptions options, TaskBody body)
        {
            Id = id;
            Name = name;
            Options = options;
            Body = body;
            normalPriority = effectivePriority = priority;
            state = TaskState.Created;
            Timeout = new TimeoutNode(this);
            WaitNode = new PlistNode(this);
            PiWaiters = new PriorityList();
            Waiter = new Waiter(this);
            Joiners = new PriorityList();
        }

        /// <summary>Normal priority: set at creation and by priority changes only.</summary>
        public int NormalPriority { get { return normalPriority; } }

        /// <summary>Effective priority = min(normal, top of piWaiters).</summary>
        public int EffectivePriority { get { return effectivePriority; } }

        /// <summary>Scheduling state.</summary>
        public TaskState State { get { return state; } }

        /// <summary>True for a cooperative task (never preempted by another task).</summary>
        public bool IsCooperative { get { return (Options & TaskOptions.Cooperative) != 0; } }

        /// <summary>The priority this task should have now: min(normal, top pi waiter).</summary>
        public int ComputedPriority()
        {
            PlistNode top = PiWaiters.First;
            return top != null && top.prio < normalPriority ? top.prio : normalPriority;
        }

        /// <summary>Name for messages.</summary>
        public override string ToString() { return Name; }
    }
}
