using System.Diagnostics;
using NfRt.Boards;

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
            Debug.WriteLine(SensorBusReport.Title(BoardProfiles.Esp32));
            Debug.Write(SensorBusReport.Text(SensorBusRun.Execute(new RealTimeBoard(BoardProfiles.Esp32), true, true, false)));
            Debug.Write(SensorBusReport.Text(SensorBusRun.Execute(new RealTimeBoard(BoardProfiles.Esp32), false, true, false)));
            Debug.WriteLine("SAMPLE DONE");
        }
    }
}
