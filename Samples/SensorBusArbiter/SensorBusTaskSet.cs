namespace NfRt.Samples.SensorBusArbiter
{
    /// <summary>
    /// The sample's task set as constants the device code runs, and the response-time analysis of it.
    /// <para><b>Approach: hand-written constants, checked by a host test.</b> The task set is declared in
    /// <c>sensor-bus.taskset.json</c> (bus under <c>inherit</c>: the rt-mutex run) and
    /// <c>sensor-bus-plain.taskset.json</c> (the same set, bus <c>plain</c>: the contrast run), in the format of
    /// docs/spec/timing.md §4. The device cannot read JSON nor run the host analysis, so the parameters and the
    /// analysed bounds are repeated here. <c>UnitTests/Timing/UnitTestSampleTaskSet.cs</c> reads both files with
    /// <c>TaskSetReader</c> and fails unless (a) the set built from these constants, with the bodies
    /// <see cref="Program"/> runs, is the set each file declares, and (b) <c>ResponseTimeAnalysis.Analyze</c> of
    /// each file gives exactly the bounds below. So the file, the device code and the bounds cannot drift apart.</para>
    /// <para>Bodies (what <see cref="SensorBusRun"/> does in one job, in ticks of CPU burnt with <c>Busy</c>):
    /// control = lock bus { <see cref="ControlBusRead"/> } then <see cref="ControlLaw"/>;
    /// load = <see cref="LoadCompute"/>; logger = lock bus { <see cref="LoggerCriticalSection"/> } then
    /// <see cref="LoggerBookkeeping"/>. Every body ends with a compute step: on a real-time board a job completes
    /// when its task calls <c>WaitForNextPeriod</c> (docs/spec/scheduler.md §33), so a job ending with an unlock
    /// would be seen complete only after the more urgent tasks that unlock lets in have run, while the model
    /// (docs/spec/timing.md §4.4) completes it at its last compute tick; ending with compute makes both agree.
    /// The sampler task is not in the set: it is released by device events, not periodically, it is the least
    /// urgent task and locks nothing, so it cannot delay the three tasks analysed (docs/spec/timing.md §5.2, §5.4).</para>
    /// Arrays are indexed by task, in file order: <see cref="Control"/>, <see cref="Load"/>, <see cref="Logger"/>.
    /// A bound of <see cref="Unbounded"/> is the analysis's null: no bound exists.
    /// </summary>
    public static class SensorBusTaskSet
    {
        /// <summary>The set's name in sensor-bus.taskset.json.</summary>
        public const string Name = "sensor-bus-arbiter";

        /// <summary>The plain-lock variant's name in sensor-bus-plain.taskset.json.</summary>
        public const string PlainName = "sensor-bus-arbiter-plain";

        /// <summary>The one resource: the sensor bus (the rt-mutex's name too).</summary>
        public const string Bus = "i2c-bus";

        /// <summary>Index of the control loop (most urgent).</summary>
        public const int Control = 0;

        /// <summary>Index of the load (medium urgency, no bus).</summary>
        public const int Load = 1;

        /// <summary>Index of the logger (least urgent periodic task, holds the bus long).</summary>
        public const int Logger = 2;

        /// <summary>Number of periodic tasks.</summary>
        public const int Count = 3;

        /// <summary>"No bound" (the analysis's null).</summary>
        public const int Unbounded = -1;

        /// <summary>Task names, as in the files.</summary>
        public static readonly string[] Names = { "control", "load", "logger" };

        /// <summary>Kernel priorities (lower = more urgent).</summary>
        public static readonly int[] Priority = { 5, 10, 20 };

        /// <summary>Periods in ticks; the deadline of each is its period.</summary>
        public static readonly int[] Period = { 1000, 1000, 1000 };

        /// <summary>First release, in ticks after the tasks' creation.</summary>
        public static readonly int[] Offset = { 100, 150, 0 };

        /// <summary>Control: ticks of CPU reading its sensor while it holds the bus.</summary>
        public const int ControlBusRead = 5;

        /// <summary>Control: ticks of CPU computing the control law after it released the bus.</summary>
        public const int ControlLaw = 20;

        /// <summary>Load: ticks of CPU of signal processing (no bus).</summary>
        public const int LoadCompute = 400;

        /// <summary>Logger: ticks of CPU writing a record while it holds the bus.</summary>
        public const int LoggerCriticalSection = 300;

        /// <summary>Logger: ticks of CPU updating its index after it released the bus.</summary>
        public const int LoggerBookkeeping = 10;

        /// <summary>Each task's compute per job (C): the sum of its body's compute steps.</summary>
        public static readonly int[] Wcet = { ControlBusRead + ControlLaw, LoadCompute, LoggerCriticalSection + LoggerBookkeeping };

        /// <summary>Analysed worst response (wcrt) per task, bus under priority inheritance (the rt-mutex).</summary>
        public static readonly int[] InheritWcrt = { 325, 725, 735 };

        /// <summary>Analysed blocking term (B) per task, bus under priority inheritance.</summary>
        public static readonly int[] InheritBlocking = { 300, 300, 0 };

        /// <summary>Analysed worst response per task, bus a plain lock (control: unbounded, the load can run in between).</summary>
        public static readonly int[] PlainWcrt = { Unbounded, 725, 735 };

        /// <summary>Analysed blocking term per task, bus a plain lock.</summary>
        public static readonly int[] PlainBlocking = { Unbounded, 300, 0 };
    }
}
