namespace NfRt.Simulator;

/// <summary>
/// A demo's kernel reported a problem (a task fault, the watchdog, an abandoned task thread, a
/// failed kernel call, a run that did not finish): the command prints each of <see cref="Problems"/>
/// on stderr, one line each, and exits 1. <see cref="Context"/> names the run (or is null).
/// </summary>
public sealed class KernelRunException : Exception
{
    public KernelRunException(string context, IReadOnlyList<string> problems)
        : base((context == null ? "" : context + ": ") + string.Join("; ", problems))
    {
        Context = context;
        Problems = problems;
    }

    /// <summary>The run the problems happened in (e.g. the demo's run title), or null.</summary>
    public string Context { get; }

    /// <summary>One sentence per problem, in order (<see cref="KernelReport"/>).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>This exception with <paramref name="more"/> problems after its own.</summary>
    public KernelRunException With(IReadOnlyList<string> more) =>
        more.Count == 0 ? this : new KernelRunException(Context, Problems.Concat(more).ToList());

    /// <summary>Prints every problem as "COMMAND (CONTEXT): problem" (or "COMMAND: problem") on <paramref name="error"/>.</summary>
    public void Report(TextWriter error, string command)
    {
        foreach (var p in Problems) error.WriteLine(Context == null ? $"{command}: {p}" : $"{command} ({Context}): {p}");
    }
}
