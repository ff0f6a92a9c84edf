using System.Diagnostics;
using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.NanoBench
{
    /// <summary>
    /// Micro-benchmarks on nanoCLR: the kernel's calls against the runtime's own primitives. Every figure is
    /// ns per operation (a pair of calls, a switch or a hand-off), the minimum over <see cref="Runs"/> runs of
    /// <see cref="N"/> operations, minus the empty loop's cost per iteration. On the STM32F405 firmware under
    /// QEMU with <c>--icount</c> an emulated ns is one instruction, so the figures repeat exactly
    /// (tools/nanobench-firmware.sh). Lines: <c>BENCH name ns</c>, <c>RATIO a/b value</c>, then
    /// <c>NANOBENCH DONE</c> (or <c>FAILED ...</c> lines before it). The kernel loops run inside kernel tasks
    /// (only a task may lock) on the simulated board: no tick thread runs meanwhile.
    /// </summary>
    public static class Program
    {
        private const int N = 20000;
        private const int Runs = 3;
        private static readonly object Gate = new object();
        private static int _word;
        private static double _emptyLoop;
        private static int _failures;

        /// <summary>Runs every benchmark and prints the results.</summary>
        public static void Main()
        {
            // The phase: sleep with nothing else runnable, so the runtime idles and wakes on a SysTick edge; from there the
            // run does not depend on the moment the host's ping released the firmware (QEMU --icount's one wall-clock input).
            Thread.Sleep(2);
            _emptyLoop = Measure(Loop.Empty, 1, 0);
            Print("empty_loop_iteration", _emptyLoop);
            Print("static_call", Measure(Loop.Calls, 2, _emptyLoop));
            double cas = Measure(Loop.CasPair, 1, _emptyLoop);
            Print("interlocked_cas_pair", cas);
            double monitor = Measure(Loop.MonitorPair, 1, _emptyLoop);
            Print("monitor_enter_exit_pair", monitor);
            Print("thread_current_read", Measure(Loop.ThreadCurrent, 1, _emptyLoop));
            Print("field_load", Measure(Loop.FieldLoad, 1, _emptyLoop));
            double bare = BarePingPong();
            Print("bare_autoresetevent_handoff", bare);
            var floors = new Floors();
            double floorCas = Best(floors, 0), floorChecked = Best(floors, 1), floorCall = Best(floors, 2), monitorOp = Best(floors, 3);
            Print("floor_call_cas_pair", floorCas);
            Print("floor_call_threadcheck_cas_pair", floorChecked);
            Print("floor_kernel_call_pair", floorCall);
            Print("plain_monitor_op_pair", monitorOp);
            double plainQueue = Best(floors, 4), plainPool = Best(floors, 5);
            Print("plain_monitor_queue_pair", plainQueue);
            Print("plain_monitor_pool_pair", plainPool);
            double[] tm = TmFloors.Measure(N, Runs);
            for (int i = 0; i < tm.Length; i++) { if (tm[i] < 0) _failures++; tm[i] -= _emptyLoop; }
            Print("tm_floor_sync_pair", tm[0]);
            Print("tm_floor_message_pair", tm[1]);
            Print("tm_floor_memory_pair", tm[2]);
            Print("tm_plain_sync_pair", tm[3]);
            Print("tm_plain_message_pair", tm[4]);
            Print("tm_plain_memory_pair", tm[5]);
            double[] qc = QueueCosts.Measure(N, Runs);   // one Send's parts (QueueCosts.cs): each figure less the base
            for (int i = 0; i < qc.Length; i++) if (qc[i] < 0) _failures++;
            Print("send_cost_base", qc[0] - _emptyLoop);
            for (int i = 1; i < qc.Length; i++) Print("send_cost_" + QueueCosts.Names[i], qc[i] - qc[0]);
            double[] pc = PoolCosts.Measure(N, Runs);   // one Allocate+Free pair's parts (PoolCosts.cs): each figure less the base
            for (int i = 0; i < pc.Length; i++) if (pc[i] < 0) _failures++;
            Print("pool_cost_base", pc[0] - _emptyLoop);
            for (int i = 1; i < pc.Length; i++) Print("pool_cost_" + PoolCosts.Names[i], pc[i] - pc[0]);
            double baton = floors.BatonHandoff(1000);
            Print("floor_baton_handoff", baton);
            double[] sc = SwitchCosts.Measure(1000, Runs);   // a Yield switch's parts (SwitchCosts.cs): each variant adds one step
            for (int i = 0; i < sc.Length; i++) { if (sc[i] < 0) _failures++; Print("switch_cost_" + SwitchCosts.Names[i], sc[i]); }

            var hw = new KernelBench(BoardProfiles.Stm32);
            Print("rtmutex_lock_unlock_pair", hw.LockPair);
            Print("rtmutex_trylock_unlock_pair", hw.TryPair);
            Print("semaphore_give_take_pair", hw.SemaphorePair);
            Print("queue_send_receive_pair", hw.QueuePair);
            Print("flags_set_wait_pair", hw.FlagsPair);
            Print("pool_allocate_free_pair", hw.PoolPair);
            Print("tm_kernel_sync_pair", hw.PortSyncPair);
            Print("tm_kernel_message_pair", hw.PortMessagePair);
            Print("tm_kernel_memory_pair", hw.PortMemoryPair);
            Print("kernel_yield_switch", hw.Switch);
            Print("rtmutex_contended_handoff", hw.Handoff);
            _failures += hw.Failures;
            var m0 = new KernelBench(BoardProfiles.Stm32M0);
            Print("rtmutex_lock_unlock_pair_maskedcas", m0.LockPair);
            _failures += m0.Failures;

            Ratio("rtmutex_lock_unlock/monitor", hw.LockPair / monitor);
            Ratio("rtmutex_trylock_unlock/monitor", hw.TryPair / monitor);
            Ratio("rtmutex_lock_unlock/cas_pair", hw.LockPair / cas);
            Ratio("semaphore_give_take/monitor", hw.SemaphorePair / monitor);
            Ratio("queue_send_receive/monitor", hw.QueuePair / monitor);
            Ratio("flags_set_wait/monitor", hw.FlagsPair / monitor);
            Ratio("floor_call_cas/monitor", floorCas / monitor);
            Ratio("floor_call_threadcheck_cas/monitor", floorChecked / monitor);
            Ratio("floor_kernel_call_pair/plain_monitor_op_pair", floorCall / monitorOp);
            Ratio("semaphore_give_take/plain_monitor_op_pair", hw.SemaphorePair / monitorOp);
            Ratio("queue_send_receive/plain_monitor_queue_pair", hw.QueuePair / plainQueue);
            Ratio("pool_allocate_free/plain_monitor_pool_pair", hw.PoolPair / plainPool);
            Ratio("tm_kernel_sync/tm_plain_sync", hw.PortSyncPair / tm[3]);
            Ratio("tm_kernel_message/tm_plain_message", hw.PortMessagePair / tm[4]);
            Ratio("tm_kernel_memory/tm_plain_memory", hw.PortMemoryPair / tm[5]);
            Ratio("tm_floor_sync/tm_plain_sync", tm[0] / tm[3]);
            Ratio("tm_floor_message/tm_plain_message", tm[1] / tm[4]);
            Ratio("tm_floor_memory/tm_plain_memory", tm[2] / tm[5]);
            Ratio("kernel_switch/bare_handoff", hw.Switch / bare);
            Ratio("floor_baton_handoff/bare_handoff", baton / bare);
            Ratio("kernel_switch/floor_baton_handoff", hw.Switch / baton);
            Ratio("rtmutex_handoff/bare_handoff", hw.Handoff / bare);
            if (_failures != 0) Debug.WriteLine("FAILED " + _failures + " kernel calls did not return Ok");
            Debug.WriteLine("NANOBENCH DONE");
        }

        private enum Loop { Empty, Calls, CasPair, MonitorPair, ThreadCurrent, FieldLoad }

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

        /// <summary>Two plain threads hand a token back and forth through two AutoResetEvents (no kernel): ns per hand-off.</summary>
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

        /// <summary>The minimum of <see cref="Runs"/> timings of <paramref name="ops"/> operations, in ns per operation, less the empty loop.</summary>
        internal static double Best(long[] ticks, int ops)
        {
            long best = long.MaxValue;
            for (int i = 0; i < ticks.Length; i++) if (ticks[i] < best) best = ticks[i];
            return best * 100.0 / ops - _emptyLoop;
        }

        internal const int Iterations = N;
        internal const int RunCount = Runs;

        private static void Print(string name, double ns) { Debug.WriteLine("BENCH " + name + " " + Round(ns)); }

        private static void Ratio(string name, double value)
        {
            long h = (long)(value * 100 + 0.5);
            string frac = (h % 100 + 100).ToString().Substring(1);   // two digits, leading zero kept
            Debug.WriteLine("RATIO " + name + " " + h / 100 + "." + frac);
        }

        /// <summary>The best of <see cref="Runs"/> runs of floor <paramref name="which"/> (see <see cref="Floors"/>), less the empty loop.</summary>
        private static double Best(Floors f, int which)
        {
            double best = double.MaxValue;
            for (int r = 0; r < Runs; r++)
            {
                double ns = which == 0 ? f.CasPair(N) : which == 1 ? f.CheckedCasPair(N) : which == 2 ? f.KernelCallPair(N)
                    : which == 3 ? f.MonitorOpPair(N) : which == 4 ? f.QueueOpPair(N) : f.PoolOpPair(N);
                if (ns < 0) _failures++;
                if (ns < best) best = ns;
            }
            return best - _emptyLoop;
        }

        private static double Round(double x) { return (long)(x + 0.5); }
    }
}
