using System.Linq;
using CsCheck;
using NfRt.Boards;
using NfRt.Kernel;
using Xunit.Abstractions;

namespace UnitTests.Support;

/// <summary>
/// The shared machinery of the fast-path equivalence tests (docs/spec/primitives.md §17): one run of a random case on
/// one board profile — a kernel, three lock-step tasks, the observations made after every step and the calls that took
/// a fast path — and <see cref="Check{TCase}"/>, which runs every sampled case on the STM32F429 (CAS: the fast paths run
/// whenever they may) and on the Cortex-M0 profile (no CAS: the fast word is always 0, every call takes the full path)
/// and demands identical observations, no fast call on the M0 and many on the CAS board.
/// A task call counts as fast when it returned Ok and the invariant checkers did not run during it (every full kernel
/// call that does its work runs them at its outermost Leave; a fast path enters nothing; a full-path refusal before it
/// enters — a bad array's InvalidArgument — runs none either, hence the Ok). Each primitive's test creates its object on <see cref="S"/>,
/// issues its operations through <see cref="TaskCall"/>, <see cref="Driver"/>, <see cref="Tick"/>,
/// <see cref="Interrupt"/>, and ends every step with <see cref="EndStep"/> and a description of the object's state.
/// </summary>
public sealed class FastPathEquivalenceRig : IDisposable
{
    public readonly SimKernel S;
    public readonly LockstepTask[] Tasks;
    /// <summary>What was seen, one entry per driver call and per step; compared across the two boards.</summary>
    public readonly List<string> Seen = new();
    private readonly bool _trace;

    /// <summary>Task calls that returned Ok without the invariant checkers running: the fast path's.</summary>
    public int Fast;

    public FastPathEquivalenceRig(BoardProfile profile, bool trace, int[] priorities)
    {
        _trace = trace;
        S = new SimKernel(levels: 8, profile: profile, recordTrace: trace);
        Tasks = new LockstepTask[priorities.Length];
        for (int i = 0; i < priorities.Length; i++) Tasks[i] = new LockstepTask(S, "T" + i, priorities[i], i);
    }

    /// <summary>Lets the tasks reach their first command wait; call once the primitive exists.</summary>
    public void Start() => S.Run();

    /// <summary>
    /// Posts <paramref name="call"/> to task <paramref name="task"/> and runs the system to quiescence; counts the call as
    /// fast when it returned Ok without the checkers running. A task still busy with an earlier command skips the step (on both
    /// boards alike: the same case makes the same tasks busy when the runs agree). Returns false when skipped.
    /// </summary>
    public bool TaskCall(int task, Func<KernelStatus> call)
    {
        LockstepTask t = Tasks[task];
        if (t.Busy) return false;
        t.Do(() =>
        {
            int before = S.K.InvariantChecks;
            KernelStatus r = call();
            if (S.K.InvariantChecks == before && r == KernelStatus.Ok) Fast++;
            return r;
        });
        return true;
    }

    /// <summary>
    /// <see cref="TaskCall"/> for a call the checkers cannot judge (the block pool masks without entering the kernel, so
    /// its full path runs no checker either): <paramref name="call"/> runs in the task and says itself whether it was fast.
    /// </summary>
    public bool TaskCallJudged(int task, Func<bool> call)
    {
        LockstepTask t = Tasks[task];
        if (t.Busy) return false;
        t.Do(() =>
        {
            if (call()) Fast++;
            return KernelStatus.Ok;
        });
        return true;
    }

    /// <summary>A call by the driver (the idle task's thread: always the full path), its answer recorded, then the system run.</summary>
    public void Driver(string what, Func<object> call)
    {
        Seen.Add(what + " " + call());
        S.Run();
    }

    public void Tick(int n) => S.Ticks(n);

    /// <summary><see cref="Scheduler.Interrupt"/> of task <paramref name="task"/> by the driver, its answer recorded.</summary>
    public void Interrupt(int task) => Driver("interrupt", () => S.K.Interrupt(Tasks[task].Tcb));

    /// <summary>
    /// Ends step <paramref name="step"/>: runs the checkers, records every task's results, <paramref name="state"/> (the
    /// primitive's observable state), the switch and foreign-call counters and, with a sink, the whole trace so far.
    /// </summary>
    public void EndStep(int step, string kind, string state)
    {
        S.K.CheckInvariants();
        Seen.Add($"{step} {kind}: results {string.Join(" | ", Tasks.Select(x => string.Join(",", x.Results)))} {state}"
            + $" switches {S.K.ContextSwitches} foreign {S.K.ForeignCalls}");
        if (_trace) Seen.Add("trace " + string.Join(" ", S.Trace.Events.Select(e => $"{e.Kind}:{e.Task}:{e.A}:{e.B}")));
    }

    public void Dispose() => S.Dispose();

    /// <summary>
    /// Samples <paramref name="iterations"/> cases of <paramref name="gen"/>; runs each with <paramref name="run"/> on the
    /// CAS board and on the M0 board; asserts the M0 run took no fast path, both runs saw the same, and over the sample
    /// the CAS run took a fast path in at least half the cases. A failing case is printed as a C# literal (for a named
    /// regression test). Returns (cases, fast calls, cases with a fast call).
    /// </summary>
    public static (int cases, int fast, int casesWithFast) Check<TCase>(Gen<TCase> gen, Func<TCase, BoardProfile, (List<string> seen, int fast)> run,
        int iterations, ITestOutputHelper output, Func<TCase, string> print)
    {
        int fastTotal = 0, cases = 0, withFast = 0;
        gen.Sample(c =>
        {
            var (withCas, fast) = run(c, BoardProfiles.Stm32);
            var (noCas, fastM0) = run(c, BoardProfiles.Stm32M0);
            Assert.Equal(0, fastM0);
            AssertSame(noCas, withCas);
            fastTotal += fast;
            cases++;
            if (fast > 0) withFast++;
        }, iter: iterations, threads: 1, print: print, writeLine: output.WriteLine);
        output.WriteLine($"{cases} cases, {fastTotal} fast calls, {withFast} cases with a fast call");
        Assert.True(withFast * 2 >= cases, $"a fast path ran in only {withFast} of {cases} cases");
        return (cases, fastTotal, withFast);
    }

    /// <summary>
    /// A case as the C# literal that rebuilds it: <c>new(new[] { priorities }, trace, settings..., new Op[] { ops })</c>,
    /// each op printed by its own ToString. <paramref name="settings"/> are the primitive's own arguments, in order.
    /// </summary>
    public static string CaseLiteral(int[] priorities, bool trace, IEnumerable<object> ops, params object[] settings)
    {
        string middle = string.Concat(settings.Select(x => x + ", "));
        return $"new(new[] {{ {string.Join(", ", priorities)} }}, {(trace ? "true" : "false")}, {middle}new Op[] {{\n    {string.Join(",\n    ", ops)} }})";
    }

    /// <summary>Asserts two observation lists are equal, naming the first entry that differs (full path first, then fast).</summary>
    public static void AssertSame(List<string> full, List<string> fast)
    {
        for (int i = 0; i < Math.Min(full.Count, fast.Count); i++)
            if (full[i] != fast[i]) Assert.Fail($"observation {i} differs:\n  full path (M0):  {full[i]}\n  fast path (CAS): {fast[i]}");
        Assert.Equal(full.Count, fast.Count);
    }
}
