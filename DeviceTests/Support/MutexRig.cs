using System;
using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Sync;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// A simulated kernel with scripted tasks and rt-mutexes, and the assertions the deterministic rt-mutex
    /// tests make after every step: owner (real or pending) and wait-list order, every task's effective and
    /// normal priority, the counters. <see cref="Flavours"/> gives the two CAS flavours: a board with a
    /// hardware compare-and-swap (STM32F429) and one without (STM32F091, Cortex-M0: masked read-compare-write).
    /// </summary>
    public sealed class MutexRig : IDisposable
    {
        /// <summary>A test body run once per CAS flavour.</summary>
        public delegate void Body(MutexRig r);

        /// <summary>
        /// Runs <paramref name="body"/> on a fresh rig for each board of <see cref="Flavours"/>, then checks the
        /// invariants and the CAS flavour (<see cref="Finish"/>); a failure names the board.
        /// </summary>
        public static void OnBothFlavours(Body body)
        {
            for (int i = 0; i < Flavours.Length; i++)
            {
                try
                {
                    using (MutexRig r = new MutexRig(Flavours[i]))
                    {
                        body(r);
                        r.Finish();
                    }
                }
                catch (AssertFailedException e)
                {
                    throw new AssertFailedException("[" + Flavours[i].Name + "] " + e.Message);
                }
            }
        }

        /// <summary>
        /// The boards every rt-mutex test runs on: hardware CAS, then masked CAS. A property, not a static field
        /// initializer: nanoCLR runs static constructors in its assembly-list order, not after the referenced
        /// assemblies' (docs/USE-ON-A-BOARD.md, "Static initializers"), so an initializer here could read
        /// BoardProfiles' fields before NfRt.Kernel.Board has set them.
        /// </summary>
        public static BoardProfile[] Flavours
        {
            get { return new BoardProfile[] { BoardProfiles.Stm32, BoardProfiles.Stm32M0 }; }
        }

        /// <summary>The kernel rig.</summary>
        public readonly Rig R;

        /// <summary>The rt-mutex layer.</summary>
        public readonly RtMutexSystem Sys;

        private readonly ScriptedTask[] _tasks = new ScriptedTask[16];
        private readonly int[] _normal = new int[16];
        private int _count;

        /// <summary>A rig on <paramref name="board"/> with 32 priority levels.</summary>
        public MutexRig(BoardProfile board)
        {
            R = new Rig(board, 32, 0);
            Sys = RtMutexSystem.Of(R.K);
        }

        /// <summary>The counters.</summary>
        public RtMutexCounters C { get { return Sys.Counters; } }

        /// <summary>Creates a scripted task; call <see cref="Start"/> once all exist.</summary>
        public ScriptedTask Task(string name, int prio)
        {
            ScriptedTask t = new ScriptedTask(R, name, prio);
            _tasks[_count] = t;
            _normal[_count] = prio;
            _count++;
            return t;
        }

        /// <summary>Creates a mutex.</summary>
        public RtMutex Mutex(string name) { return new RtMutex(R.K, name); }

        /// <summary>Runs every task up to its first command wait.</summary>
        public void Start()
        {
            R.Run();
            for (int i = 0; i < _count; i++) Assert.IsTrue(_tasks[i].Listening, _tasks[i].Name + " did not start");
        }

        /// <summary>Priority change from the driver; the rig then expects the new normal priority.</summary>
        public void SetPriority(ScriptedTask t, int prio)
        {
            Rig.Is(KernelStatus.Ok, R.K.SetPriority(t.Tcb, prio), "SetPriority " + t.Name);
            for (int i = 0; i < _count; i++) if (_tasks[i] == t) _normal[i] = prio;
            R.Run();
        }

        /// <summary>Interrupt request from the driver, then run until quiescent.</summary>
        public void Interrupt(ScriptedTask t)
        {
            Rig.Is(KernelStatus.Ok, R.K.Interrupt(t.Tcb), "Interrupt " + t.Name);
            R.Run();
        }

        /// <summary>Runs the invariant checker, then asserts every task's effective/normal priority in creation order.</summary>
        public void Prio(params int[] effective)
        {
            R.K.CheckInvariants();
            Assert.AreEqual(_count, effective.Length, "Prio needs one value per task");
            string want = "", got = "";
            for (int i = 0; i < _count; i++)
            {
                TaskControlBlock t = _tasks[i].Tcb;
                want += t.Name + ":" + effective[i] + "/" + _normal[i] + " ";
                got += t.Name + ":" + t.EffectivePriority + "/" + t.NormalPriority + " ";
            }
            Assert.AreEqual(want, got, "effective/normal priorities");
        }

        /// <summary>Asserts a real owner (no pending bit) and the exact wait-list order.</summary>
        public void Owner(RtMutex m, ScriptedTask owner, params ScriptedTask[] waiters)
        {
            Assert.AreEqual(owner.Name, m.OwnerTask == null ? "(none)" : m.OwnerTask.Name, m.Name + " owner");
            Assert.IsFalse(m.HasPendingOwner, m.Name + " should be really owned");
            Waiters(m, waiters);
        }

        /// <summary>Asserts a pending owner and the exact wait-list order.</summary>
        public void PendingOwner(RtMutex m, ScriptedTask owner, params ScriptedTask[] waiters)
        {
            Assert.AreEqual(owner.Name, m.OwnerTask == null ? "(none)" : m.OwnerTask.Name, m.Name + " pending owner");
            Assert.IsTrue(m.HasPendingOwner, m.Name + " should have a pending owner");
            Waiters(m, waiters);
        }

        /// <summary>Asserts a free mutex: owner word 0, no waiters.</summary>
        public void Free(RtMutex m)
        {
            Assert.AreEqual(0, m.OwnerWord, m.Name + " owner word");
            Assert.IsNull(m.OwnerTask, m.Name + " owner");
            Assert.AreEqual(0, m.WaiterCount, m.Name + " waiters");
        }

        private static void Waiters(RtMutex m, ScriptedTask[] waiters)
        {
            string want = "", got = "";
            for (int i = 0; i < waiters.Length; i++) want += waiters[i].Name + " ";
            for (int i = 0; i < m.WaiterCount; i++) got += m.WaiterAt(i).Name + " ";
            Assert.AreEqual(want, got, m.Name + " waiters");
            Assert.AreEqual(waiters.Length > 0, (m.OwnerWord & RtMutex.HasWaitersBit) != 0, m.Name + " has-waiters bit");
        }

        /// <summary>Asserts the counters the behaviours touch (all of them; zero unless given).</summary>
        public void Counters(int boosts = 0, int deboosts = 0, int steals = 0, int handoffs = 0, int deadlocks = 0, int timeouts = 0, int interrupts = 0)
        {
            Assert.AreEqual(
                "boosts=" + boosts + " deboosts=" + deboosts + " steals=" + steals + " handoffs=" + handoffs + " deadlocks=" + deadlocks + " timeouts=" + timeouts + " interrupts=" + interrupts,
                "boosts=" + C.Boosts + " deboosts=" + C.Deboosts + " steals=" + C.Steals + " handoffs=" + C.Handoffs + " deadlocks=" + C.Deadlocks + " timeouts=" + C.Timeouts + " interrupts=" + C.Interrupted,
                "counters");
        }

        /// <summary>End of a test: invariants hold and the board's CAS flavour was the one used.</summary>
        public void Finish()
        {
            R.K.CheckInvariants();
            AtomicOps a = R.Board.Atomics;
            if (R.Board.Profile.HardwareCas) Assert.IsTrue(a is HardwareAtomics, "hardware CAS expected");
            else
            {
                MaskedAtomics masked = a as MaskedAtomics;
                Assert.IsNotNull(masked, "masked CAS expected");
                Assert.IsTrue(masked.Operations > 0, "no masked CAS ran on the M0 board");
            }
        }

        /// <summary>Shuts the kernel down.</summary>
        public void Dispose() { R.Dispose(); }
    }
}
