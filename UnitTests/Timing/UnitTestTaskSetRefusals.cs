using NfRt.Timing;

namespace UnitTests.Timing;

/// <summary>
/// Every reason a task-set file is refused (docs/spec/timing.md §4.5), each with the JSON path and the
/// line of the fault. Each case is a small file whose fault sits on a known line.
/// </summary>
public class UnitTestTaskSetRefusals
{
    private const string Resources = "\"resources\": [ { \"name\": \"a\", \"protocol\": \"inherit\" }, { \"name\": \"b\", \"protocol\": \"inherit\" } ],";

    /// <summary>A set whose second line is <paramref name="line2"/> and third line the tasks given.</summary>
    private static string File3(string line2, string tasks) => "{\n" + line2 + "\n\"tasks\": [\n" + tasks + "\n] }";

    private static TaskSetFormatException Refuse(string json)
    {
        var e = Assert.Throws<TaskSetFormatException>(() => TaskSetReader.Parse(json, "t.json"));
        Assert.StartsWith($"t.json:{e.Line}:{e.Column}: {e.JsonPath}: ", e.Message);
        return e;
    }

    private const string Ok = "{ \"name\": \"x\", \"priority\": 1, \"period\": 10, \"body\": [ { \"compute\": 1 } ] }";

    public static TheoryData<string, string, string, int, string> Cases => new()
    {
        // reason, json, path, line, message fragment
        { "unknown key at the top", "{\n\"name\": \"s\",\n\"taks\": []\n}", "$.taks", 3, "unknown key \"taks\"" },
        { "unknown key in a task", File3(Resources, Ok + ",\n{ \"name\": \"y\", \"priority\": 2, \"perod\": 10, \"body\": [] }"), "$.tasks[1].perod", 5, "unknown key \"perod\"" },
        { "unknown key in a step", File3(Resources, "{ \"name\": \"x\", \"priority\": 1, \"period\": 10,\n\"body\": [ { \"compute\": 1, \"lock\": \"a\" } ] }"), "$.tasks[0].body[0]", 5, "either" },
        { "duplicate key", File3("\"name\": \"s\",", "{ \"name\": \"x\", \"priority\": 1, \"priority\": 2, \"period\": 10, \"body\": [] }"), "$.tasks[0].priority", 4, "duplicate key \"priority\"" },
        { "missing period", File3(Resources, Ok + ",\n{ \"name\": \"y\", \"priority\": 2, \"body\": [ { \"compute\": 1 } ] }"), "$.tasks[1].period", 5, "missing required key \"period\"" },
        { "missing tasks", "{\n\"name\": \"s\"\n}", "$.tasks", 1, "missing required key \"tasks\"" },
        { "no tasks", "{\n\"tasks\": []\n}", "$.tasks", 2, "at least one task" },
        { "lock of an undeclared resource", File3(Resources, "{ \"name\": \"x\", \"priority\": 1, \"period\": 10,\n\"body\": [ { \"compute\": 1 },\n { \"lock\": \"c\", \"body\": [ { \"compute\": 1 } ] } ] }"), "$.tasks[0].body[1].lock", 6, "undeclared resource \"c\"" },
        { "resource locked inside itself", File3(Resources, "{ \"name\": \"x\", \"priority\": 1, \"period\": 10, \"body\": [\n{ \"lock\": \"a\", \"body\": [\n{ \"lock\": \"a\", \"body\": [ { \"compute\": 1 } ] } ] } ] }"), "$.tasks[0].body[0].body[0].lock", 6, "locked again inside itself" },
        { "lock-order cycle between tasks", File3(Resources,
            "{ \"name\": \"x\", \"priority\": 1, \"period\": 10, \"body\": [ { \"lock\": \"a\", \"body\": [ { \"lock\": \"b\", \"body\": [ { \"compute\": 1 } ] } ] } ] },\n"
            + "{ \"name\": \"y\", \"priority\": 2, \"period\": 10, \"body\": [ { \"lock\": \"b\", \"body\": [\n{ \"lock\": \"a\", \"body\": [ { \"compute\": 1 } ] } ] } ] }"),
            "$.tasks[1].body[0].body[0].lock", 6, "lock-order cycle between tasks" },
        { "negative number", File3(Resources, "{ \"name\": \"x\", \"priority\": 1, \"period\": 10,\n\"offset\": -5, \"body\": [ { \"compute\": 1 } ] }"), "$.tasks[0].offset", 5, "-5 must not be negative" },
        { "negative compute", File3(Resources, "{ \"name\": \"x\", \"priority\": 1, \"period\": 10,\n\"body\": [ { \"compute\": -1 } ] }"), "$.tasks[0].body[0].compute", 5, "must not be negative" },
        { "fraction", File3(Resources, "{ \"name\": \"x\", \"priority\": 1,\n\"period\": 2.5, \"body\": [ { \"compute\": 1 } ] }"), "$.tasks[0].period", 5, "not an integer" },
        { "exponent", File3(Resources, "{ \"name\": \"x\", \"priority\": 1,\n\"period\": 1e3, \"body\": [ { \"compute\": 1 } ] }"), "$.tasks[0].period", 5, "not an integer" },
        { "too large", File3(Resources, "{ \"name\": \"x\", \"priority\": 1,\n\"period\": 99999999999, \"body\": [ { \"compute\": 1 } ] }"), "$.tasks[0].period", 5, "larger than 2147483647" },
        { "wrong type: string priority", File3(Resources, "{ \"name\": \"x\",\n\"priority\": \"3\", \"period\": 10, \"body\": [] }"), "$.tasks[0].priority", 5, "expected an integer, found a string" },
        { "wrong type: body not an array", File3(Resources, "{ \"name\": \"x\", \"priority\": 3, \"period\": 10,\n\"body\": { \"compute\": 1 } }"), "$.tasks[0].body", 5, "expected a body" },
        { "wrong type: tasks not an array", "{\n\"tasks\": {}\n}", "$.tasks", 2, "expected an array of tasks" },
        { "wrong type: null name", File3(Resources, "{ \"name\": null, \"priority\": 3, \"period\": 10, \"body\": [] }"), "$.tasks[0].name", 4, "expected a name" },
        { "step with neither compute nor lock", File3(Resources, "{ \"name\": \"x\", \"priority\": 3, \"period\": 10,\n\"body\": [ {} ] }"), "$.tasks[0].body[0]", 5, "needs \"compute\" or \"lock\"" },
        { "lock without body", File3(Resources, "{ \"name\": \"x\", \"priority\": 3, \"period\": 10,\n\"body\": [ { \"lock\": \"a\" } ] }"), "$.tasks[0].body[0].body", 5, "missing required key \"body\"" },
        { "unknown protocol", "{\n\"resources\": [\n{ \"name\": \"a\", \"protocol\": \"priority-inheritance\" } ],\n\"tasks\": [ " + Ok + " ] }", "$.resources[0].protocol", 3, "unknown protocol" },
        { "ceiling on an inherit resource", "{\n\"resources\": [\n{ \"name\": \"a\", \"protocol\": \"inherit\", \"ceiling\": 1 } ],\n\"tasks\": [ " + Ok + " ] }", "$.resources[0].ceiling", 3, "applies only to protocol \"ceiling\"" },
        { "ceiling less urgent than a user", "{\n\"resources\": [\n{ \"name\": \"a\", \"protocol\": \"ceiling\", \"ceiling\": 5 } ],\n\"tasks\": [\n{ \"name\": \"x\", \"priority\": 1, \"period\": 10, \"body\": [ { \"lock\": \"a\", \"body\": [ { \"compute\": 1 } ] } ] } ] }", "$.resources[0].ceiling", 3, "less urgent than user \"x\"" },
        { "unknown overrun policy", File3(Resources, "{ \"name\": \"x\", \"priority\": 1, \"period\": 10,\n\"overrun\": \"drop\", \"body\": [ { \"compute\": 1 } ] }"), "$.tasks[0].overrun", 5, "unknown overrun policy" },
        { "priority above 1023", File3(Resources, "{ \"name\": \"x\",\n\"priority\": 1024, \"period\": 10, \"body\": [ { \"compute\": 1 } ] }"), "$.tasks[0].priority", 5, "outside 0..1023" },
        { "period 0", File3(Resources, "{ \"name\": \"x\", \"priority\": 1,\n\"period\": 0, \"body\": [ { \"compute\": 1 } ] }"), "$.tasks[0].period", 5, "at least 1" },
        { "deadline 0", File3(Resources, "{ \"name\": \"x\", \"priority\": 1, \"period\": 5,\n\"deadline\": 0, \"body\": [ { \"compute\": 1 } ] }"), "$.tasks[0].deadline", 5, "at least 1" },
        { "duplicate task name", File3(Resources, Ok + ",\n" + Ok), "$.tasks[1].name", 5, "declared twice" },
        { "duplicate resource name", "{\n\"resources\": [ { \"name\": \"a\", \"protocol\": \"inherit\" },\n{ \"name\": \"a\", \"protocol\": \"plain\" } ],\n\"tasks\": [ " + Ok + " ] }", "$.resources[1].name", 3, "declared twice" },
        { "name with a colon", File3(Resources, "{ \"name\": \"x:y\", \"priority\": 1, \"period\": 10, \"body\": [ { \"compute\": 1 } ] }"), "$.tasks[0].name", 4, "':'" },
        { "empty name", File3(Resources, "{ \"name\": \"\", \"priority\": 1, \"period\": 10, \"body\": [ { \"compute\": 1 } ] }"), "$.tasks[0].name", 4, "must not be empty" },
        { "no compute at all", File3(Resources, "{ \"name\": \"x\", \"priority\": 1, \"period\": 10, \"body\": [ { \"lock\": \"a\", \"body\": [] } ] }"), "$.tasks[0].body", 4, "computes 0 ticks" },
        { "invalid JSON: trailing comma", "{\n\"tasks\": [\n" + Ok + ",\n] }", "$.tasks", 4, "not valid JSON" },
        { "invalid JSON: comment", "{\n// tasks\n\"tasks\": [] }", "$", 2, "not valid JSON" },
        { "invalid JSON: two documents", "{ \"tasks\": [ " + Ok + " ] }\n{ }", "$", 2, "not valid JSON" },
        { "invalid JSON: empty", "", "$", 1, "not valid JSON" },
        { "not an object", "[\n1 ]", "$", 1, "expected a task set" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_file_is_refused_with_the_path_and_line_of_the_fault(string reason, string json, string path, int line, string fragment)
    {
        var e = Refuse(json);
        Assert.True(e.JsonPath == path, $"{reason}: path {e.JsonPath}, expected {path}");
        Assert.True(e.Line == line, $"{reason}: line {e.Line}, expected {line} ({e.Message})");
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void A_lock_order_cycle_through_three_tasks_is_refused_and_a_cycle_of_one_task_is_not()
    {
        string Task(string name, int prio, string outer, string inner) =>
            $"{{ \"name\": \"{name}\", \"priority\": {prio}, \"period\": 10, \"body\": [ {{ \"lock\": \"{outer}\", \"body\": [ {{ \"lock\": \"{inner}\", \"body\": [ {{ \"compute\": 1 }} ] }} ] }} ] }}";
        string res = "\"resources\": [ { \"name\": \"a\", \"protocol\": \"inherit\" }, { \"name\": \"b\", \"protocol\": \"ceiling\" }, { \"name\": \"c\", \"protocol\": \"plain\" } ],";
        var e = Refuse(File3(res, Task("x", 1, "a", "b") + ",\n" + Task("y", 2, "b", "c") + ",\n" + Task("z", 3, "c", "a")));
        Assert.Contains("\"x\" locks \"b\" while holding \"a\"", e.Message);
        Assert.Contains("\"z\" locks \"a\" while holding \"c\"", e.Message);

        // one task taking a→b in one section and b→a in another cannot deadlock with itself
        string oneTask = "{ \"name\": \"x\", \"priority\": 1, \"period\": 10, \"body\": [ { \"lock\": \"a\", \"body\": [ { \"lock\": \"b\", \"body\": [ { \"compute\": 1 } ] } ] },"
            + " { \"lock\": \"b\", \"body\": [ { \"lock\": \"a\", \"body\": [ { \"compute\": 1 } ] } ] } ] }";
        var set = TaskSetReader.Parse(File3(res, oneTask), "t.json");
        Assert.Equal(2, set.Tasks[0].Wcet);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_it()
    {
        string path = Path.Combine(Path.GetTempPath(), "nfproj-no-such-" + Guid.NewGuid().ToString("N") + ".json");
        var e = Assert.Throws<TaskSetFormatException>(() => TaskSetReader.ReadFile(path));
        Assert.Equal($"{path}: $: cannot read the file: no such file", e.Message);
    }

    [Fact]
    public void Every_file_in_tasksets_bad_is_refused_and_every_example_is_read()
    {
        var bad = Directory.GetFiles(TaskSetFiles.Bad, "*.json");
        Assert.True(bad.Length >= 8, "tasksets/bad/ has the refusal examples");
        foreach (var f in bad)
        {
            var e = Assert.Throws<TaskSetFormatException>(() => TaskSetReader.ReadFile(f));
            Assert.StartsWith(f + ":", e.Message);
            Assert.True(e.Line > 0, f);
        }
        var good = Directory.GetFiles(TaskSetFiles.Dir, "*.json");
        Assert.Contains(good, g => Path.GetFileName(g) == "sensor-bus.json");
        foreach (var f in good) Assert.NotEmpty(TaskSetReader.ReadFile(f).Tasks);
    }
}
