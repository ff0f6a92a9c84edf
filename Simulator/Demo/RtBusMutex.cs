using NfRt.Kernel;
using NfRt.Sync;

namespace NfRt.Simulator.Demo;

/// <summary>An <see cref="RtMutex"/> as the demo's bus mutex (uninterruptible lock, no deadlock detection).</summary>
public sealed class RtBusMutex : IBusMutex
{
    private readonly RtMutex _m;

    public RtBusMutex(RtMutex m) { _m = m; }

    public string Name => _m.Name;
    public KernelStatus Lock() => _m.Lock();
    public KernelStatus Unlock() => _m.Unlock();
}
