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

        private void Run()
        {
            try
            {
                Kernel.WaitTurn(Task);
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
