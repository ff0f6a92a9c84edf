using NfRt.Simulator.Balloon;

namespace NfRt.Simulator;

public static partial class Commands
{
    /// <summary>`balloon`: two partitions converging under transient pool pressure; table per retry period, SVG plot.</summary>
    public static int Balloon(TextWriter output) => BalloonDemo.Execute(output, BalloonDemo.DefaultSvgPath);
}
