using NfRt.Simulator.Scenarios;

namespace UnitTests.SimulatorTests;

/// <summary>Every scenarios/*.tst script passes when run in-process through the runner API (CI also runs them through the CLI).</summary>
public class UnitTestScenarioFiles
{
    public static IEnumerable<object[]> Files() =>
        Directory.GetFiles(Paths.Scenarios, "*.tst").OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Files))]
    public void Scenario_passes(string file)
    {
        var result = ScenarioRunner.RunFile(Path.Combine(Paths.Scenarios, file));
        Assert.True(result.Passed, result.Format());
    }

    [Fact]
    public void There_are_scenarios_for_every_command_opcode()
    {
        var used = new HashSet<CommandOpcode>();
        foreach (var f in Directory.GetFiles(Paths.Scenarios, "*.tst"))
        {
            var script = ScriptParser.Parse(f, File.ReadAllBytes(f));
            Assert.True(script.Ok, f + ": " + script.Error?.Message);
            foreach (var line in script.Lines.Where(l => l.Kind == LineKind.Command)) used.Add(line.Command);
        }
        Assert.Equal("", string.Join(", ", Opcodes.AllCommands.Where(op => !used.Contains(op))));
    }

    [Fact]
    public void There_are_scenarios_for_every_test_and_for_irq_and_idle()
    {
        var used = new HashSet<TestOpcode>();
        var callers = new HashSet<int>();
        foreach (var f in Directory.GetFiles(Paths.Scenarios, "*.tst"))
        {
            var script = ScriptParser.Parse(f, File.ReadAllBytes(f));
            Assert.True(script.Ok, f + ": " + script.Error?.Message);
            foreach (var line in script.Lines.Where(l => l.Kind != LineKind.Command)) used.Add(line.Test);
            foreach (var line in script.Lines.Where(l => l.FieldObject == ObjectKind.None)) callers.Add(line.Thread);
        }
        // trylock (digit 1) is transient: a quiescent thread never shows it (§12), so only scenarios/bad/trylock-digit.tst uses it
        Assert.Equal("", string.Join(", ", Opcodes.AllTests.Where(t => t != TestOpcode.TryLock && !used.Contains(t))));
        Assert.Contains(Callers.Irq, callers);
        Assert.Contains(Callers.Idle, callers);
    }
}
