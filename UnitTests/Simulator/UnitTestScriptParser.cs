using System.Text;
using NfRt.Simulator.Scenarios;

namespace UnitTests.SimulatorTests;

/// <summary>The parser: every accepted form, and every kind of malformed line reported as "Syntax error in line N".</summary>
public class UnitTestScriptParser
{
    private const string Prefix = "# header\nC: resetevent: 0: 0\n\n";   // the bad line is line 4

    [Theory]
    [InlineData("X: lock: 0: 0", "unknown kind 'X' (expected C, W or T)")]
    [InlineData("CC: lock: 0: 0", "unknown kind 'CC' (expected C, W or T)")]
    [InlineData(": lock: 0: 0", "unknown kind '' (expected C, W or T)")]
    [InlineData("lock 0 0", "unknown kind 'lock 0 0' (expected C, W or T)")]
    [InlineData("C: lock: 0", "expected 4 ':'-separated fields (Kind: opcode: thread: argument), found 3")]
    [InlineData("C", "expected 4 ':'-separated fields (Kind: opcode: thread: argument), found 1")]
    [InlineData("C: lock: 0: 0: 0", "expected 4 ':'-separated fields (Kind: opcode: thread: argument), found 5")]
    [InlineData("C: lok: 0: 0", "unknown command 'lok'")]
    [InlineData("C: 46: 0: 0", "unknown command '46'")]
    [InlineData("C: semtake: 0: 64", "semtake object 64 out of range 0..63")]
    [InlineData("C: 22: 0: -1", "qreceive object -1 out of range 0..63")]
    [InlineData("C: flagsset: 0: 99", "flagsset object 99 out of range 0..63")]
    [InlineData("C: setvalue: 0: -5", "setvalue -5 out of range 0..2147483647")]
    [InlineData("C: prioeq: 0: 0", "unknown command 'prioeq'")]
    [InlineData("T: lock: 0: 0", "unknown test 'lock'")]
    [InlineData("W: lockedbkl: 0: 0", "unknown test 'lockedbkl'")]
    [InlineData("C: lock: x: 0", "thread 'x' is not a number, irq or idle")]
    [InlineData("C: lock: : 0", "thread '' is not a number, irq or idle")]
    [InlineData("C: lock: 1 2: 0", "thread '1 2' is not a number, irq or idle")]
    [InlineData("C: lock: 99999999999: 0", "thread 99999999999 out of range 0..63")]
    [InlineData("C: lock: 0: -99999999999", "mutex -99999999999 out of range 0..63")]
    [InlineData("T: prioeq: 0: 99999999999", "argument 99999999999 out of range -2147483648..2147483647")]
    [InlineData("T: opcodeeq: 0: -2147483649", "argument -2147483649 out of range -2147483648..2147483647")]
    [InlineData("C: schedfifo: 0: 2147483648", "schedfifo priority 2147483648 out of range 1..99")]
    [InlineData("C: tick: 99999999999: 5", "thread 99999999999 out of range -2147483648..2147483647")]
    [InlineData("C: tick: 0: 99999999999999999999999", "tick count 99999999999999999999999 out of range 0..1000000")]
    [InlineData("C: settimeout: 0: 2147483648", "settimeout ticks 2147483648 out of range 0..2147483647")]
    [InlineData("W: locked: 0: 18446744073709551616", "mutex 18446744073709551616 out of range 0..63")]
    [InlineData("C: lock: 64: 0", "thread 64 out of range 0..63")]
    [InlineData("T: prioeq: -1: 0", "thread -1 out of range 0..63")]
    [InlineData("C: lock: 0: zero", "argument 'zero' is not a number")]
    [InlineData("C: schedfifo: 0: 8O", "argument '8O' is not a number")]
    [InlineData("C: schedfifo: 0: 0x50", "argument '0x50' is not a number")]
    [InlineData("C: schedfifo: 0: 1.5", "argument '1.5' is not a number")]
    [InlineData("T: prioeq: 0: lock", "argument 'lock' is not a number")]
    [InlineData("T: opcodeeq: 0: lok", "argument 'lok' is neither a number nor a command name")]
    [InlineData("C: lock: 0: 64", "mutex 64 out of range 0..63")]
    [InlineData("C: unlock: 0: -1", "mutex -1 out of range 0..63")]
    [InlineData("C: lockcont: 0: 100", "mutex 100 out of range 0..63")]
    [InlineData("W: blocked: 0: 64", "mutex 64 out of range 0..63")]
    [InlineData("C: schedfifo: 0: 0", "schedfifo priority 0 out of range 1..99")]
    [InlineData("C: schedfifo: 0: 100", "schedfifo priority 100 out of range 1..99")]
    [InlineData("C: settimeout: 0: -1", "settimeout ticks -1 must be >= 0")]
    [InlineData("C: tick: 0: -1", "tick count -1 out of range 0..1000000")]
    [InlineData("C: tick: 0: 1000001", "tick count 1000001 out of range 0..1000000")]
    // callers irq and idle (§17)
    [InlineData("C: schedfifo: irq: 80", "schedfifo needs a test thread (0..63), not irq")]
    [InlineData("C: schedother: IDLE: 0", "schedother needs a test thread (0..63), not idle")]
    [InlineData("C: signal: idle: 0", "signal needs a test thread (0..63), not idle")]
    [InlineData("C: exit: irq: 0", "exit needs a test thread (0..63), not irq")]
    [InlineData("T: prioeq: irq: 0", "prioeq needs a test thread (0..63), not irq: irq has only O and E")]
    [InlineData("W: npriogt: idle: 0", "npriogt needs a test thread (0..63), not idle: idle has only O and E")]
    [InlineData("T: locked: idle: 0", "locked needs a test thread (0..63), not idle: idle has only O and E")]
    [InlineData("C: semgive: isr: 0", "thread 'isr' is not a number, irq or idle")]
    // create commands (§18)
    [InlineData("C: mutexcreate: 64: none", "mutex 64 out of range 0..63")]
    [InlineData("C: semcreate: -1: none", "semaphore -1 out of range 0..63")]
    [InlineData("C: qcreate: irq: none", "queue 'irq' is not a number")]
    [InlineData("C: mutexcreate: 0: 0", "unknown mutexcreate option '0' (expected ceiling=K, recursive, robust, or none)")]
    [InlineData("C: mutexcreate: 0: ceiling=80,inherit", "unknown mutexcreate option 'inherit' (expected ceiling=K, recursive, robust, or none)")]
    [InlineData("C: semcreate: 0: capacity=2", "unknown semcreate option 'capacity=2' (expected count=N, max=N, or none)")]
    [InlineData("C: qcreate: 0: max=2", "unknown qcreate option 'max=2' (expected capacity=N, or none)")]
    [InlineData("C: mutexcreate: 0: robust, Robust", "mutexcreate option 'robust' given twice")]
    [InlineData("C: mutexcreate: 0: robust=1", "mutexcreate option 'robust' takes no value")]
    [InlineData("C: mutexcreate: 0: ceiling", "mutexcreate option 'ceiling' needs a value (ceiling=K)")]
    [InlineData("C: semcreate: 0: max=", "semcreate max '' is not a number")]
    [InlineData("C: mutexcreate: 0: ceiling=high", "mutexcreate ceiling 'high' is not a number")]
    [InlineData("C: mutexcreate: 0: ceiling=100", "mutexcreate ceiling 100 out of range -40..99")]
    [InlineData("C: mutexcreate: 0: ceiling=-41", "mutexcreate ceiling -41 out of range -40..99")]
    [InlineData("C: semcreate: 0: max=0", "semcreate max 0 out of range 1..2147483647")]
    [InlineData("C: semcreate: 0: count=-1", "semcreate count -1 out of range 0..2147483647")]
    [InlineData("C: semcreate: 0: count=4,max=3", "semcreate count 4 out of range 0..3 (the max)")]
    [InlineData("C: semcreate: 0: count=65", "semcreate count 65 out of range 0..64 (the max)")]
    [InlineData("C: qcreate: 0: capacity=0", "qcreate capacity 0 out of range 1..1024")]
    [InlineData("C: qcreate: 0: capacity=99999999999999999999", "qcreate capacity 99999999999999999999 out of range 1..1024")]
    [InlineData("C: qcreate: 0: capacity=2,", "qcreate option list 'capacity=2,' has an empty item")]
    [InlineData("C: semcreate: 0: none,max=2", "'none' must be the only semcreate option")]
    // destroy, exit, more waits (§19-§21): the argument as for the other commands on that object
    [InlineData("C: mutexdestroy: 0: 64", "mutex 64 out of range 0..63")]
    [InlineData("C: semdestroy: 0: 64", "semdestroy object 64 out of range 0..63")]
    [InlineData("C: qdestroy: 0: -1", "qdestroy object -1 out of range 0..63")]
    [InlineData("C: flagsdestroy: 0: x", "argument 'x' is not a number")]
    [InlineData("C: exit: 0: x", "argument 'x' is not a number")]
    [InlineData("C: flagswaitkeep: 0: 64", "flagswaitkeep object 64 out of range 0..63")]
    [InlineData("C: flagswaitallkeeptimeout: 0: 64", "flagswaitallkeeptimeout object 64 out of range 0..63")]
    [InlineData("C: qsendtimeout: 0: 64", "qsendtimeout object 64 out of range 0..63")]
    [InlineData("C: qsendurgenttimeout: 0: -1", "qsendurgenttimeout object -1 out of range 0..63")]
    // object tests (§22)
    [InlineData("T: semcounteq: 64: 0", "semaphore 64 out of range 0..63")]
    [InlineData("W: mutexownereq: x: 0", "mutex 'x' is not a number")]
    [InlineData("T: flagseq: idle: 0", "flags 'idle' is not a number")]
    [InlineData("T: qcounteq: 0: two", "argument 'two' is not a number")]
    [InlineData("T: qcontentseq: 0: 1,x", "qcontentseq word 'x' is not a number (expected words like 5,7 or empty)")]
    [InlineData("T: qcontentseq: 0: 1,,2", "qcontentseq word '' is not a number (expected words like 5,7 or empty)")]
    [InlineData("T: qcontentseq: 0: 2147483648", "qcontentseq word 2147483648 out of range -2147483648..2147483647")]
    public void Malformed_line_is_a_syntax_error_in_its_line(string line, string message)
    {
        var script = ScriptParser.Parse("t.tst", Prefix + line + "\nC: nop: 0: 0\n");
        Assert.False(script.Ok);
        Assert.Equal(4, script.Error.Line);
        Assert.Equal(message, script.Error.Message);
        var result = ScenarioRunner.Run(script);
        Assert.Equal("Syntax error in line 4", result.Headline);
        Assert.Equal($"t.tst: Syntax error in line 4: {message}\n    line 4: {line.Trim()}\n", result.Format());
    }

    [Fact]
    public void Nothing_runs_when_a_later_line_is_malformed()
    {
        // line 2 would fail as a test, but the syntax error in line 3 is reported: the whole file is checked first
        var result = ScenarioRunner.Run(ScriptParser.Parse("t.tst", "C: schedfifo: 0: 80\nT: prioeq: 0: 1\nC: bogus: 0: 0\n"));
        Assert.Equal("Syntax error in line 3", result.Headline);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'C', (byte)':', 0, (byte)'\n' }, 1, "binary data (byte 0x00 at column 3); not a scenario script")]
    [InlineData(new byte[] { (byte)'#', (byte)'\n', 0x7F }, 2, "binary data (byte 0x7F at column 1); not a scenario script")]
    [InlineData(new byte[] { (byte)'C', (byte)':', 0xC3, 0x28, (byte)'\n' }, 1, "not UTF-8 text (binary data?)")]
    [InlineData(new byte[] { 0x1B, (byte)'[', (byte)'0', (byte)'m' }, 1, "binary data (byte 0x1B at column 1); not a scenario script")]
    [InlineData(new byte[0], 1, "empty script: no C, W or T line")]
    [InlineData(new byte[] { (byte)'\n', (byte)'\n' }, 2, "empty script: no C, W or T line")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, 1, "empty script: no C, W or T line")]
    public void Binary_and_empty_input_is_a_syntax_error(byte[] bytes, int line, string message)
    {
        var script = ScriptParser.Parse("b.tst", bytes);
        Assert.False(script.Ok);
        Assert.Equal(line, script.Error.Line);
        Assert.Equal(message, script.Error.Message);
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var rng = new Random(1234);
        for (int i = 0; i < 300; i++)
        {
            var bytes = new byte[rng.Next(0, 200)];
            rng.NextBytes(bytes);
            if (i % 2 == 0) for (int j = 0; j < bytes.Length; j++) bytes[j] = (byte)":C W T 0123456789-#\t\n lockunfifo"[bytes[j] % 31];
            var script = ScriptParser.Parse("g.tst", bytes);
            if (!script.Ok) Assert.InRange(script.Error.Line, 1, bytes.Length + 1);
        }
    }

    [Fact]
    public void Accepted_forms_tabs_case_numbers_names_comments_crlf_and_bom()
    {
        string text = "\uFEFF#\tcomment\r\n   # indented comment\r\n\t\r\n" +
                      "c:\tSchedFIFO:\t\t1:\t 80 \r\n" +       // line 4
                      "C: 4: 2: 3\r\n" +                        // line 5: command by number
                      "w:  BLOCKED : 2 : 3\r\n" +               // line 6
                      "T: opcodeeq: 1: LockIntNoWait\r\n" +     // line 7: name as argument
                      "T: opcodeeq: 1: -4\r\n" +                // line 8
                      "C: tick: 12345: 0\n" +                   // line 9: tick ignores the thread field
                      "C: Lock: +1: 0";                         // line 10, no final newline
        var script = ScriptParser.Parse("ok.tst", Encoding.UTF8.GetBytes(text));
        Assert.True(script.Ok, script.Error?.Message);
        var l = script.Lines;
        Assert.Equal(new[] { 4, 5, 6, 7, 8, 9, 10 }, l.Select(x => x.Number));
        Assert.Equal((LineKind.Command, CommandOpcode.SchedFifo, 1, 80), (l[0].Kind, l[0].Command, l[0].Thread, l[0].Argument));
        Assert.Equal((CommandOpcode.LockNoWait, 2, 3), (l[1].Command, l[1].Thread, l[1].Argument));
        Assert.Equal((LineKind.Wait, TestOpcode.Blocked, 2, 3), (l[2].Kind, l[2].Test, l[2].Thread, l[2].Argument));
        Assert.Equal((LineKind.Test, TestOpcode.OpcodeEq, 6), (l[3].Kind, l[3].Test, l[3].Argument));
        Assert.Equal(-4, l[4].Argument);
        Assert.True(l[5].IsTick);
        Assert.Equal((CommandOpcode.Lock, 1), (l[6].Command, l[6].Thread));
        Assert.Equal("c:\tSchedFIFO:\t\t1:\t 80", l[0].Text);
    }

    [Fact]
    public void Every_command_is_accepted_by_name_and_by_number()
    {
        foreach (var op in Opcodes.AllCommands)
        {
            string arg = op == CommandOpcode.SchedFifo ? "50" : Opcodes.IsCreate(op) ? "none" : "0";
            Assert.True(ScriptParser.ParseLine(1, $"C: {Opcodes.Name(op).ToUpperInvariant()}: 0: {arg}", out var byName) == null, op.ToString());
            Assert.True(ScriptParser.ParseLine(1, $"C: {(int)op}: 0: {arg}", out var byNumber) == null, op.ToString());
            Assert.Equal(op, byName.Command);
            Assert.Equal(op, byNumber.Command);
            Assert.True(ScriptParser.ParseLine(1, $"T: opcodeeq: 0: {Opcodes.Name(op)}", out var asArg) == null);
            Assert.Equal((int)op, asArg.Argument);
        }
        foreach (var test in Opcodes.AllTests)
        {
            Assert.True(ScriptParser.ParseLine(1, $"W: {Opcodes.Name(test)}: 63: 5", out var w) == null, test.ToString());
            Assert.Equal((LineKind.Wait, test, 63), (w.Kind, w.Test, w.Thread));
            if (ObjectKinds.Of(test) != ObjectKind.None) Assert.Equal(63, w.Object);
        }
    }

    [Fact]
    public void Leading_zeros_are_still_the_number()
    {
        Assert.Null(ScriptParser.ParseLine(1, "T: prioeq: 0: " + new string('0', 40) + "80", out var line));
        Assert.Equal(80, line.Argument);
    }

    [Fact]
    public void Cr_only_crlf_and_mixed_line_ends_all_end_lines()
    {
        // CR (old Mac), CR CR (a blank line 3), CRLF, LF, LF CR (a blank line 7), CR at the end
        string text = "C: schedfifo: 0: 80\rT: prioeq: 0: 80\r\rC: locknowait: 0: 0\r\nT: locked: 0: 0\n\n\rT: prioeq: 0: 81\r";
        var script = ScriptParser.Parse("cr.tst", Encoding.UTF8.GetBytes(text));
        Assert.True(script.Ok, script.Error?.Message);
        Assert.Equal(new[] { 1, 2, 4, 5, 8 }, script.Lines.Select(l => l.Number));
        Assert.Equal("Test failed in line 8", ScenarioRunner.Run(script).Headline);
        var bad = ScriptParser.Parse("cr.tst", Encoding.UTF8.GetBytes("C: nop: 0: 0\rC: nop: 0: 0\rC: bogus: 0: 0\r"));
        Assert.Equal(3, bad.Error.Line);
        Assert.Equal("C: bogus: 0: 0", bad.Error.LineText);
    }

    [Fact]
    public void Over_long_line_is_quoted_shortened_in_the_report()
    {
        string digits = new string('7', 5000);
        string line = "C: lock: 0: " + digits;                            // 5012 characters
        var result = ScenarioRunner.Run(ScriptParser.Parse("t.tst", Prefix + line + "\n"));
        string report = result.Format();
        Assert.StartsWith("t.tst: Syntax error in line 4: mutex " + digits[..40] + "… (5000 characters) out of range 0..63\n", report);
        Assert.Contains("    line 4: " + line[..80] + "… (5012 characters)\n", report);
        Assert.True(report.Length < 400, report.Length.ToString());

        string kind = new string('X', 10000);
        result = ScenarioRunner.Run(ScriptParser.Parse("t.tst", Prefix + kind + "\n"));
        Assert.True(result.Format().Length < 400);
        Assert.Contains("unknown kind '" + kind[..40] + "… (10000 characters)'", result.Format());

        // a well-formed but long line that fails as a test
        string test = "T: prioeq: 0:" + new string(' ', 3000) + "81";
        result = ScenarioRunner.Run(ScriptParser.Parse("t.tst", "C: schedfifo: 0: 80\n" + test + "\n"));
        Assert.Equal("Test failed in line 2", result.Headline);
        Assert.Contains("    line 2: " + test[..80] + "… (3015 characters)\n", result.Format());
        Assert.True(result.Format().Length < 400);
    }

    [Fact]
    public void Progress_is_reported_per_line_inside_a_file()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 200; i++) text.Append("C: nop: ").Append(i % 4).Append(": 0\n");
        var script = ScriptParser.Parse("p.tst", text.ToString());
        var calls = new List<(int Done, int Total)>();
        Assert.True(ScenarioRunner.Run(script, progress: (done, total) => calls.Add((done, total))).Passed);
        Assert.True(calls.Count >= 10, $"{calls.Count} progress reports for 200 lines");
        Assert.All(calls, c => Assert.Equal(200, c.Total));
        Assert.Equal(calls.Select(c => c.Done).OrderBy(d => d), calls.Select(c => c.Done));
        Assert.Contains(calls, c => c.Done > 0 && c.Done < 200);
        Assert.Equal(200, calls[^1].Done);
    }
}
