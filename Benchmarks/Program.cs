using BenchmarkDotNet.Running;

namespace NfRt.Benchmarks;

/// <summary>
/// BenchmarkDotNet entry point (host only; never part of the test run):
/// <c>dotnet run -c Release --project Benchmarks -- --filter '*' --job short</c>.
/// Results and how to read them: docs/BENCHMARKS.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
