using System.Text.Json;
using NfRt.Timing;
using static UnitTests.SimulatorTests.UnitTestOutputSafety;

namespace UnitTests.Timing;

/// <summary>
/// The <c>analyze</c> and <c>generate</c> commands (docs/spec/timing.md §5.7, §7): exit codes 0/1/2,
/// the JSON contract, refusals on stderr with file, line, column and JSON path, nothing written over
/// anything.
/// </summary>
public class UnitTestTimingCli
{
    [Fact]
    public void Analyze_prints_the_table_and_exits_0_for_a_schedulable_set()
    {
        var r = Cli("analyze", TaskSetFiles.Example("sensor-bus.json"));
        Assert.Equal(0, r.Code);
        Assert.Equal("", r.Err);
        Assert.Contains("control     3  4  5  9   20     11  ok       logger:bus 5", r.Out);
        Assert.Contains("verdict: schedulable", r.Out);
    }

    [Fact]
    public void Analyze_json_has_exactly_the_contract_shape()
    {
        var r = Cli("analyze", TaskSetFiles.Example("sensor-bus.json"), "--json");
        Assert.Equal(0, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(new[] { "name", "schedulable", "tasks" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("sensor-bus", root.GetProperty("name").GetString());
        Assert.True(root.GetProperty("schedulable").GetBoolean());
        var control = root.GetProperty("tasks")[0];
        Assert.Equal(new[] { "name", "wcet", "blocking", "wcrt", "deadline", "schedulable", "blockers" }, control.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("control", 4, 5, 9, 20, true), (control.GetProperty("name").GetString(), control.GetProperty("wcet").GetInt32(),
            control.GetProperty("blocking").GetInt32(), control.GetProperty("wcrt").GetInt32(), control.GetProperty("deadline").GetInt32(),
            control.GetProperty("schedulable").GetBoolean()));
        Assert.Equal(new[] { "logger:bus" }, control.GetProperty("blockers").EnumerateArray().Select(b => b.GetString()));
    }

    [Fact]
    public void Analyze_exits_1_when_a_task_can_miss_and_says_which()
    {
        var r = Cli("analyze", TaskSetFiles.Example("lehoczky-1990.json"));
        Assert.Equal(1, r.Code);
        Assert.Contains("verdict: NOT schedulable: t2 can miss its deadline", r.Out);
        Assert.Contains("job 5 of the busy period", r.Out);
        var j = Cli("analyze", TaskSetFiles.Example("lehoczky-1990.json"), "--json");
        Assert.Equal(1, j.Code);
        Assert.Contains("\"schedulable\": false", j.Out);
    }

    [Fact]
    public void Analyze_reports_unbounded_plain_inversion_with_null_wcrt()
    {
        var r = Cli("analyze", TaskSetFiles.Example("plain-inversion.json"), "--json");
        Assert.Equal(1, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        var high = doc.RootElement.GetProperty("tasks").EnumerateArray().First(t => t.GetProperty("name").GetString() == "high");
        Assert.Equal(JsonValueKind.Null, high.GetProperty("wcrt").ValueKind);
        Assert.Equal(JsonValueKind.Null, high.GetProperty("blocking").ValueKind);
        var text = Cli("analyze", TaskSetFiles.Example("plain-inversion.json"));
        Assert.Contains("UNBOUNDED", text.Out);
        Assert.Contains("no bound: blocking is unbounded", text.Out);
    }

    [Theory]
    [InlineData("missing-period.json", "$.tasks[1].period", 7)]
    [InlineData("undeclared-resource.json", "$.tasks[0].body[1].lock", 6)]
    [InlineData("lock-order-cycle.json", "$.tasks[1].body[0].body[0].lock", 9)]
    [InlineData("negative-compute.json", "$.tasks[0].body[0].compute", 5)]
    public void Analyze_refuses_a_bad_file_with_exit_2_and_the_path_and_line(string file, string path, int line)
    {
        string f = Path.Combine(TaskSetFiles.Bad, file);
        var r = Cli("analyze", f, "--json");
        Assert.Equal(2, r.Code);
        Assert.Equal("", r.Out);
        Assert.StartsWith($"{f}:{line}:", r.Err);
        Assert.Contains($": {path}: ", r.Err);
        Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Analyze_refuses_a_missing_file_with_exit_2()
    {
        var r = Cli("analyze", "no-such-taskset.json");
        Assert.Equal(2, r.Code);
        Assert.Equal("no-such-taskset.json: $: cannot read the file: no such file\n", r.Err);
    }

    [Fact]
    public void Analyze_never_writes_and_leaves_the_input_untouched()
    {
        using var dir = new TempDir();
        string copy = dir["set.json"];
        File.Copy(TaskSetFiles.Example("sensor-bus.json"), copy);
        byte[] before = File.ReadAllBytes(copy);
        Cli("analyze", copy, "--json");
        Assert.Equal(before, File.ReadAllBytes(copy));
        Assert.Equal(new[] { copy }, Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Generate_writes_deterministic_files_that_analyze_reads_and_a_rerun_is_harmless()
    {
        using var dir = new TempDir();
        string outDir = dir["sets"];
        var r = Cli("generate", "--out", outDir, "--count", "5", "--seed", "3");
        Assert.Equal(0, r.Code);
        Assert.Contains("5 task sets (seed 3)", r.Out);
        var files = Directory.GetFiles(outDir).OrderBy(f => f).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(k => Path.Combine(outDir, $"gen-3-{k:D5}.json")), files);
        var gen = new TaskSetGenerator(new GeneratorOptions { Seed = 3 });
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(TaskSetWriter.ToJson(gen.Generate(k)), File.ReadAllText(files[k]));
            Assert.NotEqual(2, Cli("analyze", files[k]).Code);
        }
        Assert.Equal(0, Cli("generate", "--out", outDir, "--count", "5", "--seed", "3").Code);   // same content: kept
    }

    [Fact]
    public void Generate_refuses_to_overwrite_a_different_file_and_writes_nothing()
    {
        using var dir = new TempDir();
        string outDir = dir["sets"];
        Directory.CreateDirectory(outDir);
        string victim = Path.Combine(outDir, "gen-3-00001.json");
        File.WriteAllText(victim, "{ \"tasks\": [] }");
        var r = Cli("generate", "--out", outDir, "--count", "3", "--seed", "3");
        Assert.Equal(2, r.Code);
        Assert.Contains("refusing to write " + victim, r.Err);
        Assert.Equal("{ \"tasks\": [] }", File.ReadAllText(victim));
        Assert.Equal(new[] { victim }, Directory.GetFiles(outDir));
    }

    [Fact]
    public void Generate_options_are_checked()
    {
        using var dir = new TempDir();
        var r = Cli("generate", "--out", dir["x"], "--min-tasks", "9", "--max-tasks", "3");
        Assert.Equal(2, r.Code);
        Assert.Contains("tasks must be", r.Err);
        Assert.False(Directory.Exists(dir["x"]));
        Assert.Equal(2, Cli("generate", "--count", "3").Code);                                   // --out is required
        Assert.Contains("out of range", Cli("generate", "--out", dir["x"], "--max-util", "150").Err);
    }
}
