using NfRt.Simulator.Balloon;
using Spectre.Console;

namespace NfRt.Simulator;

/// <summary>
/// <c>balloon [--svg OUT.svg]</c>: two partitions converging under transient pool pressure. Prints the
/// table, one row per retry period (a Spectre table on a terminal, plain text otherwise), and writes
/// the SVG plot (default out/balloon/balloon.svg). Exit code 0 when both partitions reached their
/// targets, no block was lost and the plot was written; 1 also when the demo's kernel
/// reported a task fault, a watchdog expiry or an abandoned task thread (one line each on stderr, nothing written).
/// </summary>
public static partial class Commands
{
    /// <summary>`balloon` with everything written to <paramref name="output"/> and the default plot path.</summary>
    public static int Balloon(TextWriter output) => Balloon(output, output, BalloonDemo.DefaultSvgPath);

    /// <summary>
    /// `balloon [--svg OUT.svg]`: the table to <paramref name="output"/>, the plot to
    /// <paramref name="svgPath"/> (checked by <see cref="OutputGuard"/> before anything runs), problems to <paramref name="error"/>.
    /// </summary>
    public static int Balloon(TextWriter output, TextWriter error, string svgPath) => Balloon(output, error, svgPath, null);

    /// <summary>The command with test-only <paramref name="hooks"/> in the demo's kernel (or none).</summary>
    internal static int Balloon(TextWriter output, TextWriter error, string svgPath, KernelTestHooks hooks)
    {
        if (Refused(new[] { new PlannedOutput("--svg", svgPath, OutputKind.BalloonSvg) }, Array.Empty<string>(), error)) return UsageError;
        BalloonDemoResult result;
        try
        {
            result = BalloonDemo.Run(BalloonDemo.Periods, hooks);
        }
        catch (KernelRunException e)
        {
            e.Report(error, "balloon");
            return 1;
        }
        if (IsInteractive(output))
        {
            AnsiConsole.MarkupLine("[bold]Memory balloon[/]: two partitions under transient pool pressure");
            AnsiConsole.WriteLine(BalloonReport.Header(result));
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var c in BalloonReport.Columns) table.AddColumn(new TableColumn(c).RightAligned());
            foreach (var row in BalloonReport.MarkupRows(result)) table.AddRow(row);
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine(BalloonReport.Footer(result));
        }
        else BalloonReport.WritePlain(output, result);
        bool written = WriteOutput(output, error, svgPath, "SVG plot", w => w.Write(BalloonSvg.Render(result)),
            "SVG plot of Current and Target per partition: " + Path.GetFullPath(svgPath));
        return result.Converged && result.Conserved && written ? 0 : 1;
    }
}
