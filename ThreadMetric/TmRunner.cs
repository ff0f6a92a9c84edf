using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.ThreadMetric
{
    /// <summary>
    /// Runs Thread-Metric tests: a fresh real-time board and kernel per test (the suite's tm_initialize),
    /// the test's initialization from the driver before dispatching starts, then the driver runs the
    /// kernel for <c>Periods × PeriodMs</c> of kernel time and lets the reporting thread finish its last
    /// report. The kernel: 32 priority levels (Thread-Metric uses 1..31), no time slicing, invariant
    /// checks, trace and watchdog off (the steady-state configuration; the basic test makes no context
    /// switch for a whole period, which the watchdog would take for a hang).
    /// </summary>
    public static class TmRunner
    {
        /// <summary>The tests' names (<see cref="TmTest.Name"/>), in the suite's order: index i is <see cref="Create"/>(i).</summary>
        public static readonly string[] TestNames =
        {
            "basic", "cooperative", "preemptive", "interrupt", "interrupt-preemption", "message", "synchronization", "memory",
        };

        /// <summary>
        /// A new instance of test number <paramref name="index"/> (0 .. 7, the suite's order), or null. One at a
        /// time: on a 104 KiB heap a run of all eight creates each just before it runs and drops it after
        /// (the basic test alone holds an 8 KiB array; a finished test still references its kernel).
        /// </summary>
        public static TmTest Create(int index)
        {
            switch (index)
            {
                case 0: return new TmBasicProcessing();
                case 1: return new TmCooperativeScheduling();
                case 2: return new TmPreemptiveScheduling();
                case 3: return new TmInterruptProcessing();
                case 4: return new TmInterruptPreemptionProcessing();
                case 5: return new TmMessageProcessing();
                case 6: return new TmSynchronizationProcessing();
                case 7: return new TmMemoryAllocation();
                default: return null;
            }
        }

        /// <summary>The eight tests, in the suite's order (eight new instances).</summary>
        public static TmTest[] AllTests()
        {
            TmTest[] all = new TmTest[TestNames.Length];
            for (int i = 0; i < all.Length; i++) all[i] = Create(i);
            return all;
        }

        /// <summary>The test named <paramref name="name"/> (see <see cref="TmTest.Name"/>), a new instance; null if unknown.</summary>
        public static TmTest Find(string name)
        {
            for (int i = 0; i < TestNames.Length; i++) if (TestNames[i] == name) return Create(i);
            return null;
        }

        /// <summary>The names of the tests, comma-separated (for usage messages).</summary>
        public static string Names()
        {
            string s = "";
            for (int i = 0; i < TestNames.Length; i++) s += (i == 0 ? "" : ", ") + TestNames[i];
            return s;
        }

        /// <summary>
        /// Runs <paramref name="test"/> (a fresh instance) and returns what it measured. Prints the
        /// reporting thread's lines on <paramref name="output"/>, then one summary line
        /// (<see cref="SummaryLine"/>).
        /// </summary>
        public static TmResult Run(TmTest test, TmSettings settings, ITmOutput output)
        {
            if (test == null || settings == null || output == null) throw new System.ArgumentException("test, settings and output are required");
            if (settings.PeriodMs < 1 || settings.Periods < 1) throw new System.ArgumentException("PeriodMs and Periods must be at least 1");
            var board = new RealTimeBoard(settings.Profile != null ? settings.Profile : BoardProfiles.Stm32);
            if (settings.Gates != null) board.UseGates(settings.Gates);
            var config = new KernelConfig { PriorityLevels = 32, MaxTasks = TmPort.MaxThreads, TraceCapacity = 16, WatchdogMs = 0, CheckInvariants = false };
            var kernel = new Scheduler(config, board);
            var port = new TmPort(kernel);
            TmResult result = test.Setup(port, settings, output);
            long ticks = (long)port.TicksOf(settings.PeriodMs) * settings.Periods;
            KernelStatus st = kernel.RunUntilTick(kernel.Now + ticks);
            // The target tick halts whichever thread runs. The reporting thread's last wake-up is due at the
            // target, or a few ticks after it when ticks were processed before it first ran (a loaded host):
            // run on tick by tick until it has reported (bounded by another run's length), then let it finish:
            // it suspends the test threads and ends, and the kernel is idle.
            long limit = kernel.Now + ticks;
            while (st == KernelStatus.Ok && result.PeriodsDone < settings.Periods && kernel.Now < limit) st = kernel.RunUntilTick(kernel.Now + 1);
            if (st == KernelStatus.Ok) st = kernel.RunUntilIdle();
            result.Status = st;
            TaskControlBlock f = kernel.FirstFaultedTask();
            if (f != null)
            {
                result.Status = KernelStatus.TaskFaulted;
                result.Fault = f.Name + ": " + f.Fault;
            }
            result.ContextSwitches = kernel.ContextSwitches;
            kernel.Shutdown();
            output.Print(SummaryLine(result, settings));
            return result;
        }

        /// <summary>
        /// "RESULT name: N per second (mean of periods a-b), errors E, allocated B bytes in periods a-b,
        /// gate G, status S": the line scripts and tests read.
        /// </summary>
        public static string SummaryLine(TmResult r, TmSettings settings)
        {
            int from = r.SteadyFrom + 1, to = r.PeriodsDone;
            string periods = from == to ? "period " + from : "periods " + from + "-" + to;
            long alloc = r.SteadyAllocated();
            return "RESULT " + r.Name + ": " + TmTest.Round(r.SteadyPerSecond()) + " per second (" + periods + " of "
                   + TmTest.Decimal(settings.PeriodMs, 1000) + " s), errors " + r.Errors + ", "
                   + (alloc < 0 ? "allocation not measured" : "allocated " + alloc + " bytes in " + periods)
                   + ", gate " + settings.GateName + ", status " + StatusName(r.Status)
                   + (r.Fault != null ? ", fault " + r.Fault : "");
        }

        private static string StatusName(KernelStatus s)
        {
            switch (s)
            {
                case KernelStatus.Ok: return "Ok";
                case KernelStatus.TaskFaulted: return "TaskFaulted";
                case KernelStatus.WatchdogExpired: return "WatchdogExpired";
                default: return ((int)s).ToString();
            }
        }
    }
}
