using System;
using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// A task that does not fit the runtime's heap is refused with OutOfMemory and changes nothing. The heap
    /// running out is simulated here with a gate factory that throws OutOfMemoryException (the same on every
    /// target); Footprint.Nano checks the real limit on the STM32F405 firmware (docs/FOOTPRINT.md).
    /// </summary>
    [TestClass]
    public class UnitTestTaskMemory
    {
        /// <summary>Hands out EventGates, or throws OutOfMemoryException while <see cref="Full"/> is set.</summary>
        private sealed class FullHeapGates : ITaskGateFactory
        {
            public bool Full;

            public TaskGate NewGate()
            {
                if (Full) throw new OutOfMemoryException();
                return new EventGate();
            }
        }

        /// <summary>Creation fails with OutOfMemory, nothing changes, and the next creation takes the same id and runs.</summary>
        [TestMethod]
        public void CreateTask_on_a_full_heap_returns_OutOfMemory_and_changes_nothing()
        {
            FullHeapGates gates = new FullHeapGates();
            SimulatedBoard board = new SimulatedBoard(BoardProfiles.Stm32);
            Assert.IsTrue(board.UseGates(gates), "UseGates");
            KernelConfig cfg = new KernelConfig();
            cfg.PriorityLevels = 32;
            cfg.MaxTasks = 4;
            cfg.CheckInvariants = true;
            Scheduler k = new Scheduler(cfg, board);
            try
            {
                string log = "";
                TaskControlBlock a = k.CreateTask("A", 10, delegate { log += "A "; });
                Assert.IsNotNull(a, "A created");
                gates.Full = true;
                KernelStatus e;
                Assert.IsNull(k.CreateTask("B", 5, delegate { log += "B "; }, TaskOptions.None, 0, out e), "B refused");
                Rig.Is(KernelStatus.OutOfMemory, e, "create on a full heap");
                Assert.AreEqual(1, k.TaskCount, "task count unchanged");
                Assert.IsNull(k.TaskById(2), "no task 2");
                k.CheckInvariants();
                gates.Full = false;
                TaskControlBlock c = k.CreateTask("C", 5, delegate { log += "C "; }, TaskOptions.None, 0, out e);
                Rig.Is(KernelStatus.Ok, e, "create after the heap has room again");
                Assert.AreEqual(2, c.Id, "C takes the free id");
                Rig.Is(KernelStatus.Ok, k.RunUntilIdle(), "run");
                Assert.AreEqual("C A ", log, "log");
                Rig.Is(TaskState.Dead, a);
                Rig.Is(TaskState.Dead, c);
            }
            finally
            {
                k.Shutdown();
            }
        }
    }
}
