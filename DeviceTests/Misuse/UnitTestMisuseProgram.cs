using System;
using System.Reflection;
using System.Threading;
using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// Issue 16's "done when" as one program, written against the public API only (this assembly has no
    /// friend grant: it sees what an application sees), run on nanoCLR and on .NET. A user tries every
    /// misuse of the seam between the kernel, the application's main thread and the board, in turn, on one
    /// kernel; each gets a clear status or exception within one watchdog period (the stuck task: within
    /// the documented two), and at the end the kernel still runs a task correctly. One line per misuse is
    /// printed ("MISUSE n: ...", with the milliseconds it took to get the answer).
    /// </summary>
    [TestClass]
    public class UnitTestMisuseProgram
    {
        /// <summary>The watchdog period of the program's kernel.</summary>
        public const int WatchdogMs = 500;

        private long _t0;

        private void Start() { _t0 = DateTime.UtcNow.Ticks; }

        /// <summary>Prints the line and checks the answer came within <paramref name="periods"/> watchdog periods.</summary>
        private void Done(int n, string what, int periods)
        {
            long ms = (DateTime.UtcNow.Ticks - _t0) / 10000;
            DeviceTestRunner.Print("MISUSE " + n + ": " + what + " (" + ms + " ms)");
            Assert.IsTrue(ms <= (long)periods * WatchdogMs, "misuse " + n + " answered after " + ms + " ms");
        }

        private sealed class Handler : IIrqHandler
        {
            public delegate void Body(Scheduler k, int line);
            private readonly Body _body;
            public Handler(Body body) { _body = body; }
            public void OnIrq(Scheduler kernel, int irq) { _body(kernel, irq); }
        }

        private sealed class Checker : IInvariantChecker
        {
            public bool Broken;
            public int Calls;
            public string Check() { Calls++; return Broken ? "my table is out of order" : null; }
        }

        /// <summary>Every misuse of issue 16, in turn, on one kernel; then the kernel still works.</summary>
        [TestMethod]
        public void Every_driver_and_board_misuse_gets_a_clear_answer_and_the_kernel_survives()
        {
            SimulatedBoard board = new SimulatedBoard(BoardProfiles.Stm32);
            KernelConfig cfg = new KernelConfig();
            cfg.PriorityLevels = 32;
            cfg.WatchdogMs = WatchdogMs;
            cfg.CheckInvariants = true;
            Scheduler k = new Scheduler(cfg, board);
            try
            {
                Run(k, board);
            }
            finally
            {
                k.Shutdown();
            }
        }

        private void Run(Scheduler k, SimulatedBoard board)
        {
            // 1. Driver calls made where they could never return: from an IRQ handler (on the driver thread).
            string fromIsr = "";
            k.SetIrqHandler(3, new Handler(delegate (Scheduler kk, int line)
            {
                fromIsr = KernelStatusName.Of(kk.RunUntilIdle()) + " " + KernelStatusName.Of(kk.AdvanceTicks(1)) + " "
                    + KernelStatusName.Of(kk.RunUntilTick(kk.Now + 5)) + " " + KernelStatusName.Of(kk.Shutdown());
            }));
            board.InjectAt(k.Now + 1, 3);
            Start();
            Rig.Is(KernelStatus.Ok, k.AdvanceTicks(2), "AdvanceTicks around the handler");
            Assert.AreEqual("WrongContext WrongContext WrongContext WrongContext", fromIsr, "driver calls from an IRQ handler");
            Done(1, "run calls and Shutdown from an IRQ handler: " + fromIsr, 1);
            // ... and what could leave IRQs masked or a critical section open is not public.
            Start();
            Assert.IsNull(typeof(Scheduler).GetMethod("Enter", BindingFlags.Public | BindingFlags.Instance), "Scheduler.Enter is public");
            Assert.IsNull(typeof(Scheduler).GetMethod("Leave", BindingFlags.Public | BindingFlags.Instance), "Scheduler.Leave is public");
            Assert.IsNull(typeof(Board).GetField("Irq", BindingFlags.Public | BindingFlags.Instance), "Board.Irq is public");
            Assert.IsNotNull(typeof(Scheduler).GetMethod("Enter", BindingFlags.NonPublic | BindingFlags.Instance), "Enter exists, internal");
            Assert.IsNotNull(typeof(Scheduler).GetMethod("RunUntilIdle", BindingFlags.Public | BindingFlags.Instance), "a public method is seen");
            Done(1, "Scheduler.Enter/Leave and Board.Irq are not public: no way to mask the CPU from Main", 1);

            // 2. Set-up calls from Main while CPU-bound, time-sliced tasks are ready: they return at once.
            bool stop = false;
            KernelStatus e;
            for (int i = 0; i < 2; i++)
                k.CreateTask("hog" + i, 20, delegate { while (!stop) k.Busy(1); }, TaskOptions.None, 2, out e);
            Rig.Is(KernelStatus.Ok, k.AdvanceTicks(4), "AdvanceTicks with two hogs");
            KernelEvent go = new KernelEvent(k, "go");
            int switches = k.ContextSwitches;
            Start();
            TaskControlBlock late = k.CreateTask("late", 10, delegate { go.Wait(-1); });
            Rig.Is(KernelStatus.Ok, go.Signal(), "Signal from Main");
            Rig.Is(TaskState.Ready, late);
            Assert.AreEqual(switches, k.ContextSwitches, "no task ran inside the calls");
            Done(2, "CreateTask and Signal from Main with two hogs ready: returned at once, the task is Ready", 1);
            stop = true;
            Rig.Is(KernelStatus.Ok, k.AdvanceTicks(2), "the hogs end");

            // 3. Device events: a foreign thread's Give is refused; it raises an IRQ line instead.
            CountingSemaphore sem = new CountingSemaphore(k, "sensor", 0, 10);
            k.SetIrqHandler(4, new Handler(delegate (Scheduler kk, int line) { sem.Give(); }));
            int readings = 0;
            k.CreateTask("reader", 5, delegate { while (sem.Take(-1) == KernelStatus.Ok) readings++; });
            Rig.Is(KernelStatus.Ok, k.RunUntilIdle(), "reader waits");
            KernelStatus give = KernelStatus.Ok, raise = KernelStatus.Ok;
            Start();
            Thread device = new Thread(delegate { give = sem.Give(); raise = k.RaiseIrq(4); });
            device.Start();
            device.Join();
            Rig.Is(KernelStatus.Ok, k.AdvanceTicks(1), "deliver");
            Rig.Is(KernelStatus.WrongContext, give, "Give from a foreign thread");
            Rig.Is(KernelStatus.Ok, raise, "RaiseIrq from a foreign thread");
            Assert.AreEqual(1, readings, "the reader got the event");
            Done(3, "Give from an event thread: " + KernelStatusName.Of(give) + "; RaiseIrq: Ok, the handler's Give woke the reader", 1);

            // 4. A task stuck outside the kernel (a spin): reported as stuck after two watchdog periods.
            bool release = false;
            TaskControlBlock spinner = k.CreateTask("spinner", 2, delegate { while (!release) { } k.Sleep(1); });
            Start();
            Rig.Is(KernelStatus.WatchdogExpired, k.AdvanceTicks(1), "the spin");
            Assert.IsTrue(k.WatchdogTaskStuck, "stuck");
            Assert.AreSame(spinner, k.WatchdogTask, "named");
            Done(4, "a spinning task: WatchdogExpired, " + k.WatchdogTask.Name + " stuck outside the kernel", 3);
            release = true;
            KernelStatus after = KernelStatus.WatchdogExpired;
            for (int i = 0; i < 200 && after == KernelStatus.WatchdogExpired; i++) { Thread.Sleep(10); after = k.AdvanceTicks(1); }
            Rig.Is(KernelStatus.Ok, after, "recovered once it reached a kernel call");

            // 5. Application code the kernel calls: a throwing IRQ handler and a checker that reports.
            k.SetIrqHandler(5, new Handler(delegate (Scheduler kk, int line) { throw new InvalidOperationException("sensor gone"); }));
            Start();
            Rig.Is(KernelStatus.Ok, k.RaiseIrq(5), "raise");
            Rig.Is(KernelStatus.HookFaulted, k.AdvanceTicks(1), "a throwing handler");
            Assert.AreEqual((int)HookKind.IrqHandler, (int)k.LastHookFault.Kind, "kind");
            Assert.AreEqual(5, k.LastHookFault.Line, "line");
            Done(5, "a throwing IRQ handler: HookFaulted, " + k.LastHookFault.ToString(), 1);
            k.SetIrqHandler(5, null);
            Checker checker = new Checker();
            Rig.Is(KernelStatus.Ok, k.AddInvariantChecker(checker), "add checker");
            checker.Broken = true;
            Start();
            Rig.Is(KernelStatus.Ok, go.Signal(), "a call from Main runs the checkers; the report is not thrown");
            Rig.Is(KernelStatus.HookFaulted, k.AdvanceTicks(1), "a checker that reports");
            Assert.AreEqual("my table is out of order", k.LastHookFault.Report, "report");
            Rig.Is(KernelStatus.Ok, k.AdvanceTicks(1), "reported once");
            Done(5, "a checker that reports: HookFaulted once (" + k.LastHookFault.ToString() + "), then Ok", 1);

            // 6. Errors that are ours: constructors, Peek, CreateTask, a status by name.
            Start();
            string names = Param(delegate { new MessageQueue(k, "q", int.MaxValue, 16); })
                + " " + Param(delegate { new BlockPool(board, int.MaxValue, 64); })
                + " " + Param(delegate { RtMutexSystem.Of(null); })
                + " " + Param(delegate { new SimulatedBoard(BoardProfiles.Stm32, -1); });
            Assert.AreEqual("capacity poolBytes kernel maxInjections", names, "constructor errors name the argument");
            MessageQueue q = new MessageQueue(k, "q", 2, 1);
            Assert.AreEqual("index", Param(delegate { q.Peek(0, 0); }), "Peek of an empty queue");
            Assert.AreEqual("priority", Param(delegate { k.CreateTask("bad", 99, delegate { }); }), "CreateTask priority 99");
            Assert.AreEqual("ShutDown", KernelStatusName.Of(KernelStatus.ShutDown), "status by name");
            Done(6, "bad arguments name themselves (" + names + ", index, priority); statuses print by name: "
                + KernelStatusName.Of(KernelStatus.ShutDown), 1);

            // The kernel still works: a task locks a mutex, sleeps, unlocks and ends.
            RtMutex m = new RtMutex(k, "bus");
            bool done = false;
            k.CreateTask("after", 1, delegate { m.Lock(); k.Sleep(2); m.Unlock(); done = true; });
            Rig.Is(KernelStatus.Ok, k.AdvanceTicks(3), "after");
            Assert.IsTrue(done, "the last task ran");
            Assert.IsNull(m.OwnerTask, "mutex free");
            Assert.IsNull(k.FirstFaultedTask(), "no task faulted");
            DeviceTestRunner.Print("MISUSE done: the kernel still runs tasks");
        }

        private delegate void Call();

        /// <summary>The ParamName of the ArgumentException <paramref name="call"/> throws; "none" or the exception's type otherwise.</summary>
        private static string Param(Call call)
        {
            try
            {
                call();
                return "none";
            }
            catch (ArgumentException x)
            {
                return x.ParamName;
            }
            catch (Exception x)
            {
                return x.GetType().Name;
            }
        }
    }
}
