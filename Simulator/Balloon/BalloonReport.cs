namespace NfRt.Simulator.Balloon;

/// <summary>
/// Text renderings of the balloon demo: the header and footer sentences and the table, one row per
/// retry period (plain text; the CLI draws the same rows as a Spectre table on a terminal).
/// Deterministic: a pure function of the result.
/// </summary>
public static class BalloonReport
{
    public static readonly string[] Columns =
        { "period", "tick", "A cur/tgt", "A free", "B cur/tgt", "pool free", "in flight", "host", "total", "B grows", "B granted", "A retry", "B retry" };

    public static string Header(BalloonDemoResult r) =>
        $"Board {r.Board.Name}: pool {r.PoolBlocks} blocks x {r.BlockSize} B, retry period 1 s ({r.RetryPeriod} ticks), MaxBatch 32.\n" +
        $"A shrinks {BalloonDemo.AStart} -> {BalloonDemo.ATarget} blocks but its tasks free only {r.FreedPerPeriod} per period; " +
        $"B grows {BalloonDemo.BStart} -> {BalloonDemo.BTarget}; the host holds {r.HostBlocks}; pool free 0.";

    public static string Footer(BalloonDemoResult r) =>
        (r.Converged ? $"Both partitions reached their targets at period {r.ConvergedAtPeriod}; " : "NOT converged; ") +
        (r.Conserved ? $"blocks conserved at every one of {r.TicksChecked} checked ticks.\n" : "CONSERVATION BROKEN: " + r.ConservationError + "\n") +
        $"B kept every partial grant ({r.Last.BGranted} blocks in {r.Last.BGrowCalls} grow calls). The pre-patch driver would have " +
        $"recorded a hard limit of {BalloonDemo.BStart} at tick 0 (a zero grant) and never retried: B stuck at {BalloonDemo.BStart}.";

    /// <summary>A retry due tick, or "-" when none is due.</summary>
    public static string Due(long due) => due < 0 ? "-" : due.ToString();

    /// <summary>Header, table and footer as plain text (redirected output: identical from run to run).</summary>
    public static void WritePlain(TextWriter o, BalloonDemoResult r)
    {
        o.WriteLine(Header(r));
        o.WriteLine();
        o.WriteLine($"{"period",6} {"tick",6} {"A cur/tgt",10} {"A free",7} {"B cur/tgt",10} {"pool free",10} {"in flight",10} {"host",5} {"total",6} {"B grows",8} {"B granted",10} {"A retry",8} {"B retry",8}");
        foreach (var x in r.Rows)
            o.WriteLine($"{x.Period,6} {x.Tick,6} {x.ACurrent + "/" + x.ATarget,10} {x.AFree,7} {x.BCurrent + "/" + x.BTarget,10} {x.PoolFree,10} {x.InFlight,10} {x.Host,5} {x.Total,6} {x.BGrowCalls,8} {x.BGranted,10} {Due(x.ARetryDue),8} {Due(x.BRetryDue),8}");
        o.WriteLine();
        o.WriteLine(Footer(r));
    }

    /// <summary>The table's rows as Spectre markup (<see cref="Columns"/>): current/target green when reached, yellow otherwise.</summary>
    public static IEnumerable<string[]> MarkupRows(BalloonDemoResult r)
    {
        static string Cell(int cur, int tgt) => cur == tgt ? $"[green]{cur}/{tgt}[/]" : $"[yellow]{cur}/{tgt}[/]";
        foreach (var x in r.Rows)
            yield return new[]
            {
                x.Period.ToString(), x.Tick.ToString(), Cell(x.ACurrent, x.ATarget), x.AFree.ToString(), Cell(x.BCurrent, x.BTarget),
                x.PoolFree.ToString(), x.InFlight.ToString(), x.Host.ToString(), x.Total.ToString(), x.BGrowCalls.ToString(), x.BGranted.ToString(),
                Due(x.ARetryDue), Due(x.BRetryDue),
            };
    }
}
