using NfRt.Simulator.Balloon;

namespace NfRt.Simulator;

public static partial class Commands
{
    /// <summary>`balloon`: two partitions converging under transient pool pressure; table per retry period, SVG plot.</summary>
    public static int Balloon(TextWriter output) => Balloon(output, output, BalloonDemo.DefaultSvgPath);

    /// <summary>
    /// `balloon [--svg OUT.svg]`: the table to <paramref name="output"/>, the plot to
    /// <paramref name="svgPath"/> (checked by <see cref="OutputGuard"/> before anything runs), problems to <paramref name="error"/>.
    /// </summary>
    public static int Balloon(TextWriter output, TextWriter error, string svgPath)
    {
        if (Refused(new[] { new PlannedOutput("--svg", svgPath, OutputKind.BalloonSvg) }, Array.Empty<string>(), error)) return UsageError;
        return BalloonDemo.Execute(output, error, svgPath);
    }
}
