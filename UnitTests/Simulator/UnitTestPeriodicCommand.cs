using NfRt.Kernel;
using NfRt.Simulator;
using NfRt.Simulator.Tracing;

namespace UnitTests.SimulatorTests;

/// <summary>
/// The <c>periodic</c> command and the timing marks in the traces: the per-task lines and the statistics table
/// agree with the kernel's figures; the SVG marks every job release at its release tick and every deadline miss;
/// the Chrome trace carries them as "timing" instants; timelines without periodic tasks draw no such legend.
/// </summary>
public class UnitTestPeriodicCommand
{
    [Fact]
    public void Periodic_command_prints_the_statistics_and_marks_releases_and_misses()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nfproj-periodic-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Assert.Equal(0, Commands.Periodic(output, error, dir, 200));
            Assert.Equal("", error.ToString());
            string text = output.ToString().Replace("\r\n", "\n");
            // sensor (T 25, D 6) misses at the synchronous release and at 100 (control preempts it): 8 > 6
            Assert.Contains("  sensor   T=25  D=6   jobs   8  worst response   8  misses  2  worst blocking  0\n", text);
            // control blocks on bus behind logger (released 18, preempted at 20): 22..25
            Assert.Contains("  control  T=20  D=20  jobs  10  worst response   7  misses  0  worst blocking  3\n", text);
            var table = text.Split('\n').SkipWhile(l => !(l.StartsWith("task ") && l.Contains(" prio "))).TakeWhile(l => l.Length > 0).ToList();
            Assert.Equal(5, table.Count);
            Assert.Equal(KernelReport.StatisticsColumns, table[0].Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()));
            var sensor = table.Single(l => l.StartsWith("sensor")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(new[] { "sensor", "5", "25", "6", "8", "8", "2", "0", "8" }, sensor.Take(9));

            string svg = File.ReadAllText(Path.Combine(dir, "periodic.svg"));
            Assert.Equal(11 + 8 + 4, Count(svg, "<g class=\"release\">"));
            Assert.Equal(2, Count(svg, "<g class=\"deadline-miss\">"));
            Assert.Contains("sensor missed its deadline: response 8 &gt; deadline 6 ticks", svg);
            Assert.Contains("logger: job released at tick 18, taken at tick 18", svg);
            Assert.Contains(">job release</text>", svg);
            string json = File.ReadAllText(Path.Combine(dir, "periodic.json"));
            Assert.Equal(2, Count(json, "\"cat\":\"timing\",\"name\":\"deadline-miss\""));
            Assert.Equal(23, Count(json, "\"cat\":\"timing\",\"name\":\"release\""));

            var again = new StringWriter();
            Assert.Equal(0, Commands.Periodic(again, new StringWriter(), dir, 200));
            Assert.Equal(text, again.ToString().Replace("\r\n", "\n"));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    /// <summary>A release taken late is drawn at its release tick (the grid), its tooltip says when it was taken.</summary>
    [Fact]
    public void A_late_release_is_drawn_on_its_grid()
    {
        var c = new TraceCollector(TraceClock.Ticks, "late");
        using var s = new SimKernel(recordTrace: false);
        s.K.Trace.Sink = c;
        c.Attach(s.K, null);
        s.K.CreatePeriodicTask("p", 5, () => { while (true) { s.K.WaitForNextPeriod(); s.K.Busy(1); } }, new PeriodicOptions { Period = 4 });
        s.Task("h", 1, () => { s.K.Sleep(3); s.K.Busy(3); });
        s.Ticks(7);
        var t = Timeline.Build(c);
        var releases = t.Instants.Where(i => i.Kind == "release").ToList();
        Assert.Equal(new long[] { 0, 4000 }, releases.Select(i => i.Time));
        Assert.Equal("p: job released at tick 4, taken at tick 6", releases[1].Text);
    }

    /// <summary>The demo's timelines have no periodic task: no release legend (their pictures are unchanged).</summary>
    [Fact]
    public void Timelines_without_periodic_tasks_have_no_timing_legend()
    {
        var run = NfRt.Simulator.Demo.InversionDemo.Run(1, inheritance: true);
        string svg = SvgTimelineWriter.Write(new[] { run.Timeline });
        Assert.DoesNotContain("job release", svg);
        Assert.DoesNotContain("deadline missed", svg);
    }

    private static int Count(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
