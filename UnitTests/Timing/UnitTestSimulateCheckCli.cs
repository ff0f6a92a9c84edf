using System.Text.Json;
using NfRt.Simulator;
using NfRt.Timing;
using static UnitTests.SimulatorTests.UnitTestOutputSafety;

namespace UnitTests.Timing;

/// <summary>
/// The <c>simulate</c>, <c>check</c> and <c>campaign</c> commands (docs/spec/timing.md §6, §7): exit codes, the JSON
/// contract of <c>simulate</c>, refusals (bad file, bad <c>--until</c>, an output over the input), the re-runnable
/// scenario of a failed check (driven by the command's analysis seam with a deliberately wrong analysis), and a small
/// campaign through the command.
/// </summary>
public class UnitTestSimulateCheckCli
{
    private static string SensorBus => TaskSetFiles.Example("sensor-bus.json");

    [Fact]
    public void Simulate_prints_one_row_per_task_and_exits_0()
    {
        var r = Cli("simulate", SensorBus, "--search", "10");
        Assert.Equal((0, ""), (r.Code, r.Err));
        Assert.Contains("task set sensor-bus on the kernel (simulated board): 12 phasings (as given, synchronous, 5 adversarial, 5 random)", r.Out);
        var lines = r.Out.Split('\n');
        Assert.Contains("task     prio  jobs  worst response  misses  worst blocking  worst phasing\n", r.Out);
        Assert.Single(lines, l => l.StartsWith("control  3 "));
        Assert.Single(lines, l => l.StartsWith("logger   10 "));
    }

    [Fact]
    public void Simulate_json_has_exactly_the_contract_shape_and_agrees_with_the_engine()
    {
        var r = Cli("simulate", SensorBus, "--json", "--search", "6", "--seed", "4");
        Assert.Equal((0, ""), (r.Code, r.Err));
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(new[] { "name", "phasings", "tasks" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("sensor-bus", 8), (root.GetProperty("name").GetString(), root.GetProperty("phasings").GetInt32()));
        var engine = TaskSetSimulation.Run(TaskSetReader.ReadFile(SensorBus), new SimulationOptions { Search = 6, Seed = 4 });
        var tasks = root.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(2, tasks.Count);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(new[] { "name", "jobs", "maxResponse", "misses", "maxBlocking" }, tasks[i].EnumerateObject().Select(p => p.Name));
            var e = engine.Tasks[i];
            Assert.Equal((e.Name, e.Jobs, e.MaxResponse, e.Misses, e.MaxBlocking),
                (tasks[i].GetProperty("name").GetString(), tasks[i].GetProperty("jobs").GetInt64(), tasks[i].GetProperty("maxResponse").GetInt64(),
                 tasks[i].GetProperty("misses").GetInt64(), tasks[i].GetProperty("maxBlocking").GetInt64()));
        }
        Assert.True(engine.Tasks[0].Jobs > 0);
    }

    [Theory]
    [InlineData("0", "--until 0: out of range")]
    [InlineData("-5", "--until -5: out of range")]
    [InlineData("soon", "--until soon: not a number")]
    public void Simulate_refuses_a_bad_until_with_exit_2(string value, string message)
    {
        var r = Cli("simulate", SensorBus, "--until", value);
        Assert.Equal(2, r.Code);
        Assert.Equal("", r.Out);
        Assert.StartsWith(message, r.Err);
    }

    [Fact]
    public void Until_caps_the_horizon()
    {
        var r = Cli("simulate", SensorBus, "--search", "0", "--until", "30");
        Assert.Equal(0, r.Code);
        Assert.Contains("2 phasings (as given, synchronous), 30 ticks each", r.Out);
    }

    [Fact]
    public void Simulate_and_check_refuse_a_bad_file_with_exit_2_and_the_path_and_line()
    {
        string f = Path.Combine(TaskSetFiles.Bad, "missing-period.json");
        foreach (var command in new[] { "simulate", "check" })
        {
            var r = Cli(command, f);
            Assert.Equal((2, ""), (r.Code, r.Out));
            Assert.StartsWith($"{f}:7:", r.Err);
            Assert.Contains(": $.tasks[1].period: ", r.Err);
        }
    }

    [Fact]
    public void Simulate_never_writes_over_its_input_and_draws_the_worst_phasing()
    {
        using var dir = new TempDir();
        string input = dir["set.json"];
        File.Copy(SensorBus, input);
        byte[] before = File.ReadAllBytes(input);
        var refused = Cli("simulate", input, "--trace", input);
        Assert.Equal((2, ""), (refused.Code, refused.Out));
        Assert.Contains($"--trace {input}: refusing to write it: it is one of the input files", refused.Err);
        Assert.Equal(before, File.ReadAllBytes(input));

        var r = Cli("simulate", input, "--search", "4", "--svg", dir["worst.svg"], "--trace", dir["worst.json"], "--json");
        Assert.Equal(0, r.Code);
        using (JsonDocument.Parse(r.Out)) { }                                   // --json keeps stdout pure JSON
        Assert.Contains(OutputGuard.TimelineSvgSignature, File.ReadAllText(dir["worst.svg"]));
        Assert.Contains("control", File.ReadAllText(dir["worst.svg"]));
        Assert.Contains(OutputGuard.TraceSignature, File.ReadAllText(dir["worst.json"]));
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Check_passes_the_examples_and_says_where_the_match_is_exact()
    {
        var r = Cli("check", TaskSetFiles.Example("burns-wellings-rta.json"), "--search", "4");
        Assert.Equal((0, ""), (r.Code, r.Err));
        Assert.Contains("c     3     20  20     20        0        exact", r.Out);
        Assert.Contains("verdict: PASS: every observed response is within its bound; 3 tasks met the bound exactly at the synchronous release (§6)", r.Out);
        var plain = Cli("check", TaskSetFiles.Example("plain-inversion.json"), "--search", "4");
        Assert.Equal(0, plain.Code);
        Assert.Contains("no bound", plain.Out);
        Assert.Contains("1 without a bound (not judged)", plain.Out);
    }

    /// <summary>
    /// check's failure path through the command, with the analysis seam given the analysis of the set with c one tick
    /// shorter (a bound really too small for what runs): exit 1, the violation, and a scenario file on stdout that —
    /// saved under a new name and simulated as the message says — shows the same observation.
    /// </summary>
    [Fact]
    public void Check_exits_1_on_a_violation_and_prints_a_scenario_that_reproduces_it()
    {
        string file = TaskSetFiles.Example("burns-wellings-rta.json");
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Commands.Check(file, new SimulationOptions { Search = 3, Seed = 2 }, o, e,
            set => ResponseTimeAnalysis.Analyze(UnitTestCrossCheck.WithCompute(set, "c", -1)));
        string text = o.ToString();
        Assert.Equal((1, ""), (code, e.ToString()));
        Assert.Contains("VIOLATION", text);
        Assert.Contains("c: observed 20 > bound", text);
        Assert.Contains("verdict: FAIL: 1 observed response above the bound", text);
        int at = text.IndexOf("save the set below as burns-wellings-rta-phasing-", StringComparison.Ordinal);
        Assert.True(at > 0, text);
        string command = text.Split('\n').First(l => l.Contains("-- simulate "));
        string scenario = text[text.IndexOf('{', at)..];
        var set = TaskSetReader.Parse(scenario, "scenario");
        Assert.StartsWith("burns-wellings-rta-phasing-", set.Name);
        using var dir = new TempDir();
        string saved = dir["scenario.json"];
        File.WriteAllText(saved, scenario);
        var args = command.Trim().Split(' ').SkipWhile(a => a != "simulate").ToArray();
        args[1] = saved;
        var rerun = Cli(args.Append("--json").ToArray());
        Assert.Equal(0, rerun.Code);
        using var doc = JsonDocument.Parse(rerun.Out);
        Assert.Equal(20, doc.RootElement.GetProperty("tasks")[2].GetProperty("maxResponse").GetInt64());
    }

    [Fact]
    public void Check_exits_1_when_a_marked_task_does_not_meet_its_bound_exactly()
    {
        var o = new StringWriter();
        int code = Commands.Check(TaskSetFiles.Example("burns-wellings-rta.json"), new SimulationOptions { Search = 1 }, o, new StringWriter(),
            set => ResponseTimeAnalysis.Analyze(UnitTestCrossCheck.WithCompute(set, "a", +1)));
        Assert.Equal(1, code);
        Assert.Contains("INEXACT", o.ToString());
        Assert.Contains("a: synchronous release observed 3, bound 4: §6 says they are equal", o.ToString());
        Assert.True(o.ToString().Contains("verdict: FAIL: 0 observed responses above the bound, 2 inexact matches at the synchronous release"), o.ToString());   // b grows with a; c has no bound (a+b+c > 100 %)
    }

    [Fact]
    public void Campaign_prints_the_figures_as_json_and_passes()
    {
        var r = Cli("campaign", "--count", "4", "--search", "1", "--until", "1500", "--max-period", "120", "--seed", "3", "--json");
        Assert.Equal((0, ""), (r.Code, r.Err));
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(new[] { "sets", "setsWithResources", "tasks", "tasksBounded", "tasksWithoutBound", "violations", "exactChecked", "exactMatched",
            "kernelFaults", "phasings", "simulatedTicks", "seconds", "setsPerSecond", "ticksPerSecond", "ratio", "blockedRatio", "passed", "failures" },
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((4, 0, true, 8), (root.GetProperty("sets").GetInt32(), root.GetProperty("violations").GetInt32(), root.GetProperty("passed").GetBoolean(),
            root.GetProperty("phasings").GetInt32()));
        Assert.Equal(root.GetProperty("exactChecked").GetInt32(), root.GetProperty("exactMatched").GetInt32());
        Assert.Equal(10, root.GetProperty("ratio").GetProperty("histogram").GetArrayLength());
        var text = Cli("campaign", "--count", "4", "--search", "1", "--until", "1500", "--max-period", "120", "--seed", "3");
        Assert.Equal(0, text.Code);
        Assert.Contains("soundness violations    0", text.Out);
        Assert.Contains("verdict: PASS", text.Out);
    }

    [Fact]
    public void Campaign_options_are_checked()
    {
        var r = Cli("campaign", "--min-tasks", "9", "--max-tasks", "3");
        Assert.Equal((2, ""), (r.Code, r.Out));
        Assert.Contains("campaign: tasks must be", r.Err);
        Assert.Contains("--count 0: out of range", Cli("campaign", "--count", "0").Err);
        Assert.Equal(2, Cli("campaign", "--jitter", "101").Code);
    }
}
