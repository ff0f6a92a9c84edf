using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>Task lifecycle: create, yield, suspend/resume, exit, join, interrupting a wait.</summary>
    public sealed partial class Scheduler
    {
        /// <summary>
        /// Bytes held while a task is being created and dropped just before it is registered: if the heap
        /// is that close to full, the collector frees them for the stack frames of the registration (on
        /// nanoCLR every call takes a frame from the managed heap), so registering never fails half-way.
        /// </summary>
        private const int CreateReserveBytes = 2048;

        // Heap held back for the stack frames of a call that must not fail half-way on a full heap: during
        // CreateTask the create reserve, otherwise (a kernel with an exit hook) the exit reserve
        // (Scheduler.ExitReserve.cs). One field for both, so the scheduler is no larger for it. A field: the
        // compiler drops a local that is written and never read.
        private byte[] _reserve;

        /// <summary>
        /// Creates a task and makes it ready: created by a task, a more urgent one preempts it at once;
        /// created by the driver (Main), it runs at the next run call (docs/spec/scheduler.md §35). Allocates its TCB and
        /// thread, starts the thread and waits until it has parked at its gate: a set-up call, not a
        /// steady-state path. Returns null and changes nothing when an argument is bad, the table is
        /// full (NoResources), or the runtime's heap cannot hold the task, its thread and the thread's
        /// first stack frames (OutOfMemory: on a 104 KiB nanoCLR heap that is the usual limit, see
        /// docs/FOOTPRINT.md); <paramref name="error"/> then says which.
        /// </summary>
        /// <param name="name">Task name.</param>
        /// <param name="priority">Normal priority, 0 .. PriorityLevels-1 (lower = more urgent).</param>
        /// <param name="body">The task body.</param>
        /// <param name="options">Preemptible or cooperative.</param>
        /// <param name="timeSlice">Round-robin slice in ticks (0 = none).</param>
        /// <param name="error">Ok, or why nothing was created.</param>
        /// <returns>The task, or null.</returns>
        public TaskControlBlock CreateTask(string name, int priority, TaskBody body, TaskOptions options, int timeSlice, out KernelStatus error)
        {
            error = CheckCaller();
            if (error != KernelStatus.Ok) return null;
            error = KernelStatus.InvalidArgument;
            if (body == null || name == null) return null;
            if (priority < 0 || priority >= Config.PriorityLevels) return null;
            if (timeSlice < 0) return null;
            if (IsAsync(body)) { error = KernelStatus.AsyncBody; return null; }
            if (_taskCount == _tasks.Length) { error = KernelStatus.NoResources; return null; }
            int slot = _taskCount;
            TaskControlBlock t = null;
            TaskThread ctx = null;
            WaitQueue joiners = null;
            try
            {
                _reserve = new byte[CreateReserveBytes];   // drops the exit reserve too: the next run call makes it again
                t = new TaskControlBlock(slot + 1, name, priority, options, body);
                t.timeSlice = timeSlice;
                joiners = new WaitQueue(this, t);
                ctx = new TaskThread(this, t);
                t.Timeout.target = ctx;
                _threads[slot] = ctx;        // its gate, for the thread's first WaitTurn; not counted until registered
                if (!ctx.StartParked()) ctx = null;
            }
            catch (System.OutOfMemoryException)
            {
                _reserve = null;
                if (ctx != null) ctx.TryAbort();
                ctx = null;
            }
            _reserve = null;
            if (ctx == null)
            {
                _threads[slot] = null;
                error = KernelStatus.OutOfMemory;
                return null;
            }
            int s = Enter();
            _joiners[slot] = joiners;
            _tasks[_taskCount++] = t;
            Emit(TraceKind.Create, t, priority, 0);
            MakeReady(t);
            error = KernelStatus.Ok;
            Leave(s);
            return t;
        }

        /// <summary>
        /// Creates a preemptible task with the configured default time slice. Never returns null: where the
        /// six-argument form returns null with a status, this one throws, naming it.
        /// </summary>
        /// <param name="name">Task name.</param>
        /// <param name="priority">Normal priority, 0 .. PriorityLevels-1 (lower = more urgent).</param>
        /// <param name="body">The task body.</param>
        /// <returns>The task (never null).</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="name"/> or <paramref name="body"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="priority"/> is outside 0 .. PriorityLevels-1.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="body"/> is an async method.</exception>
        /// <exception cref="System.InvalidOperationException">The kernel refused: the message names the status
        /// (NoResources: MaxTasks tasks exist; WrongContext: not called by the current task or the driver;
        /// WatchdogExpired: a stuck task holds the CPU; ShutDown).</exception>
        public TaskControlBlock CreateTask(string name, int priority, TaskBody body)
        {
            KernelStatus e;
            TaskControlBlock t = CreateTask(name, priority, body, TaskOptions.None, Config.DefaultTimeSlice, out e);
            if (t != null) return t;
            if (e == KernelStatus.InvalidArgument)
            {
                if (name == null) throw new System.ArgumentNullException("name");
                if (body == null) throw new System.ArgumentNullException("body");
                throw new System.ArgumentOutOfRangeException("priority", "priority must be within 0 .. PriorityLevels-1");
            }
            if (e == KernelStatus.AsyncBody) throw new System.ArgumentException("body is an async method; task bodies must be synchronous", "body");
            throw new System.InvalidOperationException("CreateTask " + name + ": " + KernelStatusName.Of(e));
        }

        /// <summary>True for this kernel's idle task and the tasks it created (not another kernel's).</summary>
        private bool Owns(TaskControlBlock t)
        {
            if (t == null) return false;
            if (t == Idle) return true;
            int id = t.Id;
            return id >= 1 && id <= _taskCount && _tasks[id - 1] == t;
        }

        /// <summary>The current task goes behind every ready task of its priority; the most urgent ready task runs.</summary>
        /// <returns>Ok, or a caller refusal of <see cref="CheckCaller"/>.</returns>
        public KernelStatus Yield()
        {
            if (Thread.CurrentThread != _irq.runnerThread) return ForeignCallStatus();   // CheckCaller, written out
            TaskControlBlock t = current;
            IrqController irq = _irq;
            // The general path: the idle task (the driver), a nested section, a pending line (delivered first, as
            // Leave does) or a halt (a stuck task always has one, Scheduler.Watchdog.cs).
            if (t == Idle || (irq.masked | irq.pendingLines | irq.haltRequested) != 0) return YieldGeneral();
            // The direct switch: what Leave and Reschedule would do here, without their tests (each known to pass: a
            // task runs, so the kernel started and is not shut down; nothing masked, pending or halted) and with one
            // mask. The invariants are checked masked on entry, not after the queue step: a checker would see the
            // task that runs next Ready but out of the queue; the queue step's result is checked at the next exit.
            irq.Mask();
            if (_checkInvariants) FaultIfBroken("invariant: ");
            TaskControlBlock next = _ready.YieldFrom(t);   // t behind its equals; the next task out (an equal) or still queued
            if (next != null)
            {
                t.state = TaskState.Ready;
                t.sliceLeft = 0;      // a fresh slice when it runs again
                SwitchTo(next, 0);
            }
            else
            {
                t.sliceLeft = t.timeSlice;   // nothing may run before it: it keeps the CPU, with a fresh slice
                irq.RestoreQuiet(0);
            }
            if (Trace.sink != null) FlushTrace();
            return KernelStatus.Ok;
        }

        /// <summary><see cref="Yield"/> through the critical section: Leave delivers, checks and reschedules.</summary>
        private KernelStatus YieldGeneral()
        {
            int s = EnterChecked();
            TaskControlBlock t = current;
            if (t != Idle)
            {
                // Behind its equals; if it is still the pick, Reschedule takes it back out (fresh slice).
                t.state = TaskState.Ready;
                _ready.EnqueueTail(t);
                t.sliceLeft = 0;
            }
            Leave(s);
            return KernelStatus.Ok;
        }

        /// <summary>
        /// Suspends <paramref name="t"/> (itself or a ready task) until <see cref="Resume"/>.
        /// WrongState for a task that is blocked, sleeping, dead or already suspended; WrongContext for idle;
        /// InvalidArgument for null or a task of another kernel.
        /// </summary>
        /// <param name="t">The task: the caller itself or a ready task.</param>
        /// <returns>Ok, WrongState, WrongContext, InvalidArgument, or a caller refusal of <see cref="CheckCaller"/>.</returns>
        public KernelStatus Suspend(TaskControlBlock t)
        {
            KernelStatus st = CheckCaller();
            if (st != KernelStatus.Ok) return st;
            if (!Owns(t)) return KernelStatus.InvalidArgument;
            int s = EnterChecked();
            KernelStatus r = KernelStatus.Ok;
            if (t == Idle) r = KernelStatus.WrongContext;
            else if (t == current)
            {
                t.state = TaskState.Suspended;
                Emit(TraceKind.Block, t, (int)TaskState.Suspended, 0);
                if (s == 0) { SwitchTo(PickNext(), s); return KernelStatus.Ok; }
            }
            else if (t.state == TaskState.Ready)
            {
                _ready.Remove(t);
                t.state = TaskState.Suspended;
                Emit(TraceKind.Block, t, (int)TaskState.Suspended, 0);
            }
            else r = KernelStatus.WrongState;
            Leave(s);
            return r;
        }

        /// <summary>Makes a suspended task ready. ISR-safe. WrongState when it is not suspended; InvalidArgument for null or a task of another kernel.</summary>
        /// <param name="t">The suspended task.</param>
        /// <returns>Ok, WrongState, InvalidArgument, or a caller refusal of <see cref="CheckCaller"/>.</returns>
        public KernelStatus Resume(TaskControlBlock t)
        {
            KernelStatus st = CheckCaller();
            if (st != KernelStatus.Ok) return st;
            if (!Owns(t)) return KernelStatus.InvalidArgument;
            int s = EnterChecked();
            KernelStatus r = KernelStatus.WrongState;
            if (t.state == TaskState.Suspended)
            {
                Emit(TraceKind.Wake, t, 0, 0);
                MakeReady(t);
                r = KernelStatus.Ok;
            }
            Leave(s);
            return r;
        }

        /// <summary>
        /// Interrupts a task's wait (EINTR; the scenario language's "signal"; not an IRQ,
        /// docs/spec/scheduler.md §19): if <paramref name="t"/> is blocked or asleep in an interruptible
        /// wait — every kernel wait but an uninterruptible rt-mutex lock — that wait ends at once with
        /// Interrupted. A task inside an interruptible rt-mutex lock call also keeps the request for the
        /// call's retry (docs/spec/rtmutex.md §5), even when it is not blocked in the lock's own wait.
        /// Ok when either applied; WrongState (nothing changes) when the task is in no such wait.
        /// ISR-safe.
        /// </summary>
        /// <param name="t">The task whose wait to interrupt.</param>
        /// <returns>Ok, WrongState, InvalidArgument (null or another kernel's task), or a caller refusal of <see cref="CheckCaller"/>.</returns>
        public KernelStatus Interrupt(TaskControlBlock t)
        {
            KernelStatus st = CheckCaller();
            if (st != KernelStatus.Ok) return st;
            if (!Owns(t)) return KernelStatus.InvalidArgument;
            int s = EnterChecked();
            KernelStatus r = KernelStatus.WrongState;
            if (t.Waiter.interruptible)
            {
                t.interruptRequested = true;
                r = KernelStatus.Ok;
            }
            if (t.interruptible && Wake(t, t.waitingOn, KernelStatus.Interrupted)) r = KernelStatus.Ok;
            Leave(s);
            return r;
        }

        /// <summary>Ends the current task (also what happens when its body returns); its joiners' waits end with Ok. Never returns for a task.</summary>
        internal void ExitCurrent()
        {
            ITaskExitHook hook = SyncLayer;
            if (hook != null && !_irq.IsMasked)
            {
                try
                {
                    hook.OnTaskExiting(current);
                }
                catch (TaskAbortException)
                {
                    throw;
                }
                catch (System.Exception e)
                {
                    // On a board with the heap full, the hook's calls need stack frames from the heap and throw
                    // OutOfMemoryException. Drop the exit reserve (Scheduler.ExitReserve.cs) for the frames of the
                    // rest; the exception is the task's fault unless its body already threw, so the driver learns
                    // it (§20). Unless the hook failed inside its section, it runs once more with those bytes (its
                    // work is idempotent: a mutex already released is skipped); if that fails too, the exit goes
                    // on without it. A section the hook left masked is abandoned by the masked check below.
                    _reserve = null;
                    if (current.fault == null) current.fault = e;
                    if (!_irq.IsMasked)
                    {
                        try
                        {
                            hook.OnTaskExiting(current);
                        }
                        catch (TaskAbortException)
                        {
                            throw;
                        }
                        catch (System.Exception)
                        {
                        }
                    }
                }
            }
            int s = Enter();
            TaskControlBlock t = current;
            if (s != 0)
            {
                // The body escaped from inside a critical section (it threw there): record it, unmask, go on.
                if (t.fault == null) t.fault = new KernelFaultException("task " + t.Name + " exited with interrupts masked");
                s = 0;
            }
            t.state = TaskState.Dead;
            _timeouts.Remove(t.Timeout);
            if (t.fault != null) RecordFault(t);
            Emit(TraceKind.Exit, t, 0, 0);
            _joiners[t.Id - 1].WakeAll(KernelStatus.Ok);
            SwitchTo(PickNext(), s);
        }

        /// <summary>
        /// Blocks until <paramref name="t"/> has exited: Ok (at once if it already has); Interrupted
        /// (<see cref="Interrupt"/>). WrongState when joining oneself; InvalidArgument for null, the idle
        /// task (it never exits) or a task of another kernel; WrongContext from the idle task, an IRQ
        /// handler or a nested section while the task still runs. No timeout.
        /// </summary>
        /// <param name="t">The task to wait for.</param>
        /// <returns>Ok, Interrupted, WrongState, InvalidArgument, WrongContext, or a caller refusal of <see cref="CheckCaller"/>.</returns>
        public KernelStatus Join(TaskControlBlock t)
        {
            KernelStatus st = CheckCaller();
            if (st != KernelStatus.Ok) return st;
            if (!Owns(t) || t == Idle) return KernelStatus.InvalidArgument;   // the idle task never exits
            int s = EnterChecked();
            KernelStatus r;
            if (t.state == TaskState.Dead) r = KernelStatus.Ok;
            else if (t == current) r = KernelStatus.WrongState;
            else r = BlockCurrent(s, TaskState.Blocked, t, _joiners[t.Id - 1].list, -1, true);   // the wait (WaitQueue's protocol)
            Leave(s);
            return r;
        }

        /// <summary>Task number <paramref name="index"/> waiting in <see cref="Join"/> for <paramref name="t"/>, in wake order (most urgent first), or null.</summary>
        /// <param name="t">The joined task.</param>
        /// <param name="index">0-based position in wake order.</param>
        /// <returns>The joining task, or null.</returns>
        public TaskControlBlock JoinerAt(TaskControlBlock t, int index)
        {
            if (t == null || t == Idle || TaskById(t.Id) != t) return null;
            return _joiners[t.Id - 1].At(index);
        }

        /// <summary>
        /// True for an async method (the compiler marks its state machine). Its body would return at the
        /// first await and continue on a thread-pool thread, outside the kernel: refused at creation.
        /// Compared by name: nano's mscorlib has no such attribute type, and a body there is never async.
        /// </summary>
        private static bool IsAsync(TaskBody body)
        {
            object[] attributes = body.Method.GetCustomAttributes(false);
            for (int i = 0; i < attributes.Length; i++)
                if (attributes[i].GetType().FullName == "System.Runtime.CompilerServices.AsyncStateMachineAttribute") return true;
            return false;
        }
    }
}
