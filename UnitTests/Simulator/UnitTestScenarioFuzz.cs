using System.Text;
using NfRt.Simulator.Scenarios;

namespace UnitTests.SimulatorTests;

/// <summary>
/// Seeded random scripts (24 seeds × 300 commands, 6 threads, 4 mutexes, every command) run with the kernel's invariant
/// checker on after every operation: no kernel fault, whatever the interleaving. A failure
/// prints the script so far, ready to save as a .tst file and replay.
/// </summary>
public class UnitTestScenarioFuzz
{
    private static readonly CommandOpcode[] Free =
    {
        CommandOpcode.Lock, CommandOpcode.LockNoWait, CommandOpcode.LockInt, CommandOpcode.LockIntNoWait, CommandOpcode.LockDd,
        CommandOpcode.LockTry, CommandOpcode.LockTimeout, CommandOpcode.SetTimeout, CommandOpcode.Unlock, CommandOpcode.Unlock,
        CommandOpcode.Unlock, CommandOpcode.Reset, CommandOpcode.Nop, CommandOpcode.LockCont, CommandOpcode.ResetEvent,
    };

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 24).Select(i => new object[] { i });
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_scripts_keep_every_kernel_invariant(int seed)
    {
        var rng = new Random(seed);
        var script = new StringBuilder();
        using var sys = new ScenarioSystem();
        for (int n = 1; n <= 300; n++)
        {
            int thread = rng.Next(6);
            var t = sys.PeekThread(thread);
            CommandOpcode op;
            int arg = rng.Next(4);
            int roll = rng.Next(100);
            if (roll < 10) { op = CommandOpcode.SchedFifo; arg = 1 + rng.Next(99); }
            else if (roll < 14) op = CommandOpcode.SchedOther;
            else if (roll < 20) op = CommandOpcode.Signal;
            else if (roll < 26) { op = CommandOpcode.Tick; arg = rng.Next(4); }
            else if (t != null && t.IsBusy) { op = CommandOpcode.Tick; arg = 1; }
            else if (t != null && t.IsPaused) op = rng.Next(4) == 0 ? CommandOpcode.Reset : CommandOpcode.LockCont;
            else
            {
                op = Free[rng.Next(Free.Length)];
                if (op == CommandOpcode.SetTimeout) arg = rng.Next(6);
            }
            string text = $"C: {Opcodes.Name(op)}: {thread}: {arg}";
            script.Append(text).Append('\n');
            Assert.Null(ScriptParser.ParseLine(n, text, out var line));
            if (op == CommandOpcode.LockCont && t != null && t.IsPaused)
            {
                // continue the mutex it is paused on: find the digit 3
                var st = t.Status();
                for (int m = 0; m < 4; m++) if (st.M(m) == 3) line = line with { Argument = m };
                script.Length -= text.Length + 1;
                script.Append($"C: lockcont: {thread}: {line.Argument}\n");
            }
            var result = ScenarioRunner.RunLine(sys, $"fuzz-{seed}", line, null);
            if (result != null && result.Outcome != ScenarioOutcome.CommandRejected)
            {
                File.WriteAllText(Path.Combine(Path.GetTempPath(), $"nfproj-fuzz-{seed}.tst"), script.ToString());
                Assert.Fail($"seed {seed}, line {n}: {result.Format()}\nscript:\n{script}");
            }
        }
    }
}
