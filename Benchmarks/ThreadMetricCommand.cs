using System.Globalization;
using NfRt.Boards;
using NfRt.Harness;
using NfRt.ThreadMetric;

namespace NfRt.Benchmarks;

/// <summary>
/// <c>threadmetric [--seconds S] [--periods N] [--test NAME|all] [--gate spin|spin:N|event|semaphore]</c>: the
/// Thread-Metric suite (ThreadMetric/, the same device-rules code nanoCLR runs) on a real-time board
/// (STM32F429 profile, 1 kHz tick) on this host. Prints the reporting thread's lines per period, one
/// RESULT line per test and a final "THREADMETRIC DONE" line. Exit status: 0; 1 when a check printed
/// an ERROR line or a test did not report every period with a positive total; 2 for bad arguments.
/// Defaults: 5 s periods, 3 periods (the first includes warm-up and is left out of the RESULT mean),
/// every test, the SpinParkGate (the host's fast hand-off). Pin with <c>taskset -c 1</c> for one CPU.
/// </summary>
public static class ThreadMetricCommand
{
    private const string Usage =
        "usage: threadmetric [--seconds S] [--periods N] [--test NAME|all] [--gate spin|spin:N|event|semaphore]\n"
        + "       threadmetric floor [--seconds S] [--gate spin|spin:N|event|semaphore]   (bare host hand-offs, no kernel)\n  tests: ";

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "floor") return HandoffFloor.Run(args[1..]);
        double seconds = 5;
        int periods = 3;
        string test = "all", gate = "spin";
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string v = i + 1 < args.Length ? args[i + 1] : null;
            bool ok = true;
            switch (a)
            {
                case "--seconds": ok = double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds >= 0.001; i++; break;
                case "--periods": ok = int.TryParse(v, out periods) && periods >= 1; i++; break;
                case "--test": ok = v != null; test = v; i++; break;
                case "--gate": ok = GateFactory(v, out _) != null || v == "event"; gate = v; i++; break;
                case "-h" or "--help": Console.WriteLine(Usage + TmRunner.Names() + ", all"); return 0;
                default: ok = false; break;
            }
            if (!ok)
            {
                Console.Error.WriteLine("threadmetric: bad argument '" + a + "'" + (v != null && a.StartsWith("--") ? " '" + v + "'" : ""));
                Console.Error.WriteLine(Usage + TmRunner.Names() + ", all");
                return 2;
            }
        }
        TmTest[] tests = test == "all" ? TmRunner.AllTests() : new[] { TmRunner.Find(test) };
        if (tests[0] == null)
        {
            Console.Error.WriteLine("threadmetric: unknown test '" + test + "' (tests: " + TmRunner.Names() + ", all)");
            return 2;
        }
        var settings = new TmSettings
        {
            PeriodMs = (int)Math.Round(seconds * 1000), Periods = periods, Profile = BoardProfiles.Stm32,
            Gates = GateFactory(gate, out string gateName), GateName = gateName,
        };
        var output = new ConsoleOutput();
        Console.WriteLine("Thread-Metric on NfRt: " + tests.Length + " test(s), " + periods + " period(s) of " + TmTest.Decimal(settings.PeriodMs, 1000)
                          + " s, real-time board " + settings.Profile.Name + " (" + settings.Profile.TickRateHz + " Hz tick), gate " + settings.GateName
                          + ", " + Environment.ProcessorCount + " CPU(s) available, .NET " + Environment.Version);
        Console.WriteLine();
        int failed = 0;
        foreach (TmTest t in tests)
        {
            TmResult r = TmRunner.Run(t, settings, output);   // prints the periods and the RESULT line
            if (!r.Passed) failed++;
            Console.WriteLine();
        }
        Console.WriteLine("THREADMETRIC DONE " + (tests.Length - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// The gate factory for <paramref name="gate"/>: spin (SpinParkGate, its default spins: 30, none on one CPU), spin:N (N spins before it
    /// parks), semaphore (SemaphoreSlimGate), event (null: the board's default EventGate, an AutoResetEvent
    /// per task, what nanoCLR uses). Null for anything else (and for event: check the name).
    /// </summary>
    internal static ITaskGateFactory GateFactory(string gate, out string name)
    {
        name = null;
        if (gate == "event") { name = "EventGate"; return null; }
        if (gate == "semaphore") { name = "SemaphoreSlimGate"; return new SemaphoreSlimGate.Factory(); }
        if (gate == "spin") { name = "SpinParkGate"; return new SpinParkGate.Factory(); }
        if (gate != null && gate.StartsWith("spin:") && int.TryParse(gate[5..], out int spins) && spins >= 0)
        {
            name = "SpinParkGate(" + spins + " spins)";
            return new SpinParkGate.Factory(spins);
        }
        return null;
    }

    /// <summary>Console output; allocations counted over every thread of the process (precise).</summary>
    private sealed class ConsoleOutput : ITmOutput
    {
        public void Print(string line) => Console.WriteLine(line);

        public long AllocatedBytes() => GC.GetTotalAllocatedBytes(precise: true);
    }
}
