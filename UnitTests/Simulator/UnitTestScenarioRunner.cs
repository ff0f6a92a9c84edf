using System.Text;
using NfRt.Simulator.Scenarios;

namespace UnitTests.SimulatorTests;

/// <summary>Runner semantics: quiescence, -EBUSY, the pause, waits after ticks, 64 threads and mutexes.</summary>
public class UnitTestScenarioRunner
{
    private static ScenarioResult Run(string text) => ScenarioRunner.Run(ScriptParser.Parse("s.tst", text));

    private static void AssertPass(string text)
    {
        var r = Run(text);
        Assert.True(r.Passed, r.Format());
    }

    [Fact]
    public void Wait_after_a_tick_driven_timeout_sees_the_result()
    {
        AssertPass("""
            C: locknowait: 0: 0
            C: settimeout: 1: 3
            C: locktimeout: 1: 0
            W: blocked: 1: 0
            C: tick: 0: 3
            W: unlocked: 1: 0
            W: opcodeeq: 1: -110
            """);
    }

    [Fact]
    public void Wait_that_needs_time_fails_instead_of_hanging()
    {
        var r = Run("""
            C: locknowait: 0: 0
            C: settimeout: 1: 3
            C: locktimeout: 1: 0
            W: unlocked: 1: 0
            """);
        Assert.Equal("Wait failed in line 4", r.Headline);
        Assert.Equal("thread 1: O:   14, E:       4, P:  -21, N:  -21, M: 00000002", r.Status);
    }

    [Fact]
    public void A_busy_thread_rejects_commands_but_not_priority_changes_or_signals()
    {
        AssertPass("""
            C: locknowait: 0: 0
            C: lockintnowait: 1: 0
            W: blocked: 1: 0
            C: schedfifo: 1: 50
            T: prioeq: 0: 50
            C: schedother: 1: 0
            T: prioeq: 0: -21
            C: signal: 1: 0
            W: opcodeeq: 1: -4
            """);
        var r = Run("""
            C: locknowait: 0: 0
            C: locknowait: 1: 0
            C: nop: 1: 0
            """);
        Assert.Equal("Command rejected in line 3", r.Headline);
        Assert.Equal("thread 1 is busy with a command (-EBUSY)", r.Detail);
    }

    [Fact]
    public void The_pause_accepts_only_lockcont_reset_resetevent_and_nop()
    {
        var sb = new StringBuilder("""
            C: locknowait: 0: 0
            C: lock: 1: 0
            C: unlock: 0: 0
            W: blockedwake: 1: 0

            """);
        foreach (var op in Opcodes.AllCommands)
        {
            // driver commands and create commands (§18) never reach the thread
            if (Opcodes.IsDriverCommand(op) || Opcodes.IsCreate(op) || op is CommandOpcode.Nop or CommandOpcode.Reset or CommandOpcode.ResetEvent) continue;
            string arg = op == CommandOpcode.LockCont ? "1" : "0";    // lockcont of another mutex is rejected too
            sb.Append($"C: {Opcodes.Name(op)}: 1: {arg}\nW: opcodeeq: 1: -22\nT: blockedwake: 1: 0\n");
        }
        sb.Append("C: nop: 1: 0\nT: opcodeeq: 1: 0\nC: resetevent: 1: 0\nT: opcodeeq: 1: 0\nC: reset: 1: 0\nT: opcodeeq: 1: 0\n");
        sb.Append("C: lockcont: 1: 0\nW: locked: 1: 0\nT: opcodeeq: 1: 0\nT: eventeq: 1: 2\n");
        AssertPass(sb.ToString());
    }

    [Fact]
    public void Unused_thread_reads_as_a_fresh_normal_thread()
    {
        AssertPass("""
            T: prioeq: 63: -21
            T: nprioeq: 63: -21
            T: opcodeeq: 63: 0
            T: eventeq: 63: 0
            T: unlocked: 63: 63
            """);
    }

    [Fact]
    public void Sixty_four_threads_form_a_63_level_chain_over_64_mutexes()
    {
        // Ti holds Li, then waits on L(i-1): T63 -> L62 -> T62 -> ... -> L0 -> T0. T63 (99) boosts the whole chain.
        var sb = new StringBuilder();
        for (int i = 0; i < 64; i++) sb.Append($"C: locknowait: {i}: {i}\nW: locked: {i}: {i}\n");
        for (int i = 1; i < 64; i++) sb.Append($"C: schedfifo: {i}: {i}\nC: lockintnowait: {i}: {i - 1}\nW: blocked: {i}: {i - 1}\n");
        sb.Append("C: schedfifo: 63: 99\n");
        for (int i = 0; i < 64; i++) sb.Append($"T: prioeq: {i}: 99\n");
        sb.Append("C: signal: 63: 0\nW: unlocked: 63: 62\n");
        for (int i = 0; i < 63; i++) sb.Append($"T: prioeq: {i}: 62\n");
        for (int i = 63; i >= 1; i--) sb.Append($"C: signal: {i}: 0\nW: unlocked: {i}: {i - 1}\n");
        sb.Append("T: prioeq: 0: -21\n");
        for (int i = 0; i < 64; i++) sb.Append($"C: unlock: {i}: {i}\nW: unlocked: {i}: {i}\n");
        AssertPass(sb.ToString());
    }

    [Fact]
    public void Status_line_prints_more_digits_when_high_mutexes_are_used()
    {
        var r = Run("C: locknowait: 0: 10\nC: locknowait: 0: 0\nT: locked: 0: 1\n");
        Assert.Equal("thread 0: O:    0, E:       4, P:  -21, N:  -21, M: 40000000004", r.Status);
    }
}
