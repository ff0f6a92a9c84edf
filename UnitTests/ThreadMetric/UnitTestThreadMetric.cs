using NfRt.Boards;
using NfRt.Kernel;
using NfRt.ThreadMetric;
using UnitTests.Device;

namespace UnitTests.ThreadMetric;

/// <summary>
/// Smoke runs of the eight Thread-Metric tests on the host (ThreadMetric/, real-time board, the
/// SpinParkGate): each runs two very short periods and must report a positive score every period, print
/// no ERROR line (the suite's balance checks) and end with every task thread joined. Never a timing
/// assertion: the figures themselves are in docs/BENCHMARKS.md.
/// </summary>
public class UnitTestThreadMetric
{
    public static IEnumerable<object[]> Tests() => TmRunner.AllTests().Select(t => new object[] { t.Name });

    private sealed class Capture : ITmOutput
    {
        public readonly List<string> Lines = new();
        public void Print(string line) { lock (Lines) Lines.Add(line); }
        public long AllocatedBytes() => -1;   // other tests allocate in parallel: not measured here
    }

    [Theory]
    [MemberData(nameof(Tests))]
    public void Thread_Metric_test_reports_a_positive_score_and_no_error(string name)
    {
        var output = new Capture();
        var settings = new TmSettings { PeriodMs = 200, Periods = 2, Gates = new SpinParkGate.Factory(), GateName = "SpinParkGate" };
        TmResult r = TmRunner.Run(TmRunner.Find(name), settings, output);
        string log = string.Join("\n", output.Lines);
        Assert.True(r.Status == KernelStatus.Ok, r.Status + " " + r.Fault + "\n" + log);
        Assert.Equal(2, r.PeriodsDone);
        Assert.All(r.Totals, t => Assert.True(t > 0, "a period total is not positive\n" + log));
        Assert.Equal(0, r.Errors);
        Assert.DoesNotContain(output.Lines, l => l.StartsWith("ERROR"));
        Assert.True(r.Passed, log);
        Assert.Equal(2, output.Lines.Count(l => l.StartsWith("Time Period Total:  ")));
        Assert.Contains(output.Lines, l => l.StartsWith("RESULT " + name + ": ") && l.Contains("errors 0"));
    }

    [Fact]
    public void The_eight_tests_have_distinct_names_and_every_name_is_found()
    {
        var names = TmRunner.AllTests().Select(t => t.Name).ToList();
        Assert.Equal(8, names.Distinct().Count());
        Assert.All(names, n => Assert.Equal(n, TmRunner.Find(n).Name));
        Assert.Null(TmRunner.Find("nonsense"));
        Assert.Equal(names, TmRunner.TestNames);                                    // Create(i) is test TestNames[i]
        Assert.Equal(names, Enumerable.Range(0, 8).Select(i => TmRunner.Create(i).Name));
        Assert.Null(TmRunner.Create(8));
    }

    [Fact]
    public void A_dead_thread_is_reported_as_an_error()
    {
        // The check half of the suite: a test whose counter did not move prints its ERROR line.
        var output = new Capture();
        var settings = new TmSettings { PeriodMs = 50, Periods = 1, Gates = new SpinParkGate.Factory() };
        TmResult r = TmRunner.Run(new StuckTest(), settings, output);
        Assert.Equal(1, r.Errors);
        Assert.Contains("ERROR: Invalid counter value(s). Stuck thread died!", output.Lines);
        Assert.False(r.Passed);
    }

    /// <summary>A test whose only thread ends at once: its counter never moves.</summary>
    private sealed class StuckTest : TmTest
    {
        public override string Name => "stuck";
        public override string Title => "Stuck";
        protected override void Initialize()
        {
            Port.ThreadCreate(0, 10, () => { });
            Port.ThreadResume(0);
            CreateReporter();
        }
        protected override long PeriodTotal()
        {
            ReportError("Invalid counter value(s). Stuck thread died!");
            return 0;
        }
    }

    [Theory]
    [InlineData("ThreadMetric")]
    [InlineData("ThreadMetricNano")]
    public void Thread_Metric_assemblies_are_nano_clean(string name)
    {
        var allowed = UnitTestDeviceMetadata.DeviceAssemblies.Append("ThreadMetric").ToArray();
        var problems = DeviceMetadataInspector.Inspect(Path.Combine(AppContext.BaseDirectory, name + ".dll"), allowed);
        Assert.True(problems.Count == 0, name + ":\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Decimal_prints_the_same_text_everywhere()
    {
        Assert.Equal("30", TmTest.Decimal(30000, 1000));
        Assert.Equal("0.2", TmTest.Decimal(200, 1000));
        Assert.Equal("1.005", TmTest.Decimal(1005, 1000));
        Assert.Equal("-0.05", TmTest.Decimal(-50, 1000));
    }
}
