using System;
using System.Reflection;
using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// The execution context of one task: a managed thread and its gate. The thread parks at
    /// the gate until the scheduler makes its task current, runs the body, and exits through
    /// the kernel. On shutdown a parked thread unwinds with <see cref="TaskAbortException"/>.
    /// It is also the timeout target of its task's sleeps and timed waits.
    /// </summary>
    internal sealed class TaskThread : ITimeoutTarget
    {
        internal readonly Scheduler Kernel;
        internal readonly TaskControlBlock Task;
        internal readonly TaskGate Gate;
        internal readonly Thread Thread;

        internal TaskThread(Scheduler kernel, TaskControlBlock task)
        {
            Kernel = kernel;
            Task = task;
            Gate = kernel.Board.NewGate();
            Thread = new Thread(Run);
            MakeBackground(Thread);
        }

        /// <summary>
        /// On .NET, a background thread, so an abandoned task thread (see Shutdown) cannot keep the
        /// process alive. nano has no IsBackground (its process is the firmware): nothing to do there.
        /// </summary>
        private static void MakeBackground(Thread thread)
        {
            MethodInfo setter = typeof(Thread).GetMethod("set_IsBackground");
            if (setter != null) setter.Invoke(thread, new object[] { true });
        }

        /// <summary>Ends an abandoned thread where the runtime can (nanoCLR has Thread.Abort; .NET refuses it).</summary>
        internal void TryAbort()
        {
            try { Thread.Abort(); }
            catch (Exception) { }
        }

        /// <summary>
        /// Starts the thread and waits until it has parked at its gate for its first turn: then the runtime
        /// has allocated its thread and the stack frames of the wait. False when it could not (the heap is
        /// full: Start threw, or the thread ended on an OutOfMemoryException before it parked); the caller
        /// then forgets it. On nanoCLR a thread's frames come from the managed heap, so this is the proof
        /// that the task fits.
        /// </summary>
        internal bool StartParked()
        {
            Thread.Start();
            while (true)
            {
                ThreadState st = Thread.ThreadState;
                if ((st & ThreadState.WaitSleepJoin) != 0) return true;
                if ((st & (ThreadState.Stopped | ThreadState.Aborted)) != 0) return false;
                Thread.Sleep(0);
            }
        }

        private void Run()
        {
            try
            {
                Kernel.WaitTurn(Task);
            }
            catch (Exception)
            {
                // No first turn: shut down before it started, or it could not park (OutOfMemoryException,
                // which StartParked reports) or was discarded. It never ran: nothing to exit.
                return;
            }
            try
            {
                Task.Body();
            }
            catch (Exception e)
            {
                // Unwinding at shutdown is the normal end; anything else (a TaskAbortException the body
                // threw itself included) is a fault, and the task still takes the exit path.
                if (Kernel.IsShutDown) return;
                Task.fault = e;
            }
            try
            {
                if (!Kernel.IsShutDown) Kernel.ExitCurrent();
            }
            catch (TaskAbortException)
            {
            }
        }

        void ITimeoutTarget.OnTimeout() { Kernel.TimeOut(Task); }
    }
}
