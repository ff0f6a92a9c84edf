using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Samples.SensorBusArbiter
{
    /// <summary>
    /// One run of the sample on a board: the task set of <see cref="SensorBusTaskSet"/> as periodic kernel tasks
    /// (<c>CreatePeriodicTask</c> / <c>WaitForNextPeriod</c>, docs/spec/scheduler.md §33) sharing the bus — an
    /// <see cref="RtMutexBus"/> or, for contrast, a <see cref="PlainBus"/> — for <see cref="Cycles"/> jobs each,
    /// and what it observed: each task's run-time statistics (<c>Scheduler.ReadStatistics</c>, §34) and the
    /// control loop's own account of its waits for the bus. Prints nothing (<see cref="Program"/> does), so the
    /// host tests run it on a <see cref="SimulatedBoard"/>, where time is exact.
    /// <para>Timeline: the board runs <see cref="WarmUp"/> ticks first (on nanoCLR the first ticks come in a burst
    /// while the interpreter starts), then the three tasks are created together at tick <see cref="CreatedAt"/>:
    /// job k of task i is released at CreatedAt + Offset[i] + k·Period[i]. The driver runs until
    /// <see cref="Cycles"/> jobs of each have completed and their next release has not come yet, reads the
    /// statistics, stops the sensor and lets the sampler take its last samples, and shuts the kernel down.</para>
    /// <para>The compute of a job is <c>Busy(n)</c>: n ticks counted to the task, so in kernel ticks a job does the
    /// same work however fast the CPU is. On a real-time board a tick the host delivers late delays the task it
    /// releases and is counted to whichever task runs when it arrives; <see cref="StartLate"/> measures that
    /// lateness (the most urgent task's start after its release: nothing else can delay it).</para>
    /// </summary>
    public sealed class SensorBusRun
    {
        /// <summary>Jobs of each task per run.</summary>
        public const int Cycles = 4;

        /// <summary>Ticks the board runs before the tasks are created.</summary>
        public const int WarmUp = 1000;

        /// <summary>Priority of the sampler task (device events; least urgent, not in the analysed set).</summary>
        public const int SamplerPriority = 30;

        /// <summary>True: the bus is the rt-mutex (inherit); false: a plain lock.</summary>
        public readonly bool Inheritance;

        /// <summary>The statistics of each task at the end (index as in <see cref="SensorBusTaskSet"/>).</summary>
        public readonly TaskStatistics[] Statistics = new TaskStatistics[SensorBusTaskSet.Count];

        /// <summary>Tick at which control asked for the bus, per job.</summary>
        public readonly long[] Asked = new long[Cycles];

        /// <summary>Tick at which control got the bus, per job.</summary>
        public readonly long[] Got = new long[Cycles];

        /// <summary>Jobs in which control read its sensor.</summary>
        public int Readings;

        /// <summary>Creation tick of the periodic tasks (the base of their releases).</summary>
        public long CreatedAt;

        /// <summary>Worst lateness of a control job's start after its release, in ticks (0 on the simulated board).</summary>
        public long StartLate;

        /// <summary>Inheritance boosts the rt-mutex layer counted (0 with the plain lock).</summary>
        public int Boosts;

        /// <summary>Name of the first task whose body faulted, or "none".</summary>
        public string Fault = "none";

        /// <summary>The statistics table (<see cref="StatisticsPrinter.Table"/>) read at the end.</summary>
        public string Table;

        /// <summary>The device events of the sampler (null when the run had no sensor).</summary>
        public SensorEvents Sensor;

        private SensorBusRun(bool inheritance)
        {
            Inheritance = inheritance;
            for (int i = 0; i < Statistics.Length; i++) Statistics[i] = new TaskStatistics();
        }

        /// <summary>The bus protocol's name in the RESULT lines: "rtmutex" or "plain".</summary>
        public string LockName { get { return Inheritance ? "rtmutex" : "plain"; } }

        /// <summary>Control's wait for the bus in job <paramref name="c"/>, in ticks.</summary>
        public int Wait(int c) { return (int)(Got[c] - Asked[c]); }

        /// <summary>Longest wait of control for the bus.</summary>
        public int MaxWait
        {
            get { int m = 0; for (int c = 0; c < Readings && c < Cycles; c++) if (Wait(c) > m) m = Wait(c); return m; }
        }

        /// <summary>Shortest wait of control for the bus (0 before a reading).</summary>
        public int MinWait
        {
            get
            {
                int m = int.MaxValue;
                for (int c = 0; c < Readings && c < Cycles; c++) if (Wait(c) < m) m = Wait(c);
                return m == int.MaxValue ? 0 : m;
            }
        }

        /// <summary>The analysed worst response of task <paramref name="i"/> for this run's protocol (<see cref="SensorBusTaskSet.Unbounded"/>: none).</summary>
        public int Bound(int i) { return Inheritance ? SensorBusTaskSet.InheritWcrt[i] : SensorBusTaskSet.PlainWcrt[i]; }

        /// <summary>The analysed blocking term B of task <paramref name="i"/> for this run's protocol.</summary>
        public int BlockingTerm(int i) { return Inheritance ? SensorBusTaskSet.InheritBlocking[i] : SensorBusTaskSet.PlainBlocking[i]; }

        /// <summary>
        /// The bound on task <paramref name="i"/>'s blocking statistic: wcrt − C. The statistic is wall-clock time waiting
        /// for a less urgent holder, preemption by more urgent tasks included, so B does not bound it; a job that waits
        /// still completes within wcrt and computes C (docs/spec/timing.md §5.5).
        /// </summary>
        public int BlockingBound(int i)
        {
            int r = Bound(i);
            return r == SensorBusTaskSet.Unbounded ? SensorBusTaskSet.Unbounded : r - SensorBusTaskSet.Wcet[i];
        }

        /// <summary>
        /// Ticks counted to the three tasks beyond the work of their completed jobs: Σ CpuTicks − jobs·C. A board that
        /// delivers every tick on time counts none (Busy stops at its n-th tick); one that delivers ticks in bursts
        /// counts a whole burst to whichever task runs when it arrives, past the end of its Busy.
        /// </summary>
        public long Overshoot
        {
            get
            {
                long x = 0;
                for (int i = 0; i < SensorBusTaskSet.Count; i++)
                    x += Statistics[i].CpuTicks - (long)Statistics[i].JobsCompleted * SensorBusTaskSet.Wcet[i];
                return x;
            }
        }

        /// <summary>
        /// True when the board delivered ticks late during the run (<see cref="Overshoot"/> or <see cref="StartLate"/>
        /// above 0): then the kernel-tick schedule is not the model the bounds are for (each Busy step may run a burst
        /// longer, a release may be taken a burst later). Never on the simulated board nor on the firmware under
        /// --icount; on nanoCLR for Linux, whose host threads deliver ticks in bursts, usually.
        /// </summary>
        public bool TicksLate { get { return Overshoot > 0 || StartLate > 0; } }

        /// <summary>
        /// The verdict on task <paramref name="i"/>: "ok" when it completed every job, its worst response is within
        /// its bound and its worst blocking within <see cref="BlockingBound"/>; "unbounded" when the analysis has no
        /// bound to check; "late-ticks" when an observation is above its bound on a run whose board delivered ticks
        /// late (<see cref="TicksLate"/>: outside the model, not a failure of the analysis); "EXCEEDED" when one is
        /// above its bound although every tick came on time (a real violation); "INCOMPLETE" when jobs are missing.
        /// </summary>
        public string Verdict(int i)
        {
            TaskStatistics s = Statistics[i];
            if (s.JobsCompleted < Cycles) return "INCOMPLETE";
            if (Bound(i) == SensorBusTaskSet.Unbounded) return "unbounded";
            if (s.WorstResponse <= Bound(i) && s.WorstBlocking <= BlockingBound(i)) return "ok";
            return TicksLate ? "late-ticks" : "EXCEEDED";
        }

        /// <summary>Runs the sample once on <paramref name="board"/> (a fresh one) and returns what it observed.</summary>
        /// <param name="board">The board: a RealTimeBoard on a device, a SimulatedBoard in the host tests.</param>
        /// <param name="inheritance">True: the rt-mutex; false: the plain lock.</param>
        /// <param name="withSensor">True: the sampler and its event thread (device events) run too.</param>
        /// <param name="checkInvariants">True: the kernel's invariant checkers run after every kernel operation (tests).</param>
        /// <returns>The observations.</returns>
        public static SensorBusRun Execute(Board board, bool inheritance, bool withSensor, bool checkInvariants)
        {
            SensorBusRun r = new SensorBusRun(inheritance);
            KernelConfig cfg = new KernelConfig();
            cfg.PriorityLevels = 32;
            cfg.CheckInvariants = checkInvariants;
            Scheduler k = new Scheduler(cfg, board);
            BusLock bus = inheritance ? (BusLock)new RtMutexBus(k) : new PlainBus(k);
            if (withSensor)
            {
                r.Sensor = new SensorEvents(k, SamplerPriority);
                r.Sensor.Start();
            }
            k.RunUntilTick(WarmUp);

            r.CreatedAt = k.Now;   // the driver's calls below run no tick: the three tasks share this base
            TaskControlBlock control = k.CreatePeriodicTask(SensorBusTaskSet.Names[SensorBusTaskSet.Control],
                SensorBusTaskSet.Priority[SensorBusTaskSet.Control], delegate { r.ControlBody(k, bus); }, PeriodicOf(SensorBusTaskSet.Control));
            TaskControlBlock load = k.CreatePeriodicTask(SensorBusTaskSet.Names[SensorBusTaskSet.Load],
                SensorBusTaskSet.Priority[SensorBusTaskSet.Load], delegate { LoadBody(k); }, PeriodicOf(SensorBusTaskSet.Load));
            TaskControlBlock logger = k.CreatePeriodicTask(SensorBusTaskSet.Names[SensorBusTaskSet.Logger],
                SensorBusTaskSet.Priority[SensorBusTaskSet.Logger], delegate { LoggerBody(k, bus); }, PeriodicOf(SensorBusTaskSet.Logger));

            // Every task's Cycles jobs are released before CreatedAt + Cycles·Period (offsets < period) and complete
            // within their bounds; the last tenth of a period is a margin for ticks delivered in a burst. A host that
            // stalls the board (nanoCLR for Linux under load) can make releases skip: then the run goes on, a tenth
            // of a period at a time and at most four periods more, until every task has completed Cycles jobs.
            int period = SensorBusTaskSet.Period[0];
            k.RunUntilTick(r.CreatedAt + Cycles * period - period / 10);
            while (true)
            {
                k.ReadStatistics(control, r.Statistics[SensorBusTaskSet.Control]);
                k.ReadStatistics(load, r.Statistics[SensorBusTaskSet.Load]);
                k.ReadStatistics(logger, r.Statistics[SensorBusTaskSet.Logger]);
                bool done = true;
                for (int i = 0; i < SensorBusTaskSet.Count; i++) if (r.Statistics[i].JobsCompleted < Cycles) done = false;
                if (done || k.Now >= r.CreatedAt + (Cycles + 4) * period) break;
                k.RunUntilTick(k.Now + period / 10);
            }
            r.Table = StatisticsPrinter.Table(k);
            if (withSensor)
            {
                // The sensor stops; its last raises are delivered and received. The periodic tasks go on (their
                // figures are read above), so the least urgent sampler may wait for a job to end: up to two periods.
                r.Sensor.Stop();
                for (int waited = 0; waited < 2 * period && r.Sensor.Received < r.Sensor.Produced; waited += 10) k.RunUntilTick(k.Now + 10);
            }
            r.Boosts = inheritance ? RtMutexSystem.Of(k).Counters.Boosts : 0;
            TaskControlBlock faulted = k.FirstFaultedTask();
            if (faulted != null) r.Fault = faulted.Name;
            k.Shutdown();
            return r;
        }

        private static PeriodicOptions PeriodicOf(int i)
        {
            PeriodicOptions p = new PeriodicOptions();
            p.Period = SensorBusTaskSet.Period[i];
            p.Offset = SensorBusTaskSet.Offset[i];
            return p;   // deadline = period, overrun = skip: as in the task-set file
        }

        // A job ends where the next WaitForNextPeriod begins; the kernel keeps its response and blocking.
        private static bool NextJob(Scheduler k)
        {
            KernelStatus st = k.WaitForNextPeriod();
            return st == KernelStatus.Ok || st == KernelStatus.DeadlineMissed;   // a miss is counted by the kernel; anything else ends the task
        }

        private void ControlBody(Scheduler k, BusLock bus)
        {
            TaskStatistics mine = new TaskStatistics();   // read at every job start: no allocation per job
            for (int c = 0; NextJob(k); c++)
            {
                k.ReadStatistics(k.Current, mine);
                long late = k.Now - mine.JobRelease;      // nothing is more urgent than control: only the board delays its start
                if (late > StartLate) StartLate = late;
                long asked = k.Now;
                bus.Lock();
                long got = k.Now;
                k.Busy(SensorBusTaskSet.ControlBusRead);   // read the sensor over the bus
                bus.Unlock();
                k.Busy(SensorBusTaskSet.ControlLaw);       // compute the control law
                if (c < Cycles) { Asked[c] = asked; Got[c] = got; }
                Readings = c + 1;
            }
        }

        private static void LoadBody(Scheduler k)
        {
            while (NextJob(k)) k.Busy(SensorBusTaskSet.LoadCompute);   // signal processing, unrelated to the bus
        }

        private static void LoggerBody(Scheduler k, BusLock bus)
        {
            while (NextJob(k))
            {
                bus.Lock();
                k.Busy(SensorBusTaskSet.LoggerCriticalSection);   // write one log record to the SD card over the bus
                bus.Unlock();
                k.Busy(SensorBusTaskSet.LoggerBookkeeping);       // update the log's index
            }
        }
    }
}
