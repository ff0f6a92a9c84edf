using System.Xml.Linq;
using NfRt.Simulator;
using NfRt.Simulator.Balloon;

namespace UnitTests.Balloon;

/// <summary>The `balloon` demo, run in-process: both partitions reach their targets, blocks conserved, the SVG is well-formed.</summary>
public class UnitTestBalloonDemo
{
    [Fact]
    public void Balloon_demo_converges_per_period_exactly_as_scenario_8_scaled()
    {
        var r = BalloonDemo.Run(periods: 6);
        Assert.True(r.Conserved, r.ConservationError);
        Assert.True(r.Converged);
        Assert.Equal(3, r.ConvergedAtPeriod);
        Assert.Equal(6 * 1000 + 1, r.TicksChecked);
        Assert.Equal(new[] { 80, 64, 48, 32, 32, 32, 32 }, r.Rows.Select(x => x.ACurrent));
        Assert.Equal(new[] { 32, 48, 64, 80, 80, 80, 80 }, r.Rows.Select(x => x.BCurrent));
        Assert.All(r.Rows, x => Assert.Equal(256, x.Total));
        Assert.All(r.Rows, x => Assert.Equal(0, x.PoolFree));
        Assert.Equal(new[] { 1, 2, 3, 4, 4, 4, 4 }, r.Rows.Select(x => x.BGrowCalls));
        Assert.Equal(new long[] { 1000, 2000, 3000, -1, -1, -1, -1 }, r.Rows.Select(x => x.BRetryDue));
    }

    [Fact]
    public void Balloon_demo_prints_a_table_and_writes_a_well_formed_svg()
    {
        string dir = Path.Combine(Path.GetTempPath(), "balloon-demo-" + Guid.NewGuid().ToString("N"));
        string svg = Path.Combine(dir, "plot", "balloon.svg");
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, BalloonDemo.Execute(output, svg));
            string text = output.ToString();
            Assert.Contains("period", text);
            Assert.Contains("80/80", text);
            Assert.Contains("Both partitions reached their targets at period 3", text);
            Assert.Contains(svg, text);

            var doc = XDocument.Load(svg);
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Equal(ns + "svg", doc.Root!.Name);
            var lines = doc.Descendants(ns + "polyline").ToDictionary(e => (string)e.Attribute("id"), e => (string)e.Attribute("points"));
            Assert.Equal(new[] { "a-current", "a-target", "b-current", "b-target" }, lines.Keys.OrderBy(k => k));
            Assert.All(lines.Values, pts => Assert.True(pts.Split(' ').Length >= 2));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Balloon_command_runs_and_writes_the_default_svg()
    {
        var output = new StringWriter();
        Assert.Equal(0, Commands.Balloon(output));
        string path = Path.GetFullPath(BalloonDemo.DefaultSvgPath);
        Assert.True(File.Exists(path));
        Assert.Contains(path, output.ToString());
        XDocument.Load(path);
    }
}
