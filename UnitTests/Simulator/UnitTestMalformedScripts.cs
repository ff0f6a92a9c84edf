using NfRt.Simulator;
using NfRt.Simulator.Scenarios;

namespace UnitTests.SimulatorTests;

/// <summary>
/// Every scenarios/bad/*.tst script fails with exactly the expected headline, and the CLI turns
/// failures, missing files and directories into a clear message and a non-zero exit code.
/// </summary>
public class UnitTestMalformedScripts
{
    public static readonly Dictionary<string, string> Expected = new()
    {
        ["argument-not-a-number.tst"] = "Syntax error in line 4",
        ["binary.tst"] = "Syntax error in line 2",
        ["busy.tst"] = "Command rejected in line 6",
        ["comments-only.tst"] = "Syntax error in line 3",
        ["create-after-use.tst"] = "Syntax error in line 5",
        ["create-option-unknown.tst"] = "Syntax error in line 4",
        ["empty-field.tst"] = "Syntax error in line 3",
        ["empty.tst"] = "Syntax error in line 1",
        ["exit-then-command.tst"] = "Command rejected in line 6",
        ["hex-number.tst"] = "Syntax error in line 3",
        ["irq-driver-command.tst"] = "Syntax error in line 4",
        ["irq-prio-test.tst"] = "Syntax error in line 5",
        ["mutex-out-of-range.tst"] = "Syntax error in line 3",
        ["negative-thread.tst"] = "Syntax error in line 3",
        ["negative-timeout.tst"] = "Syntax error in line 3",
        ["not-utf8.tst"] = "Syntax error in line 3",
        ["object-test-before-use.tst"] = "Syntax error in line 5",
        ["object-test-failed.tst"] = "Test failed in line 6",
        ["opcode-name-unknown.tst"] = "Syntax error in line 3",
        ["pause-rejects.tst"] = "Test failed in line 8",
        ["qcontents-not-a-number.tst"] = "Syntax error in line 4",
        ["schedfifo-out-of-range.tst"] = "Syntax error in line 3",
        ["test-failed.tst"] = "Test failed in line 4",
        ["test-mutex-out-of-range.tst"] = "Syntax error in line 3",
        ["thread-not-a-number.tst"] = "Syntax error in line 3",
        ["thread-out-of-range.tst"] = "Syntax error in line 3",
        ["tick-out-of-range.tst"] = "Syntax error in line 3",
        ["too-few-fields.tst"] = "Syntax error in line 3",
        ["too-many-fields.tst"] = "Syntax error in line 3",
        ["trylock-digit.tst"] = "Test failed in line 4",
        ["unknown-command.tst"] = "Syntax error in line 3",
        ["unknown-kind.tst"] = "Syntax error in line 4",
        ["unknown-test.tst"] = "Syntax error in line 3",
        ["wait-failed.tst"] = "Wait failed in line 5",
    };

    public static IEnumerable<object[]> BadFiles() => Expected.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Bad_script_reports_the_exact_line(string file)
    {
        var result = ScenarioRunner.RunFile(Path.Combine(Paths.BadScenarios, file));
        Assert.False(result.Passed);
        Assert.Equal(Expected[file], result.Headline);
        Assert.StartsWith(Path.Combine(Paths.BadScenarios, file) + ": " + Expected[file], result.Format());
    }

    [Fact]
    public void Every_bad_script_has_an_expectation()
    {
        var files = Directory.GetFiles(Paths.BadScenarios).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal);
        Assert.Equal(Expected.Keys.OrderBy(k => k, StringComparer.Ordinal), files);
    }

    [Fact]
    public void Failed_test_report_names_the_line_and_the_thread_status()
    {
        var result = ScenarioRunner.RunFile(Path.Combine(Paths.BadScenarios, "test-failed.tst"));
        Assert.Equal(ScenarioOutcome.TestFailed, result.Outcome);
        Assert.Equal("T: prioeq:\t\t1: \t81", result.LineText);
        Assert.Equal("thread 1: O:    0, E:       0, P:   80, N:   80, M: 00000000", result.Status);
    }

    [Fact]
    public void Failed_object_test_report_names_the_line_and_the_object_state()
    {
        var result = ScenarioRunner.RunFile(Path.Combine(Paths.BadScenarios, "object-test-failed.tst"));
        Assert.Equal(ScenarioOutcome.TestFailed, result.Outcome);
        Assert.Equal("T: semcounteq:\t\t0: 3", result.LineText);
        Assert.Equal("semaphore 0: count 2 of 3, waiters 0", result.Status);
    }

    [Fact]
    public void A_command_for_an_ended_thread_is_rejected_naming_it()
    {
        var result = ScenarioRunner.RunFile(Path.Combine(Paths.BadScenarios, "exit-then-command.tst"));
        Assert.Equal("thread 0 has ended (exit): it takes no more commands", result.Detail);
        Assert.Equal("thread 0: O:    0, E:       3, P:  -21, N:  -21, M: 00000000", result.Status);
    }

    [Fact]
    public void Missing_file_and_directory_are_reported_not_thrown()
    {
        var missing = ScenarioRunner.RunFile(Path.Combine(Paths.BadScenarios, "no-such-file.tst"));
        Assert.Equal(ScenarioOutcome.FileError, missing.Outcome);
        Assert.Contains("no such file", missing.Format());
        var dir = ScenarioRunner.RunFile(Paths.BadScenarios);
        Assert.Equal(ScenarioOutcome.FileError, dir.Outcome);
        Assert.Contains("is a directory", dir.Format());
    }

    [Fact]
    public void Cli_exit_code_is_zero_only_when_every_file_passes()
    {
        var good = new FileInfo(Path.Combine(Paths.Scenarios, "pi-one-level.tst"));
        var bad = new FileInfo(Path.Combine(Paths.BadScenarios, "unknown-kind.tst"));
        var missing = new FileInfo(Path.Combine(Paths.BadScenarios, "missing.tst"));

        var output = new StringWriter();
        Assert.Equal(0, Commands.RunScenarios(new[] { good }, null, null, false, output));
        Assert.Equal(good + ": Pass\n", output.ToString().Replace("\r\n", "\n"));

        output = new StringWriter();
        Assert.Equal(1, Commands.RunScenarios(new[] { good, bad }, null, null, false, output));
        var text = output.ToString().Replace("\r\n", "\n");
        Assert.Contains(good + ": Pass\n", text);
        Assert.Contains(bad + ": Syntax error in line 4: unknown kind 'X' (expected C, W or T)\n", text);
        Assert.EndsWith("1 of 2 scripts passed\n", text);

        output = new StringWriter();
        Assert.Equal(1, Commands.RunScenarios(new[] { missing }, null, null, false, output));
        Assert.Contains("missing.tst: Cannot read file: no such file", output.ToString());

        output = new StringWriter();
        Assert.Equal(1, Commands.RunScenarios(new[] { new FileInfo(Paths.BadScenarios) }, null, null, false, output));
        Assert.Contains("Cannot read file: is a directory", output.ToString());
    }

    [Fact]
    public void Verbose_echoes_every_line_with_the_thread_status()
    {
        var output = new StringWriter();
        var good = new FileInfo(Path.Combine(Paths.Scenarios, "pi-one-level.tst"));
        Assert.Equal(0, Commands.RunScenarios(new[] { good }, null, null, true, output));
        var lines = output.ToString().Replace("\r\n", "\n").Split('\n');
        Assert.Equal(good.ToString(), lines[0]);
        Assert.Contains(lines, l => l.Contains("T: prioeq:\t\t0: \t80") && l.EndsWith("T0 O:    0, E:       2, P:   80, N:  -21, M: 00000004"));
    }
}
