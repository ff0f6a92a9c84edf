using System;
using nanoFramework.TestFramework;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// A kernel on the simulated board with invariant checking on, and a log that task bodies append to
    /// (safe: exactly one task thread runs at a time). Uses only the public kernel API. Dispose shuts the
    /// kernel down (joining every task thread) and fails the test if a task body threw.
    /// </summary>
    public sealed class Rig : IDisposable
    {
        /// <summary>The simulated board.</summary>
        public readonly SimulatedBoard Board;

        /// <summary>The kernel; the test's thread is its driver (idle task).</summary>
        public readonly Scheduler K;

        private string _log = "";

        /// <summary>An STM32F429 board, 32 priority levels, no time slicing.</summary>
        public Rig() : this(BoardProfiles.Stm32, 32, 0) { }

        /// <summary>A kernel on a simulated <paramref name="profile"/> board, with room for 32 tasks.</summary>
        public Rig(BoardProfile profile, int levels, int timeSlice) : this(profile, levels, timeSlice, 32) { }

        /// <summary>A kernel on a simulated <paramref name="profile"/> board, with room for <paramref name="maxTasks"/> tasks.</summary>
        public Rig(BoardProfile profile, int levels, int timeSlice, int maxTasks)
        {
            Board = new SimulatedBoard(profile);
            KernelConfig cfg = new KernelConfig();
            cfg.PriorityLevels = levels;
            cfg.CheckInvariants = true;
            cfg.DefaultTimeSlice = timeSlice;
            cfg.MaxTasks = maxTasks;
            K = new Scheduler(cfg, Board);
        }

        /// <summary>Creates a preemptible task with the default slice; fails the test on bad arguments.</summary>
        public TaskControlBlock Task(string name, int prio, TaskBody body)
        {
            return Task(name, prio, body, TaskOptions.None, K.Config.DefaultTimeSlice);
        }

        /// <summary>Creates a task; fails the test on bad arguments.</summary>
        public TaskControlBlock Task(string name, int prio, TaskBody body, TaskOptions options, int slice)
        {
            KernelStatus err;
            TaskControlBlock t = K.CreateTask(name, prio, body, options, slice, out err);
            if (t == null) Assert.Fail("CreateTask " + name + ": " + (int)err);
            return t;
        }

        /// <summary>Appends an entry to the log (entries are separated by spaces).</summary>
        public void Log(string entry) { _log = _log.Length == 0 ? entry : _log + " " + entry; }

        /// <summary>The log so far.</summary>
        public string LogText { get { return _log; } }

        /// <summary>Asserts the whole log.</summary>
        public void AssertLog(string expected) { Assert.AreEqual(expected, _log, "log"); }

        /// <summary>Runs the tasks until none is ready.</summary>
        public void Run()
        {
            K.RunUntilIdle();
            ThrowTaskFaults();
        }

        /// <summary>Advances virtual time by <paramref name="n"/> ticks, running to quiescence after each.</summary>
        public void Ticks(int n)
        {
            Assert.AreEqual((int)KernelStatus.Ok, (int)K.AdvanceTicks(n), "AdvanceTicks");
            ThrowTaskFaults();
        }

        /// <summary>Fails the test with the first exception a task body threw.</summary>
        public void ThrowTaskFaults()
        {
            TaskControlBlock f = K.FirstFaultedTask();
            if (f != null) Assert.Fail("task " + f.Name + " threw " + f.Fault.GetType().FullName + ": " + f.Fault.Message);
        }

        /// <summary>Shuts the kernel down and reports a task fault.</summary>
        public void Dispose()
        {
            K.Shutdown();
            ThrowTaskFaults();
        }

        /// <summary>Asserts a kernel status (compared as numbers, printed with both names).</summary>
        public static void Is(KernelStatus expected, KernelStatus actual, string what)
        {
            if (expected != actual) Assert.Fail(what + ": expected " + Name(expected) + ", got " + Name(actual));
        }

        /// <summary>Name of a status: the kernel's device-side table (nanoCLR keeps no enum names).</summary>
        public static string Name(KernelStatus s)
        {
            return KernelStatusName.Of(s);
        }

        /// <summary>Asserts a task state.</summary>
        public static void Is(TaskState expected, TaskControlBlock t)
        {
            if (t.State != expected) Assert.Fail(t.Name + ": expected state " + (int)expected + ", got " + (int)t.State);
        }
    }
}
