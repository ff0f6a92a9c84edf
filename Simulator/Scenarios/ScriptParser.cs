using System.Text;

namespace NfRt.Simulator.Scenarios;

/// <summary>A syntax error: the 1-based line and what is wrong with it.</summary>
public sealed record ScriptError(int Line, string Message, string LineText);

/// <summary>A parsed script: its lines, or the first syntax error (then <see cref="Lines"/> holds the lines before it).</summary>
public sealed record ParsedScript(string Name, IReadOnlyList<ScenarioLine> Lines, ScriptError Error)
{
    /// <summary>True when the whole script parsed.</summary>
    public bool Ok => Error == null;
}

/// <summary>
/// Parses scenario scripts (scenario-language.md) into <see cref="ScenarioLine"/>s.
/// <para>Contract: the whole file is checked before anything runs, and the first problem is
/// reported as a <see cref="ScriptError"/> with its 1-based line number — never an exception.
/// Lines end at LF, CR LF or a lone CR (old Mac), mixed freely. Accepted: blank lines; comments (first field starts with <c>#</c>); lines of exactly four
/// <c>:</c>-separated fields, each trimmed of whitespace (scripts align with tabs), kind and
/// opcode case-insensitive, commands by name or number, <c>opcode*</c> test arguments as a
/// number or a command name, <c>irq</c> and <c>idle</c> as callers (§17), a create command's
/// option list (<see cref="CreateOptions"/>), <c>qcontentseq</c>'s word list (<see cref="WordList"/>).
/// Rejected: binary data (NUL or control bytes anywhere; bytes that are not UTF-8 outside a comment), wrong
/// field count, unknown kind or opcode, non-numbers, numbers out of range (a number too large for
/// an int is "out of range", like any other), a thread index outside 0..63 (except for
/// <c>tick</c>, whose thread field is ignored but must be a number), a mutex index outside
/// 0..63, a semaphore, queue or event-flags index outside 0..63, a negative <c>setvalue</c>,
/// a <c>schedfifo</c> priority outside 1..99, a negative <c>settimeout</c>, a
/// <c>tick</c> count outside 0..1000000, a driver command, <c>exit</c>, or a P, N or M test for
/// <c>irq</c> or <c>idle</c>, a create command for an object that already exists, an object test
/// of one that does not exist yet (<see cref="ObjectLedger"/>), and a script with no C/W/T line at
/// all (reported at its last line).</para>
/// </summary>
public static class ScriptParser
{
    /// <summary>Test threads and mutexes a script may use (indices 0..63).</summary>
    public const int MaxThreads = 64, MaxMutexes = 64;

    /// <summary>Semaphores, queues and event flags a script may use, each (indices 0..63).</summary>
    public const int MaxObjects = 64;

    /// <summary>Largest <c>tick</c> count of one line.</summary>
    public const int MaxTickCount = 1_000_000;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Parses raw file bytes (a UTF-8 BOM is skipped).</summary>
    public static ParsedScript Parse(string name, byte[] bytes)
    {
        var lines = new List<ScenarioLine>();
        var objects = new ObjectLedger();
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        int number = 0;
        while (start < bytes.Length)
        {
            // a line ends at LF, CR LF or a lone CR (old Mac files)
            int end = bytes.AsSpan(start).IndexOfAny((byte)'\n', (byte)'\r');
            end = end < 0 ? bytes.Length : start + end;
            int next = end + (end + 1 < bytes.Length && bytes[end] == '\r' && bytes[end + 1] == '\n' ? 2 : 1);
            number++;
            string text;
            var bad = CheckBytes(bytes, start, end - start);
            if (bad != null) return new ParsedScript(name, lines, new ScriptError(number, bad, Printable(bytes, start, end - start)));
            try { text = StrictUtf8.GetString(bytes, start, end - start); }
            catch (DecoderFallbackException)
            {
                // A comment may be in any 8-bit encoding; anything else must be UTF-8 (ASCII in practice).
                text = Encoding.Latin1.GetString(bytes, start, end - start).Trim();
                if (text.Length == 0 || !text.StartsWith('#'))
                    return new ParsedScript(name, lines, new ScriptError(number, "not UTF-8 text (binary data?)", Printable(bytes, start, end - start)));
            }
            var error = ParseLine(number, text, out var line);
            if (error != null) return new ParsedScript(name, lines, error);
            if (line != null)
            {
                string order = objects.Check(line);
                if (order != null) return new ParsedScript(name, lines, new ScriptError(number, order, line.Text));
                objects.Note(line);
                lines.Add(line);
            }
            start = next;
        }
        if (lines.Count == 0)
            return new ParsedScript(name, lines, new ScriptError(Math.Max(number, 1), "empty script: no C, W or T line", ""));
        return new ParsedScript(name, lines, null);
    }

    /// <summary>Parses script text.</summary>
    public static ParsedScript Parse(string name, string text) => Parse(name, Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Parses one line (1-based <paramref name="number"/>). Returns null and sets
    /// <paramref name="line"/> (null for a blank or comment line) when it is well-formed.
    /// </summary>
    public static ScriptError ParseLine(int number, string text, out ScenarioLine line)
    {
        line = null;
        string trimmed = text.Trim();
        if (trimmed.Length == 0) return null;
        string[] parts = trimmed.Split(':');
        string kindText = parts[0].Trim();
        if (kindText.StartsWith('#')) return null;
        ScriptError Err(string message) => new(number, message, trimmed);

        LineKind kind;
        switch (kindText.ToLowerInvariant())
        {
            case "c": kind = LineKind.Command; break;
            case "w": kind = LineKind.Wait; break;
            case "t": kind = LineKind.Test; break;
            default: return Err($"unknown kind '{Clip(kindText)}' (expected C, W or T)");
        }
        if (parts.Length != 4)
            return Err($"expected 4 ':'-separated fields (Kind: opcode: thread: argument), found {parts.Length}");
        string opText = parts[1].Trim(), threadText = parts[2].Trim(), argText = parts[3].Trim();

        CommandOpcode cmd = CommandOpcode.Nop;
        TestOpcode test = TestOpcode.PrioEq;
        if (kind == LineKind.Command)
        {
            if (!Opcodes.TryCommand(opText, out cmd)) return Err($"unknown command '{Clip(opText)}'");
        }
        else if (!Opcodes.TryTest(opText, out test)) return Err($"unknown test '{Clip(opText)}'");

        bool isTick = kind == LineKind.Command && cmd == CommandOpcode.Tick;
        ObjectKind fieldObject = kind == LineKind.Command ? (Opcodes.IsCreate(cmd) ? ObjectKinds.Of(cmd) : ObjectKind.None) : ObjectKinds.Of(test);
        string opName = kind == LineKind.Command ? Opcodes.Name(cmd) : Opcodes.Name(test);
        int thread;
        if (fieldObject != ObjectKind.None)
        {
            // creates and object tests: the second field is the object's index (§18, §22)
            string noun = ObjectKinds.Noun(fieldObject);
            if (Numbers.Parse(threadText, out long objectValue) == NumberKind.NotANumber) return Err($"{noun} '{Clip(threadText)}' is not a number");
            if (objectValue < 0 || objectValue >= MaxObjects) return Err($"{noun} {Shown(threadText, objectValue)} out of range 0..{MaxObjects - 1}");
            thread = (int)objectValue;
        }
        else if (Callers.TryParse(threadText, out thread))
        {
            // irq and idle (§17): every thread command, O and E tests only
            string who = Callers.FieldText(thread);
            if (kind == LineKind.Command && (Opcodes.IsDriverCommand(cmd) || cmd == CommandOpcode.Exit))
                return Err($"{opName} needs a test thread (0..{MaxThreads - 1}), not {who}");
            if (kind != LineKind.Command && Opcodes.Field(test) is not (StatusField.O or StatusField.E))
                return Err($"{opName} needs a test thread (0..{MaxThreads - 1}), not {who}: {who} has only O and E");
        }
        else
        {
            if (Numbers.Parse(threadText, out long threadValue) == NumberKind.NotANumber) return Err($"thread '{Clip(threadText)}' is not a number, irq or idle");
            string threadShown = Shown(threadText, threadValue);
            if (isTick)
            {
                if (threadValue < int.MinValue || threadValue > int.MaxValue) return Err($"thread {threadShown} out of range {IntRange}");
            }
            else if (threadValue < 0 || threadValue >= MaxThreads) return Err($"thread {threadShown} out of range 0..{MaxThreads - 1}");
            thread = (int)threadValue;
        }

        if (kind == LineKind.Command && Opcodes.IsCreate(cmd))
        {
            string bad = CreateOptions.Parse(cmd, argText, out var options);
            if (bad != null) return Err(bad);
            line = new ScenarioLine(number, trimmed, kind, cmd, test, thread, 0) { Options = options };
            return null;
        }
        if (kind != LineKind.Command && test == TestOpcode.QContentsEq)
        {
            string bad = WordList.Parse(argText, out var words);
            if (bad != null) return Err(bad);
            line = new ScenarioLine(number, trimmed, kind, cmd, test, thread, 0) { Words = words };
            return null;
        }

        long argValue;
        if (kind != LineKind.Command && Opcodes.Field(test) == StatusField.O)
        {
            if (Numbers.Parse(argText, out argValue) != NumberKind.NotANumber) { }
            else if (Opcodes.TryCommand(argText, out var named)) argValue = (int)named;
            else return Err($"argument '{Clip(argText)}' is neither a number nor a command name");
        }
        else if (Numbers.Parse(argText, out argValue) == NumberKind.NotANumber) return Err($"argument '{Clip(argText)}' is not a number");
        string arg = Shown(argText, argValue);

        if (kind == LineKind.Command)
        {
            if (Opcodes.TakesMutex(cmd) && (argValue < 0 || argValue >= MaxMutexes)) return Err($"mutex {arg} out of range 0..{MaxMutexes - 1}");
            if (Opcodes.TakesObject(cmd) && (argValue < 0 || argValue >= MaxObjects)) return Err($"{Opcodes.Name(cmd)} object {arg} out of range 0..{MaxObjects - 1}");
            if (cmd == CommandOpcode.SetValue && (argValue < 0 || argValue > int.MaxValue)) return Err($"setvalue {arg} out of range 0..{int.MaxValue}");
            if (cmd == CommandOpcode.SchedFifo && (argValue < 1 || argValue > 99)) return Err($"schedfifo priority {arg} out of range 1..99");
            if (cmd == CommandOpcode.SetTimeout && argValue < 0) return Err($"settimeout ticks {arg} must be >= 0");
            if (cmd == CommandOpcode.SetTimeout && argValue > int.MaxValue) return Err($"settimeout ticks {arg} out of range 0..{int.MaxValue}");
            if (cmd == CommandOpcode.Tick && (argValue < 0 || argValue > MaxTickCount)) return Err($"tick count {arg} out of range 0..{MaxTickCount}");
        }
        else if (Opcodes.Field(test) == StatusField.M && (argValue < 0 || argValue >= MaxMutexes))
            return Err($"mutex {arg} out of range 0..{MaxMutexes - 1}");
        if (argValue < int.MinValue || argValue > int.MaxValue) return Err($"argument {arg} out of range {IntRange}");

        line = new ScenarioLine(number, trimmed, kind, cmd, test, thread, (int)argValue);
        return null;
    }

    /// <summary>NUL and control bytes other than tab, CR, VT and FF mean binary data.</summary>
    private static string CheckBytes(byte[] b, int start, int count)
    {
        for (int i = start; i < start + count; i++)
        {
            byte c = b[i];
            if (c < 0x20 && c != '\t' && c != '\r' && c != 0x0B && c != 0x0C || c == 0x7F)
                return $"binary data (byte 0x{c:X2} at column {i - start + 1}); not a scenario script";
        }
        return null;
    }

    private static string Printable(byte[] b, int start, int count)
    {
        var sb = new StringBuilder();
        for (int i = start; i < start + count && sb.Length < 60; i++)
            sb.Append(b[i] >= 0x20 && b[i] < 0x7F ? (char)b[i] : '.');
        return sb.ToString();
    }

    private const string IntRange = "-2147483648..2147483647";

    private static string Clip(string s) => TextClip.Shorten(s, TextClip.FieldChars);

    /// <summary>A parsed number as a message shows it: its value, or (beyond Int64) its digits, shortened.</summary>
    internal static string Shown(string text, long value) =>
        value is long.MinValue or long.MaxValue ? Clip(text) : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
