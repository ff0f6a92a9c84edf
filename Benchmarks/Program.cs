using BenchmarkDotNet.Running;

namespace NfRt.Benchmarks;

/// <summary>
/// Entry point (host only; never part of the test run). The first argument picks the tool:
/// <c>threadmetric [...]</c> runs the Thread-Metric suite (<see cref="ThreadMetricCommand"/>);
/// anything else goes to BenchmarkDotNet, e.g.
/// <c>dotnet run -c Release --project Benchmarks -- --filter '*' --job short</c>.
/// Results and how to read them: docs/BENCHMARKS.md.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "threadmetric") return ThreadMetricCommand.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
