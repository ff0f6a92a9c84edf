using System.Diagnostics;
using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Samples.SensorBusArbiter
{
    /// <summary>
    /// A sensor-bus arbiter on an ESP32-profile <see cref="RealTimeBoard"/> (1 kHz tick, real time). Its task set is
    /// declared in <c>sensor-bus.taskset.json</c> (docs/spec/timing.md §4) and carried as constants, with the
    /// analysed bounds, in <see cref="SensorBusTaskSet"/>; each task is a periodic kernel task (period 1000 ticks):
    /// <list type="bullet">
    /// <item>logger (priority 20), released at cycle tick 0: takes the bus and writes a record, 300 ticks of CPU, then
    /// updates its index without the bus, 10 ticks;</item>
    /// <item>load (priority 10), released at cycle tick 150: computes for 400 ticks (no bus);</item>
    /// <item>control (priority 5), released at cycle tick 100: needs the bus to read its sensor (5 ticks), then
    /// computes the control law (20 ticks); it measures how long it waited for the bus;</item>
    /// <item>sampler (priority 30): receives a second sensor's samples, which arrive as device events: a thread of
    /// their own stands for the sensor's data-ready interrupt and raises IRQ line 1 (<see cref="SensorEvents"/>).</item>
    /// </list>
    /// The run is made twice: with the rt-mutex (the logger inherits the control loop's priority, so the load
    /// cannot get in: the wait is bounded by the logger's critical section) and, for contrast, with a plain lock
    /// (the load preempts the logger while control waits: wait ≈ critical section + load; the analysis finds no
    /// bound for control). Each run prints the kernel's run-time statistics table, then per task a RESULT line
    /// with the analysed bound and the observed worst response and blocking, and a verdict; then one RESULT
    /// line for the run. CI checks the RESULT lines; the last line is SAMPLE DONE.
    /// </summary>
    public static class Program
    {
        /// <summary>Runs both variants and prints bounds and observations.</summary>
        public static void Main()
        {
            Debug.WriteLine("SensorBusArbiter on " + BoardProfiles.Esp32.Name + " (" + BoardProfiles.Esp32.TickRateHz + " Hz tick): task set "
                + SensorBusTaskSet.Name + " (sensor-bus.taskset.json), " + SensorBusRun.Cycles + " jobs of each task, period "
                + SensorBusTaskSet.Period[0] + " ticks, logger critical section " + SensorBusTaskSet.LoggerCriticalSection
                + " ticks, load " + SensorBusTaskSet.LoadCompute + " ticks");
            Print(SensorBusRun.Execute(new RealTimeBoard(BoardProfiles.Esp32), true, true, false));
            Print(SensorBusRun.Execute(new RealTimeBoard(BoardProfiles.Esp32), false, true, false));
            Debug.WriteLine("SAMPLE DONE");
        }

        private static void Print(SensorBusRun r)
        {
            string name = r.LockName;
            Debug.WriteLine((r.Inheritance ? "with priority inheritance (RtMutex):   " : "without inheritance (plain lock):       ")
                + "control waited max " + r.MaxWait + " ticks, min " + r.MinWait + " ticks over " + r.Readings + " readings, boosts " + r.Boosts);
            for (int c = 0; c < r.Readings && c < SensorBusRun.Cycles; c++)
                Debug.WriteLine("  " + name + " cycle " + c + ": control asked for the bus at tick " + r.Asked[c] + ", got it at " + r.Got[c]);
            Debug.Write(r.Table);
            if (r.TicksLate)
                Debug.WriteLine("  this board delivered ticks late (" + r.Overshoot + " ticks counted beyond the jobs' work, control started up to "
                    + r.StartLate + " ticks after its release): the bounds assume ticks on time; an observation above its bound is marked late-ticks");
            if (!r.Inheritance)
                Debug.WriteLine("  (a plain lock has no owner the kernel knows: its blocking statistic cannot see this inversion; control's own measure above does)");
            for (int i = 0; i < SensorBusTaskSet.Count; i++)
            {
                TaskStatistics s = r.Statistics[i];
                Debug.WriteLine("RESULT task=" + SensorBusTaskSet.Names[i] + " lock=" + name + " jobs=" + s.JobsCompleted
                    + " misses=" + s.DeadlinesMissed + " bound=" + Number(r.Bound(i)) + " observed=" + s.WorstResponse
                    + " blocking_term=" + Number(r.BlockingTerm(i)) + " blocking_bound=" + Number(r.BlockingBound(i))
                    + " blocking=" + s.WorstBlocking + " verdict=" + r.Verdict(i));
            }
            SensorEvents e = r.Sensor;
            Debug.WriteLine("RESULT lock=" + name + " readings=" + r.Readings + " max_wait=" + r.MaxWait + " min_wait=" + r.MinWait
                + " cs=" + SensorBusTaskSet.LoggerCriticalSection + " load=" + SensorBusTaskSet.LoadCompute + " boosts=" + r.Boosts
                + " fault=" + r.Fault + " overshoot=" + r.Overshoot + " start_late=" + r.StartLate
                + " samples=" + e.Produced + " received=" + e.Received + " refused=" + e.Refused);
            Debug.WriteLine("  device events: the sensor thread raised IRQ line " + SensorEvents.Line + " for " + e.Produced
                + " samples, the handler ran " + e.HandlerRuns + " times, the sampler task received " + e.Received
                + " (last value " + e.LastValue + ")");
        }

        private static string Number(int v) { return v == SensorBusTaskSet.Unbounded ? "none" : v.ToString(); }
    }
}
