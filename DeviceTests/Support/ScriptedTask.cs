using nanoFramework.TestFramework;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.DeviceTests
{
    /// <summary>A kernel call a <see cref="ScriptedTask"/> runs for the test (no generics on the device: no Func).</summary>
    public delegate KernelStatus Command();

    /// <summary>
    /// A task driven in lock step by the test: its body waits on its own <see cref="KernelEvent"/> for a
    /// command, runs it, records the result and waits again. A command that blocks (a contended lock)
    /// stays in progress until the kernel lets it finish; <see cref="Done"/> counts finished commands.
    /// </summary>
    public sealed class ScriptedTask
    {
        private readonly Rig _rig;
        private readonly KernelEvent _go;
        private Command _cmd;

        /// <summary>The task.</summary>
        public readonly TaskControlBlock Tcb;

        /// <summary>Commands finished.</summary>
        public int Done;

        /// <summary>Result of the last finished command.</summary>
        public KernelStatus Last = (KernelStatus)12345;

        /// <summary>True while the task waits for a command.</summary>
        public bool Listening;

        /// <summary>The priority it was created with.</summary>
        public readonly int CreatedPriority;

        /// <summary>Creates the task (it starts listening when the kernel runs).</summary>
        public ScriptedTask(Rig rig, string name, int prio)
        {
            _rig = rig;
            _go = new KernelEvent(rig.K);
            CreatedPriority = prio;
            Tcb = rig.Task(name, prio, Serve);
        }

        /// <summary>Task name.</summary>
        public string Name { get { return Tcb.Name; } }

        private void Serve()
        {
            while (true)
            {
                Listening = true;
                _go.Wait(-1);
                Listening = false;
                Command c = _cmd;
                _cmd = null;
                if (c == null) continue;
                Last = c();
                Done++;
            }
        }

        /// <summary>Posts a command without running the system (from the driver, or from another task's command).</summary>
        public void Send(Command cmd)
        {
            if (!Listening) Assert.Fail(Name + " is not waiting for a command");
            if (_cmd != null) Assert.Fail(Name + " already has a command");
            _cmd = cmd;
            _go.Signal();
        }

        /// <summary>Posts a command and runs the system until quiescent.</summary>
        public void Do(Command cmd)
        {
            Send(cmd);
            _rig.Run();
        }

        /// <summary>Asserts the result of the last finished command and how many have finished.</summary>
        public void Returned(KernelStatus expected, int done)
        {
            Assert.AreEqual(done, Done, Name + " finished commands");
            Rig.Is(expected, Last, Name + " result");
        }

        /// <summary>True while the task sleeps in a lock call (blocked on an rt-mutex).</summary>
        public bool Blocked { get { return Tcb.State == TaskState.Blocked && !Listening; } }
    }
}
