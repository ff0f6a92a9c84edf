using nanoFramework.TestFramework;
using NfRt.Kernel;
using NfRt.Sync;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// A periodic task for the device tests: job j calls WaitForNextPeriod, records its start tick and the
    /// status that call returned, optionally locks an rt-mutex, burns <c>compute</c> ticks (job
    /// <c>longJob</c>: <c>longCompute</c>) and unlocks. Starts and reports are space-separated strings
    /// (nano: no generic lists).
    /// </summary>
    public sealed class PeriodicTask
    {
        /// <summary>The task.</summary>
        public readonly TaskControlBlock Tcb;

        /// <summary>Start ticks of the jobs, "0 4 8".</summary>
        public string Starts = "";

        /// <summary>Statuses returned at the start of jobs 1.. (how the job before ended), "Ok DeadlineMissed".</summary>
        public string Reports = "";

        private readonly Rig _r;

        /// <summary>Creates the task; fails the test if the kernel refuses.</summary>
        public PeriodicTask(Rig r, string name, int prio, PeriodicOptions options, int compute, int longJob, int longCompute, RtMutex lockEachJob)
        {
            _r = r;
            KernelStatus err;
            Tcb = r.K.CreatePeriodicTask(name, prio, delegate
            {
                for (int job = 0; ; job++)
                {
                    KernelStatus st = r.K.WaitForNextPeriod();
                    Starts = Starts.Length == 0 ? r.K.Now.ToString() : Starts + " " + r.K.Now;
                    if (job > 0) Reports = Reports.Length == 0 ? Rig.Name(st) : Reports + " " + Rig.Name(st);
                    if (lockEachJob != null) Rig.Is(KernelStatus.Ok, lockEachJob.Lock(), name + " lock");
                    Rig.Is(KernelStatus.Ok, r.K.Busy(job == longJob ? longCompute : compute), name + " busy");
                    if (lockEachJob != null) Rig.Is(KernelStatus.Ok, lockEachJob.Unlock(), name + " unlock");
                }
            }, options, TaskOptions.None, 0, out err);
            if (Tcb == null) Assert.Fail("CreatePeriodicTask " + name + ": " + Rig.Name(err));
        }

        /// <summary>A task with period, compute and nothing else.</summary>
        public PeriodicTask(Rig r, string name, int prio, int period, int compute) : this(r, name, prio, Options(period, 0, OverrunPolicy.Skip), compute, -1, 0, null) { }

        /// <summary>Options with period, deadline (0 = period) and policy.</summary>
        public static PeriodicOptions Options(int period, int deadline, OverrunPolicy overrun)
        {
            PeriodicOptions o = new PeriodicOptions();
            o.Period = period;
            o.Deadline = deadline;
            o.Overrun = overrun;
            return o;
        }

        /// <summary>The kernel's statistics of this task.</summary>
        public TaskStatistics Stats()
        {
            TaskStatistics s = new TaskStatistics();
            Rig.Is(KernelStatus.Ok, _r.K.ReadStatistics(Tcb, s), "ReadStatistics");
            return s;
        }
    }
}
