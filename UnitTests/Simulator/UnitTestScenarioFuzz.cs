using System.Text;
using NfRt.Simulator.Scenarios;

namespace UnitTests.SimulatorTests;

/// <summary>
/// Seeded random scripts (24 seeds × 300 commands, 6 threads, 4 mutexes, the lock commands; and 16 seeds × 300
/// commands mixing every command with options, semaphores, queues, flags, destroys, exits and calls from irq and idle)
/// run with the kernel's invariant checker on after every operation: no kernel fault, whatever the interleaving.
/// A failure prints the script so far, ready to save as a .tst file and replay.
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

    private static readonly CommandOpcode[] Any =
    {
        CommandOpcode.Lock, CommandOpcode.LockNoWait, CommandOpcode.LockInt, CommandOpcode.LockDd, CommandOpcode.LockTry,
        CommandOpcode.LockTimeout, CommandOpcode.Unlock, CommandOpcode.Unlock, CommandOpcode.Reset, CommandOpcode.SetTimeout,
        CommandOpcode.SetValue, CommandOpcode.SemTake, CommandOpcode.SemTakeTimeout, CommandOpcode.SemGive, CommandOpcode.SemGive,
        CommandOpcode.QSend, CommandOpcode.QSendUrgent, CommandOpcode.QSendTimeout, CommandOpcode.QSendUrgentTimeout,
        CommandOpcode.QReceive, CommandOpcode.QReceiveTimeout, CommandOpcode.FlagsWait, CommandOpcode.FlagsWaitAll,
        CommandOpcode.FlagsWaitKeep, CommandOpcode.FlagsWaitAllKeep, CommandOpcode.FlagsWaitTimeout, CommandOpcode.FlagsWaitAllTimeout,
        CommandOpcode.FlagsWaitKeepTimeout, CommandOpcode.FlagsWaitAllKeepTimeout, CommandOpcode.FlagsSet, CommandOpcode.FlagsClear,
    };

    private static readonly CommandOpcode[] Rare =
    {
        CommandOpcode.MutexDestroy, CommandOpcode.SemDestroy, CommandOpcode.QDestroy, CommandOpcode.FlagsDestroy, CommandOpcode.Exit,
    };

    public static IEnumerable<object[]> ApiSeeds() => Enumerable.Range(1, 16).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(ApiSeeds))]
    public void Random_scripts_over_the_whole_api_keep_every_kernel_invariant(int seed)
    {
        var rng = new Random(seed);
        var script = new StringBuilder();
        using var sys = new ScenarioSystem();
        int n = 0;
        void Step(string text)
        {
            n++;
            script.Append(text).Append('\n');
            Assert.True(ScriptParser.ParseLine(n, text, out var line) == null, text);
            var result = ScenarioRunner.RunLine(sys, $"api-fuzz-{seed}", line, null);
            if (result != null && result.Outcome != ScenarioOutcome.CommandRejected)
            {
                File.WriteAllText(Path.Combine(Path.GetTempPath(), $"nfproj-api-fuzz-{seed}.tst"), script.ToString());
                Assert.Fail($"seed {seed}, line {n}: {result.Format()}\nscript:\n{script}");
            }
        }
        Step("C: mutexcreate: 1: recursive");
        Step("C: mutexcreate: 2: robust");
        Step("C: mutexcreate: 3: ceiling=60, recursive, robust");
        Step("C: semcreate: 0: count=1, max=2");
        Step("C: qcreate: 0: capacity=2");
        while (n < 300)
        {
            int thread = rng.Next(6);
            var t = sys.PeekThread(thread);
            int roll = rng.Next(100);
            string who = roll < 12 ? "irq" : roll < 20 ? "idle" : thread.ToString();
            if (roll >= 20 && roll < 28) { Step($"C: schedfifo: {thread}: {1 + rng.Next(99)}"); continue; }
            if (roll >= 28 && roll < 32) { Step($"C: signal: {thread}: 0"); continue; }
            if (roll >= 32 && roll < 38) { Step($"C: tick: 0: {rng.Next(4)}"); continue; }
            if (who == thread.ToString() && t != null && (t.IsBusy || t.Ended)) { Step("C: tick: 0: 1"); continue; }
            if (who == thread.ToString() && t != null && t.IsPaused)
            {
                int paused = Enumerable.Range(0, 4).FirstOrDefault(m => t.Status().M(m) == 3);
                Step(rng.Next(4) == 0 ? $"C: reset: {thread}: 0" : $"C: lockcont: {thread}: {paused}");
                continue;
            }
            var op = rng.Next(40) == 0 ? Rare[rng.Next(Rare.Length)] : Any[rng.Next(Any.Length)];
            if (op == CommandOpcode.Exit && who != thread.ToString()) op = CommandOpcode.Nop;
            int arg = op switch
            {
                CommandOpcode.SetValue => 1 + rng.Next(7),
                CommandOpcode.SetTimeout => rng.Next(5),
                _ when Opcodes.TakesMutex(op) => rng.Next(4),
                _ => rng.Next(2),
            };
            Step($"C: {Opcodes.Name(op)}: {who}: {arg}");
        }
    }
}
