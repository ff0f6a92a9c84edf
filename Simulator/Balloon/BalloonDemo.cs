using NfRt.Boards;
using NfRt.Harness;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;

namespace NfRt.Simulator.Balloon;

/// <summary>
/// The balloon demo: spec scenario 8 — the situation of the seed's Xen patch — on the simulated
/// STM32F429 board, scaled to its pool (256 blocks of 128 bytes, all taken: pool free 0).
/// Partition A shrinks 80 → 32 but its tasks free only 16 blocks per period; partition B grows
/// 32 → 80. B's first grow gets nothing (the old driver would have recorded a hard limit there
/// and stopped); instead B keeps every partial grant and retries each period: 48, 64, 80.
/// Conservation is checked on every tick.
/// </summary>
public static class BalloonDemo
{
    public const string DefaultSvgPath = "out/balloon/balloon.svg";

    /// <summary>Retry periods the <c>balloon</c> command runs.</summary>
    public const int Periods = 6;

    /// <summary>Blocks of partition A at the start and its target; of B likewise; blocks A's tasks free per period.</summary>
    public const int AStart = 80, ATarget = 32, BStart = 32, BTarget = 80, FreedPerPeriod = 16;

    /// <summary>The <c>balloon</c> command (<see cref="Commands.Balloon(TextWriter, TextWriter, string)"/>) with everything written to <paramref name="output"/>.</summary>
    public static int Execute(TextWriter output, string svgPath) => Commands.Balloon(output, output, svgPath);

    /// <summary>Runs the scenario for <paramref name="periods"/> retry periods and records everything.</summary>
    public static BalloonDemoResult Run(int periods) => Run(periods, null);

    /// <summary>As the public <c>Run</c>, with test-only <paramref name="hooks"/> in the kernel (or none).</summary>
    internal static BalloonDemoResult Run(int periods, KernelTestHooks hooks)
    {
        var profile = BoardProfiles.Stm32;
        // The shared harness's kernel (32 levels: not the rt-tester profile; its Dispose is not used: it
        // throws on a task fault, and the demo checks every driver call's result itself, Shutdown
        // included: a problem ends the run with a KernelRunException, which the command prints).
        var sim = new SimKernel(levels: 32, profile: profile, maxTasks: 16 + (hooks != null ? KernelTestHooks.ExtraTasks : 0),
            checkInvariants: true, recordTrace: false, watchdogMs: hooks?.WatchdogMs ?? -1);
        var board = sim.Board;
        var k = sim.K;
        var rows = new List<BalloonPeriodRow>();
        var samples = new List<BalloonSample>();
        string error = null;
        int ticksChecked = 0, convergedAt = -1;
        var driver = new CheckedDriver(k, null);
        return driver.Run(() =>
        {
            var pool = BoardPool.For(board);
            var a = new Partition(pool, "A", AStart, AStart / 2, 0, AStart);
            var b = new Partition(pool, "B", BTarget, BTarget / 2, 0, BStart);
            int host = pool.FreeCount;
            for (int i = 0; i < host; i++)
                if (pool.Allocate(out _) != MemoryStatus.Ok) throw new InvalidOperationException("host allocation failed");
            var sa = new BalloonService(k, a, new BalloonConfig());
            var sb = new BalloonService(k, b, new BalloonConfig());
            int period = sa.RetryPeriod;

            // A's tasks use every block A holds, and give back only 16 per period (half-way through it).
            var held = new Stack<int>();
            k.CreateTask("A-app", 5, () =>
            {
                for (int i = 0; i < AStart; i++) { a.Allocate(out int blk); held.Push(blk); }
                k.Sleep(period / 2);
                while (held.Count > 0)
                {
                    for (int i = 0; i < FreedPerPeriod && held.Count > 0; i++) a.Free(held.Pop());
                    k.Sleep(period);
                }
            });
            driver.RunUntilIdle();

            sa.SetTarget(ATarget);
            sb.SetTarget(BTarget);
            driver.RunUntilIdle();
            hooks?.AddTasks?.Invoke(k);

            var ca = new BalloonCounters();
            var cb = new BalloonCounters();
            void Sample()
            {
                var last = samples.Count > 0 ? samples[^1] : null;
                var s = new BalloonSample(k.Now, sa.Current, sa.Target, sb.Current, sb.Target);
                if (last == null || last with { Tick = s.Tick } != s) samples.Add(s);
            }
            void Check()
            {
                ticksChecked++;
                if (error != null) return;
                error = pool.CheckConservation();
                int total = pool.FreeCount + a.Current + b.Current + pool.InFlight + pool.DirectAllocated;
                if (error == null && total != pool.BlockCount) error = "total " + total + " != " + pool.BlockCount + " at tick " + k.Now;
            }
            void Row(int p)
            {
                sa.ReadCounters(ca);
                sb.ReadCounters(cb);
                int total = pool.FreeCount + ca.Current + cb.Current + pool.InFlight + pool.DirectAllocated;
                rows.Add(new BalloonPeriodRow(p, k.Now, ca.Current, ca.EffectiveTarget, ca.FreeBlocks, cb.Current, cb.EffectiveTarget,
                    pool.FreeCount, pool.InFlight, pool.DirectAllocated, total, cb.GrowRequests, cb.GrantedBlocks, ca.RetryDueTick, cb.RetryDueTick));
                if (convergedAt < 0 && ca.Current == ca.EffectiveTarget && cb.Current == cb.EffectiveTarget) convergedAt = p;
            }

            Check();
            Sample();
            Row(0);
            for (int p = 1; p <= periods; p++)
            {
                for (int t = 0; t < period; t++)
                {
                    driver.AdvanceTicks(1);
                    Check();
                    Sample();
                }
                Row(p);
            }
            return new BalloonDemoResult
            {
                Board = profile, PoolBlocks = pool.BlockCount, BlockSize = pool.BlockSize, RetryPeriod = period,
                HostBlocks = host, FreedPerPeriod = FreedPerPeriod, Rows = rows, Samples = samples,
                TicksChecked = ticksChecked, ConservationError = error, ConvergedAtPeriod = convergedAt,
            };
        });
    }
}
