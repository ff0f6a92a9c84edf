using NfRt.Harness;
using NfRt.Kernel;
using NfRt.Simulator.Tracing;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// Runs one parsed script on a fresh <see cref="ScenarioSystem"/> (scenario-language.md).
/// <para>Contract:</para>
/// <list type="bullet">
/// <item>A script with a syntax error does not run at all; its first bad line is reported.</item>
/// <item><c>C:</c> — <c>schedother</c>, <c>schedfifo</c>, <c>signal</c> and <c>tick</c> are carried out by the
/// driver itself (they apply at once, even to a busy or blocked thread, and leave O and E alone);
/// so are the create commands (§18). A command for <c>irq</c> runs in the scenario's interrupt
/// handler, one for <c>idle</c> on the driver as the idle task (§17). Every other command is posted
/// to the thread, which runs it in its own task context (-EBUSY when it is busy outside the pause
/// fails the script, as does any command for a thread that has ended). After every C line the
/// system runs until quiescent: every task blocked, paused or idle.</item>
/// <item><c>T:</c> and <c>W:</c> read the thread's status, or an object's state (§22). The driver is outside the simulated CPU and
/// the system is already quiescent, so nothing can change a false <c>W:</c> any more: it is
/// reported as <c>Wait failed in line N</c> instead of hanging. Timeouts need time: a script
/// advances it with <c>C: tick</c>, which runs to quiescence after every tick, and a following
/// <c>W:</c> sees the result.</item>
/// <item>A broken kernel invariant (checking is on) or an exception in a task stops the script as
/// <c>Kernel fault in line N</c>; so does any driver call that does not return Ok — a task fault
/// (<c>task T3 faulted at tick 12: ...</c>) or the watchdog (a task kept the CPU) — and what the
/// shutdown reports (an abandoned task thread) fails the file too. Those kernel reports are also in
/// <see cref="ScenarioResult.KernelProblems"/>. The runner itself never throws for a bad script.</item>
/// <item>With a verbose writer every executed line is echoed with the status of its thread.</item>
/// </list>
/// </summary>
public static class ScenarioRunner
{
    /// <summary>Largest file <see cref="Load"/> reads.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Runs <paramref name="script"/>; <paramref name="verbose"/>, <paramref name="trace"/> and
    /// <paramref name="progress"/> may be null. <paramref name="progress"/>(done, total) is called
    /// with the number of executed lines out of the script's C/W/T lines: at the start, whenever
    /// another thousandth of the script is done, and at the end (also when the script stops early).
    /// </summary>
    public static ScenarioResult Run(ParsedScript script, TextWriter verbose = null, TraceCollector trace = null, Action<int, int> progress = null) =>
        Run(script, verbose, trace, progress, null);

    /// <summary>As the public <c>Run</c>, on a system with test-only <paramref name="hooks"/> (or none).</summary>
    internal static ScenarioResult Run(ParsedScript script, TextWriter verbose, TraceCollector trace, Action<int, int> progress, KernelTestHooks hooks)
    {
        if (!script.Ok)
            return new ScenarioResult(script.Name, ScenarioOutcome.SyntaxError, script.Error.Line, script.Error.LineText, script.Error.Message, null);
        var sys = new ScenarioSystem(trace, hooks);
        ScenarioResult result;
        try
        {
            result = RunLines(sys, script, verbose, progress);
        }
        catch
        {
            sys.Shutdown();
            throw;
        }
        return WithShutdown(result, sys.Shutdown(), script);
    }

    private static ScenarioResult RunLines(ScenarioSystem sys, ParsedScript script, TextWriter verbose, Action<int, int> progress)
    {
        int total = script.Lines.Count;
        progress?.Invoke(0, total);
        long reported = 0;
        for (int i = 0; i < total; i++)
        {
            var result = RunLine(sys, script.Name, script.Lines[i], verbose);
            if (result != null)
            {
                progress?.Invoke(total, total);
                return result;
            }
            if (progress != null && ((i + 1L) * 1000 / total != reported || i + 1 == total))
            {
                reported = (i + 1L) * 1000 / total;
                progress(i + 1, total);
            }
        }
        return new ScenarioResult(script.Name, ScenarioOutcome.Pass, 0, null, null, null);
    }

    /// <summary>
    /// <paramref name="result"/> with what the kernel's shutdown reported (abandoned task threads,
    /// refused foreign calls): added to a failure's problems; a script that passed fails with them,
    /// as a kernel fault at its last line.
    /// </summary>
    private static ScenarioResult WithShutdown(ScenarioResult result, IReadOnlyList<string> problems, ParsedScript script)
    {
        if (problems.Count == 0) return result;
        var all = result.KernelProblems.Concat(problems).ToList();
        if (!result.Passed) return result with { KernelProblems = all };
        var last = script.Lines[^1];
        return new ScenarioResult(script.Name, ScenarioOutcome.KernelFault, last.Number, last.Text, problems[0], null) { KernelProblems = all };
    }

    /// <summary>Reads, parses and runs a file; unreadable files and binary data are reported, not thrown.</summary>
    public static ScenarioResult RunFile(string path, TextWriter verbose = null, TraceCollector trace = null, Action<int, int> progress = null) =>
        RunFile(path, verbose, trace, progress, null);

    /// <summary>As the public <c>RunFile</c>, on a system with test-only <paramref name="hooks"/> (or none).</summary>
    internal static ScenarioResult RunFile(string path, TextWriter verbose, TraceCollector trace, Action<int, int> progress, KernelTestHooks hooks)
    {
        var (script, error) = Load(path);
        return error ?? Run(script, verbose, trace, progress, hooks);
    }

    /// <summary>Reads and parses a file, or says why it cannot be read.</summary>
    public static (ParsedScript Script, ScenarioResult Error) Load(string path)
    {
        string name = path;
        try
        {
            if (Directory.Exists(path)) return (null, new ScenarioResult(name, ScenarioOutcome.FileError, 0, null, "is a directory, not a scenario file", null));
            if (!File.Exists(path)) return (null, new ScenarioResult(name, ScenarioOutcome.FileError, 0, null, "no such file", null));
            if (new FileInfo(path).Length > MaxFileBytes)
                return (null, new ScenarioResult(name, ScenarioOutcome.FileError, 0, null, $"larger than {MaxFileBytes / (1024 * 1024)} MiB: not a scenario script", null));
            byte[] bytes = File.ReadAllBytes(path);
            return (ScriptParser.Parse(name, bytes), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException or ArgumentException or NotSupportedException)
        {
            return (null, new ScenarioResult(name, ScenarioOutcome.FileError, 0, null, e.Message, null));
        }
    }

    /// <summary>
    /// Runs one line on <paramref name="sys"/>; null when the script goes on, else the failure
    /// (never a syntax error: the line is already parsed). For scripts built on the fly (fuzzing).
    /// </summary>
    public static ScenarioResult RunLine(ScenarioSystem sys, string name, ScenarioLine line, TextWriter verbose)
    {
        ScenarioResult Fail(ScenarioOutcome outcome, string detail) =>
            new(name, outcome, line.Number, line.Text, detail, sys.Describe(line));
        try
        {
            if (line.Kind == LineKind.Command)
            {
                sys.Trace?.BeginStep(TextClip.Shorten($"{line.Number}: {string.Join(' ', line.Text.Split((char[])null, StringSplitOptions.RemoveEmptyEntries))}"));
                var rejected = Command(sys, line);
                // a driver call's problem: a task faulted (a test thread's command threw), the watchdog fired
                if (sys.DriverProblem != null) return Fail(ScenarioOutcome.KernelFault, sys.DriverProblem) with { KernelProblems = new[] { sys.DriverProblem } };
                if (rejected != null) return Fail(ScenarioOutcome.CommandRejected, rejected);
                Echo(verbose, sys, line);
                return null;
            }
            Echo(verbose, sys, line);
            bool holds = line.FieldObject != ObjectKind.None ? ObjectTests.Holds(sys, line) : sys.Status(line.Thread).Satisfies(line);
            if (holds) return null;
            return Fail(line.Kind == LineKind.Wait ? ScenarioOutcome.WaitFailed : ScenarioOutcome.TestFailed,
                line.Kind == LineKind.Wait ? "the system is quiescent and the condition is false" : "the condition is false");
        }
        catch (KernelFaultException e)
        {
            return Fail(ScenarioOutcome.KernelFault, e.Message);
        }
    }

    /// <summary>
    /// Carries out a C line and runs to quiescence; returns why it was rejected, or null. Stops at a
    /// driver call that did not return Ok (<see cref="ScenarioSystem.DriverProblem"/>).
    /// </summary>
    private static string Command(ScenarioSystem sys, ScenarioLine line)
    {
        var k = sys.Kernel;
        if (line.IsTick)
        {
            if (sys.AdvanceTicks(line.Argument)) sys.RunUntilIdle();
            return null;
        }
        if (Opcodes.IsCreate(line.Command))
        {
            sys.Objects.Create(line.FieldObject, line.Object, line.Options);
            return null;
        }
        var (kind, index) = line.NamedObject;
        if (Callers.IsContext(line.Thread))
        {
            sys.Objects.Ensure(kind, index);
            sys.RunInContext(line.Thread, line.Command, line.Argument);
            return null;
        }
        var thread = sys.Thread(line.Thread);
        if (sys.DriverProblem != null) return null;
        if (thread.Ended) return $"thread {line.Thread} has ended (exit): it takes no more commands";
        switch (line.Command)
        {
            case CommandOpcode.SchedOther:
                k.SetPriority(thread.Task, RtTesterProfile.NormalPriority);
                break;
            case CommandOpcode.SchedFifo:
                k.SetPriority(thread.Task, RtTesterProfile.FromFifo(line.Argument));
                break;
            case CommandOpcode.Signal:
                k.Interrupt(thread.Task);        // WrongState (ignored) when it is in no interruptible wait
                break;
            default:
                sys.Objects.Ensure(kind, index);
                if (thread.Post(line.Command, line.Argument) != 0)
                    return $"thread {line.Thread} is busy with a command (-EBUSY)";
                break;
        }
        sys.RunUntilIdle();
        return null;
    }

    private static void Echo(TextWriter verbose, ScenarioSystem sys, ScenarioLine line)
    {
        if (verbose == null) return;
        string status = line.IsTick ? $"tick {sys.Kernel.Now}"
            : line.FieldObject != ObjectKind.None || Callers.IsContext(line.Thread) ? sys.Describe(line)
            : $"T{line.Thread} {sys.Status(line.Thread)}";
        verbose.WriteLine($"{line.Number,5}  {TextClip.Shorten(line.Text),-34} {status}");
    }
}
