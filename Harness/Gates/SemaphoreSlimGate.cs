using NfRt.Boards;

namespace NfRt.Harness;

/// <summary>A host gate on <see cref="SemaphoreSlim"/> (which spins a little before it blocks); openings beyond one are dropped.</summary>
public sealed class SemaphoreSlimGate : TaskGate
{
    private readonly SemaphoreSlim _sem = new(0, 1);

    public override void Open()
    {
        try { _sem.Release(); }
        catch (SemaphoreFullException) { }    // already open: one opening is enough
    }

    public override void Wait() => _sem.Wait();

    public override bool Wait(int timeoutMs) => _sem.Wait(timeoutMs);

    /// <summary>Makes <see cref="SemaphoreSlimGate"/>s.</summary>
    public sealed class Factory : ITaskGateFactory
    {
        public TaskGate NewGate() => new SemaphoreSlimGate();
    }
}
