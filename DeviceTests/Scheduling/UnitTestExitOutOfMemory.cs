using System;
using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// A task's exit on a full heap, for real: on nanoCLR every call takes its stack frame from the managed heap,
    /// so the exit path's calls (the rt-mutex's exit hook first) can throw OutOfMemoryException. On a board's heap
    /// (the STM32F405 firmware: 104 KiB) the task's body fills the heap (one flat method, held in a static) and
    /// returns holding an rt-mutex; its exit must still complete and the driver learn it
    /// (docs/spec/scheduler.md §20). The driver then drops the filler: the heap is as the test found it.
    /// Where 1 MiB fits (nanoCLR for Linux, whose 10 MiB heap this runtime cannot exhaust without crashing, and
    /// .NET) nothing is filled: the exit fits, and the test checks that branch (the mutex released on exit).
    /// </summary>
    [TestClass]
    public class UnitTestExitOutOfMemory
    {
        /// <summary>References per filler array (about 3 KiB each on nanoCLR).</summary>
        private const int Elements = 256;

        /// <summary>An allocation a board's heap refuses and the larger heaps grant.</summary>
        private const int NotABoardBytes = 1 << 20;

        private static object[] _big;   // the filler: the newest root (roots chain through slot 0; slots 1.. hold arrays)
        private static bool _fill;
        private static string _log = "";

        /// <summary>
        /// 1. A kernel with one rt-mutex (so the exit hook runs); "t" locks it, fills the heap (on a board), returns.
        /// 2. RunUntilIdle returns (not the watchdog): TaskFaulted naming t with an OutOfMemoryException when the
        ///    exit ran out of heap, else Ok; t is Dead either way.
        /// 3. With the filler dropped the kernel goes on: a new task runs and takes the mutex (t's exit released it:
        ///    on a full heap the hook's second run, on the exit reserve), the invariants hold, Shutdown is Ok.
        /// </summary>
        [TestMethod]
        public void A_task_exit_on_a_full_heap_completes_and_is_reported()
        {
            try
            {
                byte[] big = new byte[NotABoardBytes];
                _fill = big == null;
            }
            catch (OutOfMemoryException)
            {
                _fill = true;
            }
            KernelConfig cfg = new KernelConfig();
            cfg.PriorityLevels = 32;
            cfg.MaxTasks = 4;
            cfg.CheckInvariants = true;
            cfg.WatchdogMs = 3000;
            Scheduler k = new Scheduler(cfg, new SimulatedBoard(BoardProfiles.Stm32));
            RtMutex m = new RtMutex(k, "m");
            _log = "";
            try
            {
                TaskControlBlock t = k.CreateTask("t", 10, delegate
                {
                    m.Lock();
                    _log = "locked";
                    if (!_fill) return;
                    // Fill the heap: no call from here on but the allocations' own. Arrays hang from a short chain
                    // of roots, then plain objects (one 12-byte heap block each) fill the holes, kept in their slots.
                    int slot = Elements;
                    try
                    {
                        while (true)
                        {
                            object[] b = new object[Elements];
                            if (slot == Elements)
                            {
                                b[0] = _big;
                                _big = b;
                                slot = 1;
                            }
                            else _big[slot++] = b;
                        }
                    }
                    catch (OutOfMemoryException)
                    {
                    }
                    try
                    {
                        for (object[] r = _big; r != null; r = (object[])r[0])
                            for (int j = 1; j < Elements; j++)
                            {
                                object[] child = (object[])r[j];
                                if (child == null) continue;
                                for (int i = 0; i < Elements; i++) child[i] = new object();
                            }
                    }
                    catch (OutOfMemoryException)
                    {
                    }
                });
                KernelStatus st = k.RunUntilIdle();
                _big = null;
                Assert.AreEqual("locked", _log, "t ran");
                if (st == KernelStatus.TaskFaulted)
                {
                    Assert.IsTrue(k.LastFault == t, "LastFault names t");
                    Assert.IsTrue(t.Fault is OutOfMemoryException, "t's fault: " + (t.Fault == null ? "none" : t.Fault.GetType().Name));
                    _log = "out of heap";
                }
                else
                {
                    Rig.Is(KernelStatus.Ok, st, "the exit fit");
                    _log = "fit";
                }
                Rig.Is(TaskState.Dead, t);
                DeviceTestRunner.Print("EXIT-OOM filled=" + (_fill ? "yes" : "no") + " exit " + _log + ", mutex owner after: " + (m.OwnerTask == null ? "none" : m.OwnerTask.Name));
                if (!_fill) Assert.AreEqual("fit", _log, "an exit on a heap with room");
                bool took = false;
                Assert.IsNotNull(k.CreateTask("after", 10, delegate
                {
                    KernelStatus r = m.TryLockStatus();
                    took = r == KernelStatus.Ok || r == KernelStatus.OwnerDied;
                    if (took) m.Unlock();
                }), "after created");
                Rig.Is(KernelStatus.Ok, k.RunUntilIdle(), "run after");
                Assert.IsTrue(took, "after took the mutex: t's exit released it (on a full heap: the hook's second run, on the exit reserve)");
                k.CheckInvariants();
            }
            finally
            {
                _big = null;
                Rig.Is(KernelStatus.Ok, k.Shutdown(), "shutdown");
            }
        }
    }
}
