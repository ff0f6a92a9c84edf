using System.Text.Json;
using System.Xml;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Simulator;
using NfRt.Simulator.Demo;
using NfRt.Simulator.Scenarios;
using NfRt.Simulator.Tracing;

namespace UnitTests.SimulatorTests;

/// <summary>
/// --trace / --svg: the same script gives byte-identical files; the JSON parses and holds the
/// expected tracks and events; the SVG is well-formed XML with one row per task.
/// </summary>
public class UnitTestTraces
{
    private static (byte[] Json, byte[] Svg, string Output) RunCli(string dir, string tag, params string[] scripts)
    {
        var json = new FileInfo(Path.Combine(dir, tag + ".json"));
        var svg = new FileInfo(Path.Combine(dir, tag + ".svg"));
        var output = new StringWriter();
        var files = scripts.Select(s => new FileInfo(Path.Combine(Paths.Scenarios, s))).ToArray();
        Assert.Equal(0, Commands.RunScenarios(files, json, svg, false, output));
        return (File.ReadAllBytes(json.FullName), File.ReadAllBytes(svg.FullName), output.ToString());
    }

    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nfproj-trace-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Same_script_gives_byte_identical_trace_and_svg()
    {
        string dir = TempDir();
        try
        {
            var a = RunCli(dir, "a", "steal-lock.tst", "chain-4-level-timeout.tst");
            var b = RunCli(dir, "b", "steal-lock.tst", "chain-4-level-timeout.tst");
            Assert.Equal(a.Json, b.Json);
            Assert.Equal(a.Svg, b.Svg);
            Assert.NotEqual(0xEF, a.Json[0]);     // no BOM
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Trace_json_holds_tracks_running_slices_priority_counters_and_pi_instants()
    {
        string dir = TempDir();
        try
        {
            var run = RunCli(dir, "t", "steal-lock.tst", "deadlock-abba.tst", "chain-4-level-timeout.tst");
            using var doc = JsonDocument.Parse(run.Json);
            var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
            string S(JsonElement e, string p) => e.TryGetProperty(p, out var v) ? v.ToString() : null;

            var processes = events.Where(e => S(e, "ph") == "M" && S(e, "name") == "process_name").Select(e => e.GetProperty("args").GetProperty("name").GetString()).ToList();
            Assert.Equal(3, processes.Count);
            Assert.EndsWith("steal-lock.tst", processes[0]);

            var threads = events.Where(e => S(e, "ph") == "M" && S(e, "name") == "thread_name" && S(e, "pid") == "1")
                .Select(e => e.GetProperty("args").GetProperty("name").GetString()).ToList();
            Assert.Equal(new[] { "script", "T0", "T1", "T2", "T3", "L0 owner" }, threads);

            var running = events.Where(e => S(e, "ph") == "X" && S(e, "name") == "running").ToList();
            Assert.NotEmpty(running);
            Assert.All(running, e => Assert.True(e.GetProperty("dur").GetInt64() > 0));
            // priorities are the kernel's (lower = more urgent): schedfifo 80 is kernel priority 99 - 80 = 19
            Assert.Contains(events, e => S(e, "ph") == "C" && S(e, "name") == "T0 priority (lower = more urgent)" && e.GetProperty("args").GetProperty("effective").GetInt32() == 19);
            Assert.Contains(events, e => S(e, "ph") == "X" && S(e, "cat") == "script" && S(e, "name").StartsWith("26: C: lock: 2: 0"));
            Assert.Contains(events, e => S(e, "ph") == "X" && S(e, "cat") == "mutex" && S(e, "name") == "T2");
            Assert.Contains(events, e => S(e, "ph") == "b" && S(e, "cat") == "lock" && S(e, "name") == "lock L0");

            string[] Instants(string pid) => events.Where(e => S(e, "ph") == "i" && S(e, "pid") == pid).Select(e => S(e, "name")).Distinct().OrderBy(x => x).ToArray();
            Assert.Equal(new[] { "boost", "deboost", "steal" }, Instants("1"));
            Assert.Contains("deadlock", Instants("2"));
            Assert.Contains("timeout", Instants("3"));
            var steal = events.First(e => S(e, "ph") == "i" && S(e, "name") == "steal");
            Assert.Equal("T2 steals L0 from pending owner T1", steal.GetProperty("args").GetProperty("detail").GetString());

            // timestamps: integer microseconds, one script step = 1000
            Assert.All(events.Where(e => e.TryGetProperty("ts", out _)), e => Assert.True(e.GetProperty("ts").GetInt64() >= 0));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Svg_is_well_formed_with_one_row_per_task()
    {
        string dir = TempDir();
        try
        {
            var run = RunCli(dir, "s", "pending-owner-boost.tst");
            var xml = new XmlDocument();
            using (var stream = new MemoryStream(run.Svg)) xml.Load(stream);
            var ns = new XmlNamespaceManager(xml.NameTable);
            ns.AddNamespace("s", "http://www.w3.org/2000/svg");
            Assert.Equal("svg", xml.DocumentElement.LocalName);
            var rows = xml.SelectNodes("//s:g[@class='row']", ns).Cast<XmlElement>().Select(e => e.GetAttribute("data-task")).ToList();
            Assert.Equal(new[] { "T0", "T1", "T2", "T3" }, rows);
            Assert.NotEmpty(xml.SelectNodes("//s:rect[@class='running']", ns).Cast<XmlNode>());
            Assert.NotEmpty(xml.SelectNodes("//s:rect[@class='boosted']", ns).Cast<XmlNode>());
            Assert.NotEmpty(xml.SelectNodes("//s:g[@class='owns']", ns).Cast<XmlNode>());
            Assert.NotEmpty(xml.SelectNodes("//s:g[@class='boost']", ns).Cast<XmlNode>());
            Assert.NotEmpty(xml.SelectNodes("//s:g[@class='step']", ns).Cast<XmlNode>());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Traces_svg_and_demo_text_show_kernel_priorities_lower_is_more_urgent()
    {
        // pi-one-level: T0 is a normal task (kernel priority 120), boosted by T1 (schedfifo 80 = kernel priority 19)
        string dir = TempDir();
        try
        {
            var run = RunCli(dir, "p", "pi-one-level.tst");
            using var doc = JsonDocument.Parse(run.Json);
            var events = doc.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
            var t0 = events.Where(e => e.GetProperty("ph").GetString() == "C" && e.GetProperty("name").GetString() == "T0 priority (lower = more urgent)").ToList();
            Assert.Equal((120, 120), (t0[0].GetProperty("args").GetProperty("effective").GetInt32(), t0[0].GetProperty("args").GetProperty("normal").GetInt32()));
            Assert.Contains(t0, e => e.GetProperty("args").GetProperty("effective").GetInt32() == 19);
            var boost = events.Single(e => e.GetProperty("ph").GetString() == "i" && e.GetProperty("name").GetString() == "boost");
            Assert.Equal("boost T0: prio 120 -> 19 (lower = more urgent)", boost.GetProperty("args").GetProperty("detail").GetString());
            Assert.Equal("kernel priorities: lower number = more urgent", doc.RootElement.GetProperty("otherData").GetProperty("priorities").GetString());

            string svg = System.Text.Encoding.UTF8.GetString(run.Svg);
            Assert.Contains(">normal prio 120</text>", svg);
            Assert.Contains("boost T0: prio 120 -&gt; 19 (lower = more urgent)", svg);
            Assert.Contains("lower = more urgent", svg);
            Assert.DoesNotContain("normal P ", svg);
        }
        finally { Directory.Delete(dir, true); }

        var output = new StringWriter();
        string demoDir = TempDir();
        try { Assert.Equal(0, Commands.Demo(output, demoDir, 2)); }
        finally { Directory.Delete(demoDir, true); }
        string text = output.ToString();
        Assert.Contains($"asi_met (low, prio {InversionDemo.LowPrio})", text);
        Assert.Contains($"bc_dist (high, prio {InversionDemo.HighPrio})", text);
        Assert.Contains($"comm tasks (medium, prio {InversionDemo.MediumPrio})", text);
        Assert.Contains("lower number = more urgent", text);
        Assert.DoesNotContain("99 - prio", text);
    }

    [Fact]
    public void Demo_timeline_uses_ticks_and_shows_the_boost_of_the_low_task()
    {
        var pi = InversionDemo.Run(2, inheritance: true);
        var t = pi.Timeline;
        Assert.Equal(TraceClock.Ticks, t.Clock);
        var low = t.Tasks.Single(x => x.Name == "asi_met");
        var boost = Assert.Single(t.Boosted, b => b.Task == low.Id);
        Assert.Equal(InversionDemo.HighWakes, boost.Start / Timeline.UnitMicros);
        Assert.Equal(InversionDemo.CriticalSection, boost.End / Timeline.UnitMicros);
        Assert.Equal(ChromeTraceWriter.Write(new[] { t }), ChromeTraceWriter.Write(new[] { InversionDemo.Run(2, true).Timeline }));
        Assert.Equal(SvgTimelineWriter.Write(new[] { t }), SvgTimelineWriter.Write(new[] { InversionDemo.Run(2, true).Timeline }));
    }

    [Fact]
    public void Unwritable_trace_path_is_reported_with_a_non_zero_exit()
    {
        var output = new StringWriter();
        var file = new FileInfo(Path.Combine(Paths.Scenarios, "pi-one-level.tst"));
        var target = new FileInfo(Path.Combine(Paths.Scenarios, "pi-one-level.tst", "x.json"));   // a file used as a directory
        Assert.Equal(1, Commands.RunScenarios(new[] { file }, target, null, false, output));
        Assert.Contains("cannot write trace", output.ToString());
    }

    private sealed class WakeOnIrq : IIrqHandler
    {
        public KernelEvent Event;
        public void OnIrq(Scheduler kernel, int irq) => Event.Signal();
    }

    [Fact]
    public void Interrupts_timeouts_and_priority_changes_from_any_kernel_become_trace_events()
    {
        var board = new SimulatedBoard(BoardProfiles.Stm32);
        var k = new Scheduler(new KernelConfig { PriorityLevels = 140, CheckInvariants = true, TraceCapacity = 1024 }, board);
        var collector = new TraceCollector(TraceClock.Ticks, "irq");
        collector.Attach(k, null);
        k.Trace.Sink = collector;
        var ev = new KernelEvent(k);
        Assert.Equal(KernelStatus.Ok, k.SetIrqHandler(5, new WakeOnIrq { Event = ev }));
        Assert.True(board.InjectAt(3, 5));
        var task = k.CreateTask("isr_task", 20, () => { ev.Wait(-1); k.Busy(2); ev.Wait(1); });
        k.RunUntilIdle();
        k.AdvanceTicks(8);
        k.Shutdown();
        var t = Timeline.Build(collector);
        var irq = Assert.Single(t.Instants, i => i.Kind == "irq");
        Assert.Equal(3, irq.Time / Timeline.UnitMicros);
        Assert.Equal("interrupt line 5", irq.Text);
        Assert.Single(t.Instants, i => i.Kind == "timeout" && i.Task == task.Id);
        Assert.Contains(t.Running, r => r.Task == task.Id && r.Start / Timeline.UnitMicros == 3);
        string json = ChromeTraceWriter.Write(new[] { t });
        using var doc = JsonDocument.Parse(json);
        Assert.Contains(doc.RootElement.GetProperty("traceEvents").EnumerateArray(), e => e.GetProperty("ph").GetString() == "i" && e.GetProperty("name").GetString() == "irq");
    }
}
