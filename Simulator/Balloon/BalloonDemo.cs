using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using Spectre.Console;

namespace NfRt.Simulator.Balloon;

/// <summary>One line of the demo table: the state at the end of a retry period.</summary>
public sealed record BalloonPeriodRow(
    int Period, long Tick,
    int ACurrent, int ATarget, int AFree,
    int BCurrent, int BTarget,
    int PoolFree, int InFlight, int Host, int Total,
    int BGrowCalls, int BGranted, long ARetryDue, long BRetryDue);

/// <summary>Current and target of both partitions at one tick (recorded whenever one of them changes).</summary>
public sealed record BalloonSample(long Tick, int ACurrent, int ATarget, int BCurrent, int BTarget);

/// <summary>What one run of the demo produced.</summary>
public sealed class BalloonDemoResult
{
    public required BoardProfile Board { get; init; }
    public required int PoolBlocks { get; init; }
    public required int BlockSize { get; init; }
    public required int RetryPeriod { get; init; }
    public required int HostBlocks { get; init; }
    public required int FreedPerPeriod { get; init; }
    public required List<BalloonPeriodRow> Rows { get; init; }
    public required List<BalloonSample> Samples { get; init; }
    /// <summary>Ticks at which conservation was checked (every tick of the run).</summary>
    public required int TicksChecked { get; init; }
    /// <summary>Null when blocks were conserved at every tick, else the first violation.</summary>
    public required string ConservationError { get; init; }
    /// <summary>First period at which both partitions held their targets, or -1.</summary>
    public required int ConvergedAtPeriod { get; init; }
    public BalloonPeriodRow Last => Rows[^1];
    public bool Converged => Last.ACurrent == Last.ATarget && Last.BCurrent == Last.BTarget && ConvergedAtPeriod >= 0;
    public bool Conserved => ConservationError == null;
}

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

    private const int AStart = 80, ATarget = 32, BStart = 32, BTarget = 80, FreedPerPeriod = 16;

    /// <summary>Runs the demo, prints the table, writes the SVG; exit code 0 when both converged, nothing was lost and the plot was written.</summary>
    public static int Execute(TextWriter output, string svgPath) => Execute(output, output, svgPath);

    /// <summary>As <see cref="Execute(TextWriter, string)"/>, a failure to write the plot reported on <paramref name="error"/>.</summary>
    public static int Execute(TextWriter output, TextWriter error, string svgPath)
    {
        var result = Run(periods: 6);
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected) PrintRich(result);
        else PrintPlain(output, result);
        bool written = Commands.WriteOutput(output, error, svgPath, "SVG plot", w => w.Write(BalloonSvg.Render(result)),
            "SVG plot of Current and Target per partition: " + Path.GetFullPath(svgPath));
        return result.Converged && result.Conserved && written ? 0 : 1;
    }

    /// <summary>Runs the scenario for <paramref name="periods"/> retry periods and records everything.</summary>
    public static BalloonDemoResult Run(int periods)
    {
        var profile = BoardProfiles.Stm32;
        var board = new SimulatedBoard(profile);
        var k = new Scheduler(new KernelConfig { PriorityLevels = 32, MaxTasks = 16, CheckInvariants = true }, board);
        var rows = new List<BalloonPeriodRow>();
        var samples = new List<BalloonSample>();
        string error = null;
        int ticksChecked = 0, convergedAt = -1;
        try
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
            k.RunUntilIdle();

            sa.SetTarget(ATarget);
            sb.SetTarget(BTarget);
            k.RunUntilIdle();

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
                    k.AdvanceTicks(1);
                    Check();
                    Sample();
                }
                Row(p);
            }
            var faulted = k.FirstFaultedTask();
            if (faulted != null && error == null) error = "task " + faulted.Name + " faulted: " + faulted.Fault.Message;
            return new BalloonDemoResult
            {
                Board = profile, PoolBlocks = pool.BlockCount, BlockSize = pool.BlockSize, RetryPeriod = period,
                HostBlocks = host, FreedPerPeriod = FreedPerPeriod, Rows = rows, Samples = samples,
                TicksChecked = ticksChecked, ConservationError = error, ConvergedAtPeriod = convergedAt,
            };
        }
        finally
        {
            k.Shutdown();
        }
    }

    private static string Header(BalloonDemoResult r) =>
        $"Board {r.Board.Name}: pool {r.PoolBlocks} blocks x {r.BlockSize} B, retry period 1 s ({r.RetryPeriod} ticks), MaxBatch 32.\n" +
        $"A shrinks {AStart} -> {ATarget} blocks but its tasks free only {r.FreedPerPeriod} per period; B grows {BStart} -> {BTarget}; " +
        $"the host holds {r.HostBlocks}; pool free 0.";

    private static string Footer(BalloonDemoResult r) =>
        (r.Converged ? $"Both partitions reached their targets at period {r.ConvergedAtPeriod}; " : "NOT converged; ") +
        (r.Conserved ? $"blocks conserved at every one of {r.TicksChecked} checked ticks.\n" : "CONSERVATION BROKEN: " + r.ConservationError + "\n") +
        $"B kept every partial grant ({r.Last.BGranted} blocks in {r.Last.BGrowCalls} grow calls). The pre-patch driver would have " +
        $"recorded a hard limit of {BStart} at tick 0 (a zero grant) and never retried: B stuck at {BStart}.";

    private static string Due(long due) => due < 0 ? "-" : due.ToString();

    private static void PrintPlain(TextWriter o, BalloonDemoResult r)
    {
        o.WriteLine(Header(r));
        o.WriteLine();
        o.WriteLine($"{"period",6} {"tick",6} {"A cur/tgt",10} {"A free",7} {"B cur/tgt",10} {"pool free",10} {"in flight",10} {"host",5} {"total",6} {"B grows",8} {"B granted",10} {"A retry",8} {"B retry",8}");
        foreach (var x in r.Rows)
            o.WriteLine($"{x.Period,6} {x.Tick,6} {x.ACurrent + "/" + x.ATarget,10} {x.AFree,7} {x.BCurrent + "/" + x.BTarget,10} {x.PoolFree,10} {x.InFlight,10} {x.Host,5} {x.Total,6} {x.BGrowCalls,8} {x.BGranted,10} {Due(x.ARetryDue),8} {Due(x.BRetryDue),8}");
        o.WriteLine();
        o.WriteLine(Footer(r));
    }

    private static void PrintRich(BalloonDemoResult r)
    {
        AnsiConsole.MarkupLine("[bold]Memory balloon[/]: two partitions under transient pool pressure");
        AnsiConsole.WriteLine(Header(r));
        var t = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { "period", "tick", "A cur/tgt", "A free", "B cur/tgt", "pool free", "in flight", "host", "total", "B grows", "B granted", "A retry", "B retry" })
            t.AddColumn(new TableColumn(c).RightAligned());
        foreach (var x in r.Rows)
        {
            string Cell(int cur, int tgt) => cur == tgt ? $"[green]{cur}/{tgt}[/]" : $"[yellow]{cur}/{tgt}[/]";
            t.AddRow(x.Period.ToString(), x.Tick.ToString(), Cell(x.ACurrent, x.ATarget), x.AFree.ToString(), Cell(x.BCurrent, x.BTarget),
                x.PoolFree.ToString(), x.InFlight.ToString(), x.Host.ToString(), x.Total.ToString(), x.BGrowCalls.ToString(), x.BGranted.ToString(),
                Due(x.ARetryDue), Due(x.BRetryDue));
        }
        AnsiConsole.Write(t);
        AnsiConsole.WriteLine(Footer(r));
    }
}
