using NfRt.Kernel;

namespace NfRt.Harness;

/// <summary>Collects trace events (called outside the kernel's critical section).</summary>
public sealed class TraceRecorder : ITraceSink
{
    public readonly List<TraceEvent> Events = new();

    public void OnEvent(TraceEvent e) => Events.Add(e);

    /// <summary>Task ids switched in, in order, idle (0) excluded.</summary>
    public List<int> SwitchOrder() => Events.Where(e => e.Kind == TraceKind.Switch && e.Task != 0).Select(e => e.Task).ToList();

    /// <summary>One line per event, for byte-exact trace comparisons.</summary>
    public string Dump() => string.Join("\n", Events.Select(e => $"{e.Sequence} {e.Tick} {e.Kind} {e.Task} {e.A} {e.B}"));
}
