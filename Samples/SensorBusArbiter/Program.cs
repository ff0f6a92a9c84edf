using System.Diagnostics;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Samples.SensorBusArbiter
{
    /// <summary>
    /// A sensor-bus arbiter on an ESP32-profile <see cref="RealTimeBoard"/> (1 kHz tick, real time):
    /// <list type="bullet">
    /// <item>logger (priority 20): at the start of every 100-tick cycle takes the bus and writes a record for
    /// <see cref="CriticalSection"/> ticks of CPU;</item>
    /// <item>load (priority 10): at cycle tick 5 computes for <see cref="Load"/> ticks;</item>
    /// <item>control (priority 5): at cycle tick 3 needs the bus to read its sensor, and measures how long it waited.</item>
    /// <item>sampler (priority 30): receives a second sensor's samples, which arrive as device events: a thread of
    /// their own stands for the sensor's data-ready interrupt and raises IRQ line 1 (<see cref="SensorEvents"/>).</item>
    /// </list>
    /// The run is made twice: with the rt-mutex (the logger inherits the control loop's priority, so the load
    /// cannot get in: the wait is bounded by the logger's critical section) and, for contrast, with a plain lock
    /// (the load preempts the logger while control waits: wait ≈ critical section + load). Output lines starting
    /// with RESULT are checked by CI; the last line is SAMPLE DONE.
    /// </summary>
    public static class Program
    {
        /// <summary>Ticks per cycle.</summary>
        public const int Period = 1000;
        /// <summary>CPU ticks the logger holds the bus.</summary>
        public const int CriticalSection = 300;
        /// <summary>CPU ticks of medium-priority load per cycle.</summary>
        public const int Load = 400;
        /// <summary>Cycle tick at which the control loop needs the bus (the logger holds it then).</summary>
        public const int ControlAt = 100;
        /// <summary>Cycle tick at which the load starts.</summary>
        public const int LoadAt = 150;
        /// <summary>Cycles per run.</summary>
        public const int Cycles = 4;

        /// <summary>Runs both variants and prints the waits.</summary>
        public static void Main()
        {
            Debug.WriteLine("SensorBusArbiter on " + BoardProfiles.Esp32.Name + " (" + BoardProfiles.Esp32.TickRateHz + " Hz tick): "
                + Cycles + " cycles of " + Period + " ticks, logger critical section " + CriticalSection + " ticks, load " + Load + " ticks");
            Run(true);
            Run(false);
            Debug.WriteLine("SAMPLE DONE");
        }

        private static void Run(bool inheritance)
        {
            RealTimeBoard board = new RealTimeBoard(BoardProfiles.Esp32);
            KernelConfig cfg = new KernelConfig();
            cfg.PriorityLevels = 32;
            Scheduler k = new Scheduler(cfg, board);
            BusLock bus = inheritance ? (BusLock)new RtMutexBus(k) : new PlainBus(k);
            SensorEvents sensor = new SensorEvents(k, 30);
            Stats waits = new Stats();
            long start = 0;
            int readings = 0;

            k.CreateTask("logger", 20, delegate
            {
                for (int c = 0; c < Cycles; c++)
                {
                    SleepUntil(k, start + c * Period);
                    bus.Lock();
                    k.Busy(CriticalSection);          // write one log record to the SD card over the bus
                    bus.Unlock();
                }
            });
            k.CreateTask("load", 10, delegate
            {
                for (int c = 0; c < Cycles; c++)
                {
                    SleepUntil(k, start + c * Period + LoadAt);
                    k.Busy(Load);                     // signal processing, unrelated to the bus
                }
            });
            k.CreateTask("control", 5, delegate
            {
                for (int c = 0; c < Cycles; c++)
                {
                    SleepUntil(k, start + c * Period + ControlAt);
                    long asked = k.Now;
                    bus.Lock();
                    waits.Add((int)(k.Now - asked));
                    Debug.WriteLine("  " + (inheritance ? "rtmutex" : "plain") + " cycle " + c + ": control asked for the bus at tick " + asked + ", got it at " + k.Now);
                    readings++;                       // read the sensor
                    bus.Unlock();
                }
            });
            start = Period;   // tasks created before the driver runs start at kernel tick 0; the first cycle begins at 100
            sensor.Start();
            k.RunUntilTick(start + Cycles * Period + Period);
            sensor.Stop();
            k.RunUntilTick(k.Now + 20);   // the last raise is delivered and received
            int boosts = inheritance ? RtMutexSystem.Of(k).Counters.Boosts : 0;
            TaskControlBlock faulted = k.FirstFaultedTask();
            k.Shutdown();
            string name = inheritance ? "rtmutex" : "plain";
            Debug.WriteLine((inheritance ? "with priority inheritance (RtMutex):   " : "without inheritance (plain lock):       ")
                + "control waited max " + waits.Max + " ticks, mean " + waits.Mean + " ticks over " + waits.Count + " readings, boosts " + boosts);
            Debug.WriteLine("RESULT lock=" + name + " readings=" + readings + " max_wait=" + waits.Max + " min_wait=" + waits.Min
                + " cs=" + CriticalSection + " load=" + Load + " boosts=" + boosts + " fault=" + (faulted == null ? "none" : faulted.Name)
                + " samples=" + sensor.Produced + " received=" + sensor.Received + " refused=" + sensor.Refused);
            Debug.WriteLine("  device events: the sensor thread raised IRQ line " + SensorEvents.Line + " for " + sensor.Produced
                + " samples, the handler ran " + sensor.HandlerRuns + " times, the sampler task received " + sensor.Received
                + " (last value " + sensor.LastValue + ")");
        }

        private static void SleepUntil(Scheduler k, long tick)
        {
            long d = tick - k.Now;
            if (d > 0) k.Sleep((int)d);
        }

        private sealed class Stats
        {
            public int Count, Max, Min = int.MaxValue;
            private long _sum;
            public void Add(int v) { Count++; _sum += v; if (v > Max) Max = v; if (v < Min) Min = v; }
            public int Mean { get { return Count == 0 ? 0 : (int)(_sum / Count); } }
        }
    }
}
