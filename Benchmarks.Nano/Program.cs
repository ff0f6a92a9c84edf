using System.Diagnostics;
using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.NanoBench
{
    /// <summary>
    /// Micro-benchmarks on the interpreter. Every figure is ns per operation, the minimum over
    /// <see cref="Runs"/> runs of <see cref="N"/> operations, minus the empty loop's cost per iteration.
    /// Lines: <c>BENCH name ns</c>, then <c>RATIO a/b value</c>, then <c>NANOBENCH DONE</c>.
    /// The rt-mutex loops run inside a kernel task (only a task may lock), like on a board.
    /// </summary>
    public static class Program
    {
        private const int N = 20000;
        private const int Runs = 5;
        private static readonly object Gate = new object();
        private static int _word;
        private static double _emptyLoop;

        /// <summary>Runs every benchmark and prints the results.</summary>
        public static void Main()
        {
            _emptyLoop = Measure(Loop.Empty, 1, 0);
            Print("empty_loop_iteration", _emptyLoop);
            double call = Measure(Loop.Calls, 2, _emptyLoop);
            Print("static_call", call);
            double cas = Measure(Loop.CasPair, 1, _emptyLoop);
            Print("interlocked_cas_pair", cas);
            double monitor = Measure(Loop.MonitorPair, 1, _emptyLoop);
            Print("monitor_enter_exit_pair", monitor);
            Print("thread_current_read", Measure(Loop.ThreadCurrent, 1, _emptyLoop));
            Print("field_load", Measure(Loop.FieldLoad, 1, _emptyLoop));
            Print("datetime_utcnow_read", Measure(Loop.ClockRead, 1, _emptyLoop));

            double hwLock, hwTry, m0Lock, yieldSwitch;
            InKernel(BoardProfiles.Esp32, out hwLock, out hwTry, out yieldSwitch);
            Print("rtmutex_lock_unlock_pair_hwcas", hwLock);
            Print("rtmutex_trylock_unlock_pair_hwcas", hwTry);
            double dummy;
            InKernel(BoardProfiles.Stm32M0, out m0Lock, out dummy, out dummy);
            Print("rtmutex_lock_unlock_pair_maskedcas", m0Lock);
            Print("kernel_yield_switch", yieldSwitch);
            double bare = BarePingPong();
            Print("bare_autoresetevent_handoff", bare);

            Ratio("rtmutex_lock_unlock/monitor", hwLock / monitor);
            Ratio("rtmutex_trylock_unlock/monitor", hwTry / monitor);
            Ratio("rtmutex_lock_unlock/cas_pair", hwLock / cas);
            Ratio("kernel_switch/bare_handoff", yieldSwitch / bare);

            // Run-time statistics (docs/spec/scheduler.md §34): on a board with a finer clock every switch also
            // reads it; the same ping-pong on a real-time board whose tick source is not started shows that cost.
            double rtSwitch, readStats;
            Statistics(out rtSwitch, out readStats);
            Print("kernel_yield_switch_realtime_board", rtSwitch);
            Print("read_statistics", readStats);
            Ratio("switch_realtime_board/switch_simulated_board", rtSwitch / yieldSwitch);
            Debug.WriteLine("NANOBENCH DONE");
        }

        private enum Loop { Empty, Calls, CasPair, MonitorPair, ThreadCurrent, FieldLoad, ClockRead }

        private static double Measure(Loop kind, int opsPerIteration, double overhead)
        {
            double best = double.MaxValue;
            for (int r = 0; r < Runs; r++)
            {
                long t0 = Clock.Ticks();
                switch (kind)
                {
                    case Loop.Empty: for (int i = 0; i < N; i++) { } break;
                    case Loop.Calls: for (int i = 0; i < N; i++) { Nothing(); Nothing(); } break;
                    case Loop.CasPair:
                        for (int i = 0; i < N; i++) { Interlocked.CompareExchange(ref _word, 1, 0); Interlocked.CompareExchange(ref _word, 0, 1); }
                        break;
                    case Loop.ThreadCurrent:
                        for (int i = 0; i < N; i++) { if (Thread.CurrentThread == null) _word++; }
                        break;
                    case Loop.FieldLoad:
                        for (int i = 0; i < N; i++) { if (_word == 12345) _word++; }
                        break;
                    case Loop.ClockRead:
                        for (int i = 0; i < N; i++) { if (System.DateTime.UtcNow.Ticks == 12345) _word++; }
                        break;
                    default:
                        object g = Gate;
                        for (int i = 0; i < N; i++) { Monitor.Enter(g); Monitor.Exit(g); }
                        break;
                }
                double ns = (Clock.Ticks() - t0) * 100.0 / N;
                if (ns < best) best = ns;
            }
            return (best - overhead) / opsPerIteration;
        }

        private static void Nothing() { }

        /// <summary>Runs the rt-mutex loops and a two-task Yield ping-pong inside a kernel on <paramref name="profile"/>.</summary>
        private static void InKernel(BoardProfile profile, out double lockPair, out double tryPair, out double yieldSwitch)
        {
            var board = new SimulatedBoard(profile);
            var k = new Scheduler(new KernelConfig { PriorityLevels = 32, MaxTasks = 8, WatchdogMs = 0 }, board);
            var m = new RtMutex(k, "m");
            double lp = 0, tp = 0;
            int failures = 0;
            k.CreateTask("bench", 5, delegate
            {
                double bestLock = double.MaxValue, bestTry = double.MaxValue;
                for (int r = 0; r < Runs; r++)
                {
                    long t0 = Clock.Ticks();
                    for (int i = 0; i < N; i++)
                    {
                        if (m.Lock() != KernelStatus.Ok) failures++;
                        if (m.Unlock() != KernelStatus.Ok) failures++;
                    }
                    double ns = (Clock.Ticks() - t0) * 100.0 / N;
                    if (ns < bestLock) bestLock = ns;
                    t0 = Clock.Ticks();
                    for (int i = 0; i < N; i++)
                    {
                        if (!m.TryLock()) failures++;
                        if (m.Unlock() != KernelStatus.Ok) failures++;
                    }
                    ns = (Clock.Ticks() - t0) * 100.0 / N;
                    if (ns < bestTry) bestTry = ns;
                }
                lp = bestLock - _emptyLoop;
                tp = bestTry - _emptyLoop;
            });
            k.RunUntilIdle();
            if (failures != 0) Debug.WriteLine("FAILED rt-mutex loop: " + failures);

            // Two equal-priority tasks alternate on Yield: every call is one full context switch.
            const int switches = 2000;
            long start = 0, end = 0;
            var go = new KernelEvent(k, "go");
            for (int t = 0; t < 2; t++)
                k.CreateTask("y" + t, 10, delegate
                {
                    go.Wait(-1);
                    if (start == 0) start = Clock.Ticks();
                    for (int i = 0; i < switches / 2; i++) k.Yield();
                    end = Clock.Ticks();
                });
            k.RunUntilIdle();
            go.Signal();        // both ready before either runs: signals from the driver never dispatch (scheduler.md §35)
            go.Signal();
            k.RunUntilIdle();
            yieldSwitch = (end - start) * 100.0 / switches;
            lockPair = lp;
            tryPair = tp;
            k.Shutdown();
        }

        /// <summary>
        /// The Yield ping-pong of <see cref="InKernel"/> on a real-time board (its tick source is not started, so only the
        /// switch path differs: the statistics' clock read per switch), and ReadStatistics from the driver, ns each.
        /// </summary>
        private static void Statistics(out double yieldSwitch, out double read)
        {
            var k = new Scheduler(new KernelConfig { PriorityLevels = 32, MaxTasks = 8, WatchdogMs = 0 }, new RealTimeBoard(BoardProfiles.Esp32));
            const int switches = 2000;
            long start = 0, end = 0;
            var go = new KernelEvent(k, "go");
            for (int t = 0; t < 2; t++)
                k.CreateTask("y" + t, 10, delegate
                {
                    go.Wait(-1);
                    if (start == 0) start = Clock.Ticks();
                    for (int i = 0; i < switches / 2; i++) k.Yield();
                    end = Clock.Ticks();
                });
            k.RunUntilIdle();
            go.Signal();        // from the driver: both ready, neither runs before RunUntilIdle
            go.Signal();
            k.RunUntilIdle();
            yieldSwitch = (end - start) * 100.0 / switches;
            var stats = new TaskStatistics();
            TaskControlBlock task = k.TaskById(1);
            double best = double.MaxValue;
            for (int r = 0; r < Runs; r++)
            {
                long t0 = Clock.Ticks();
                for (int i = 0; i < N; i++) k.ReadStatistics(task, stats);
                double ns = (Clock.Ticks() - t0) * 100.0 / N;
                if (ns < best) best = ns;
            }
            read = best - _emptyLoop;
            k.Shutdown();
        }

        /// <summary>Two plain threads hand a token back and forth through two AutoResetEvents (no kernel).</summary>
        private static double BarePingPong()
        {
            const int rounds = 1000;
            var ping = new AutoResetEvent(false);
            var pong = new AutoResetEvent(false);
            var partner = new Thread(delegate
            {
                for (int i = 0; i < rounds; i++) { ping.WaitOne(); pong.Set(); }
            });
            partner.Start();
            long t0 = Clock.Ticks();
            for (int i = 0; i < rounds; i++) { ping.Set(); pong.WaitOne(); }
            long t1 = Clock.Ticks();
            partner.Join();
            return (t1 - t0) * 100.0 / (2 * rounds);
        }

        private static void Print(string name, double ns) { Debug.WriteLine("BENCH " + name + " " + Round(ns)); }

        private static void Ratio(string name, double value) { Debug.WriteLine("RATIO " + name + " " + Round(value * 100) / 100.0); }

        private static double Round(double x) { return (long)(x + 0.5); }
    }
}
