using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Samples.SensorBusArbiter
{
    /// <summary>
    /// The sample's output as text (lines ending in "\n"), built from a <see cref="SensorBusRun"/>: per run the control
    /// loop's waits, the kernel's statistics table, then per task a RESULT line — analysed bound, observed worst
    /// response and blocking from the run-time statistics, verdict — and one RESULT line for the run:
    /// <code>
    /// RESULT task=control lock=rtmutex jobs=4 misses=0 bound=325 observed=225 blocking_term=300 blocking_bound=300 blocking=200 verdict=ok
    /// RESULT lock=rtmutex readings=4 max_wait=200 min_wait=200 cs=300 load=400 boosts=4 fault=none overshoot=0 start_late=0 samples=98 received=98 refused=0
    /// </code>
    /// "none" is "no bound" (the analysis's null). bound = wcrt, blocking_term = B, blocking_bound = wcrt − C (what bounds
    /// the blocking statistic, docs/spec/timing.md §5.5); overshoot and start_late are <see cref="SensorBusRun.Overshoot"/>
    /// and <see cref="SensorBusRun.StartLate"/>; the samples fields are there when the sensor ran. CI checks these lines
    /// (Samples/SensorBusArbiter/check-results.sh, UnitTests/Packaging/SampleResults.cs). Builds strings: call it after a run.
    /// </summary>
    public static class SensorBusReport
    {
        /// <summary>The first line of the sample's output.</summary>
        /// <param name="profile">The board's profile.</param>
        /// <returns>The line, without a line end.</returns>
        public static string Title(BoardProfile profile)
        {
            return "SensorBusArbiter on " + profile.Name + " (" + profile.TickRateHz + " Hz tick): task set "
                + SensorBusTaskSet.Name + " (sensor-bus.taskset.json), " + SensorBusRun.Cycles + " jobs of each task, period "
                + SensorBusTaskSet.Period[0] + " ticks, logger critical section " + SensorBusTaskSet.LoggerCriticalSection
                + " ticks, load " + SensorBusTaskSet.LoadCompute + " ticks";
        }

        /// <summary>The text of one run.</summary>
        /// <param name="r">The run.</param>
        /// <returns>Its lines, each ending in "\n".</returns>
        public static string Text(SensorBusRun r)
        {
            string name = r.LockName;
            string o = "";
            o += Line((r.Inheritance ? "with priority inheritance (RtMutex):   " : "without inheritance (plain lock):       ")
                + "control waited max " + r.MaxWait + " ticks, min " + r.MinWait + " ticks over " + r.Readings + " readings, boosts " + r.Boosts);
            for (int c = 0; c < r.Readings && c < SensorBusRun.Cycles; c++)
                o += Line("  " + name + " cycle " + c + ": control asked for the bus at tick " + r.Asked[c] + ", got it at " + r.Got[c]);
            o += r.Table;
            if (r.TicksLate)
                o += Line("  this board delivered ticks late (" + r.Overshoot + " ticks counted beyond the jobs' work, control started up to "
                    + r.StartLate + " ticks after its release): the bounds assume ticks on time; an observation above its bound is marked late-ticks");
            if (!r.Inheritance)
                o += Line("  (a plain lock has no owner the kernel knows: its blocking statistic cannot see this inversion; control's own measure above does)");
            for (int i = 0; i < SensorBusTaskSet.Count; i++)
            {
                TaskStatistics s = r.Statistics[i];
                o += Line("RESULT task=" + SensorBusTaskSet.Names[i] + " lock=" + name + " jobs=" + s.JobsCompleted
                    + " misses=" + s.DeadlinesMissed + " bound=" + Number(r.Bound(i)) + " observed=" + s.WorstResponse
                    + " blocking_term=" + Number(r.BlockingTerm(i)) + " blocking_bound=" + Number(r.BlockingBound(i))
                    + " blocking=" + s.WorstBlocking + " verdict=" + r.Verdict(i));
            }
            SensorEvents e = r.Sensor;
            o += Line("RESULT lock=" + name + " readings=" + r.Readings + " max_wait=" + r.MaxWait + " min_wait=" + r.MinWait
                + " cs=" + SensorBusTaskSet.LoggerCriticalSection + " load=" + SensorBusTaskSet.LoadCompute + " boosts=" + r.Boosts
                + " fault=" + r.Fault + " overshoot=" + r.Overshoot + " start_late=" + r.StartLate
                + (e == null ? "" : " samples=" + e.Produced + " received=" + e.Received + " refused=" + e.Refused));
            if (e != null)
                o += Line("  device events: the sensor thread raised IRQ line " + SensorEvents.Line + " for " + e.Produced
                    + " samples, the handler ran " + e.HandlerRuns + " times, the sampler task received " + e.Received
                    + " (last value " + e.LastValue + ")");
            return o;
        }

        private static string Line(string s) { return s + "\n"; }

        private static string Number(int v) { return v == SensorBusTaskSet.Unbounded ? "none" : v.ToString(); }
    }
}
