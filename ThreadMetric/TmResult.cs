using NfRt.Kernel;

namespace NfRt.ThreadMetric
{
    /// <summary>What one run of one test measured: per period, the suite's "Time Period Total", the wall time and the allocation.</summary>
    public sealed class TmResult
    {
        /// <summary>The test's name (basic, cooperative, ...).</summary>
        public readonly string Name;

        /// <summary>Per period: the Time Period Total (the suite's score).</summary>
        public readonly long[] Totals;

        /// <summary>Per period: wall-clock length in 100 ns ticks (DateTime), from the reporter's sleep to its wake-up.</summary>
        public readonly long[] WallTicks;

        /// <summary>Per period: bytes allocated by the whole process during the period (-1: unknown).</summary>
        public readonly long[] Allocated;

        /// <summary>Periods reported so far.</summary>
        public int PeriodsDone;

        /// <summary>ERROR lines printed (balance checks, a dead thread).</summary>
        public int Errors;

        /// <summary>What the driver's calls returned (Ok, or the first other status); TaskFaulted names a task in <see cref="Fault"/>.</summary>
        public KernelStatus Status = KernelStatus.Ok;

        /// <summary>The task that threw, if any: "name: exception".</summary>
        public string Fault;

        /// <summary>Context switches the kernel made during the run.</summary>
        public int ContextSwitches;

        internal TmResult(string name, int periods)
        {
            Name = name;
            Totals = new long[periods];
            WallTicks = new long[periods];
            Allocated = new long[periods];
        }

        /// <summary>Operations per second in period <paramref name="i"/> (Total over its wall time).</summary>
        public double PerSecond(int i)
        {
            return WallTicks[i] <= 0 ? 0 : Totals[i] * 10000000.0 / WallTicks[i];
        }

        /// <summary>First period of the steady state: the second one when there are several (the first includes warm-up).</summary>
        public int SteadyFrom { get { return PeriodsDone > 1 ? 1 : 0; } }

        /// <summary>Mean operations per second over the steady-state periods (total over total wall time).</summary>
        public double SteadyPerSecond()
        {
            long total = 0, wall = 0;
            for (int i = SteadyFrom; i < PeriodsDone; i++) { total += Totals[i]; wall += WallTicks[i]; }
            return wall <= 0 ? 0 : total * 10000000.0 / wall;
        }

        /// <summary>Bytes allocated in the steady-state periods (-1: unknown).</summary>
        public long SteadyAllocated()
        {
            long sum = 0;
            for (int i = SteadyFrom; i < PeriodsDone; i++)
            {
                if (Allocated[i] < 0) return -1;
                sum += Allocated[i];
            }
            return sum;
        }

        /// <summary>True when every period was reported with a positive total, no ERROR line and no fault.</summary>
        public bool Passed
        {
            get
            {
                if (Errors != 0 || Status != KernelStatus.Ok || PeriodsDone != Totals.Length) return false;
                for (int i = 0; i < PeriodsDone; i++) if (Totals[i] <= 0) return false;
                return true;
            }
        }
    }
}
