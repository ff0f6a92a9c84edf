namespace NfRt.Timing;

/// <summary>What a periodic task does with releases that pass while a job overruns (docs/spec/timing.md §2).</summary>
public enum OverrunPolicy
{
    /// <summary><c>"skip"</c> (the default): passed releases are counted as skipped and not run.</summary>
    Skip,
    /// <summary><c>"catchup"</c>: every release runs, back to back, until the task is on time again.</summary>
    CatchUp,
}
