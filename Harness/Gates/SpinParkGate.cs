using NfRt.Boards;

namespace NfRt.Harness;

/// <summary>
/// A host gate that spins briefly, then parks: the cheapest hand-off between two host threads
/// when the next task's thread is running or about to (two cores: the wake-up costs no system call),
/// and no worse than parking when it is not (SpinWait yields the CPU on one core). Host only: on
/// nanoCLR threads are green threads, and spinning there only burns the quantum.
/// <code>
/// state  0 closed, nobody parked   1 open (one opening pending)   2 closed, the owner is parked
/// Open:  state := 1; if it was 2, wake the parked owner.
/// Wait:  spin: take 1 → 0 and return; then park: 0 → 2 and sleep until Open; take 1 → 0.
/// </code>
/// </summary>
public sealed class SpinParkGate : TaskGate
{
    private const int Closed = 0, Opened = 1, Parked = 2;
    private readonly ManualResetEventSlim _park = new(false, spinCount: 0);
    private readonly int _spins;
    private int _state;

    /// <summary>
    /// Spin rounds by default: 30 where another CPU can run the thread we wait for; none on one CPU
    /// (pinned), where spinning only delays that thread (Thread-Metric cooperative pinned: 417k/s
    /// parking at once, 155k/s spinning; docs/BENCHMARKS.md).
    /// </summary>
    public static int DefaultSpins => Environment.ProcessorCount > 1 ? 30 : 0;

    /// <summary>A gate that spins <paramref name="spins"/> SpinWait rounds (default <see cref="DefaultSpins"/>) before it parks.</summary>
    public SpinParkGate(int spins = -1) { _spins = spins >= 0 ? spins : DefaultSpins; }

    public override void Open()
    {
        if (Interlocked.Exchange(ref _state, Opened) == Parked) _park.Set();
    }

    public override void Wait() => Wait(Timeout.Infinite);

    public override bool Wait(int timeoutMs)
    {
        var spin = new SpinWait();
        for (int i = 0; i < _spins; i++)
        {
            if (Interlocked.CompareExchange(ref _state, Closed, Opened) == Opened) return true;
            spin.SpinOnce(sleep1Threshold: -1);
        }
        if (Interlocked.CompareExchange(ref _state, Parked, Closed) == Opened)
        {
            _state = Closed;                     // opened while we stopped spinning
            return true;
        }
        bool woken = _park.Wait(timeoutMs);
        _park.Reset();
        if (!woken && Interlocked.CompareExchange(ref _state, Closed, Parked) == Parked) return false;
        Interlocked.Exchange(ref _state, Closed);   // Open came (before or while the wait timed out): take it
        return true;
    }

    /// <summary>Makes <see cref="SpinParkGate"/>s: install with <c>board.UseGates(new SpinParkGate.Factory())</c>.</summary>
    public sealed class Factory : ITaskGateFactory
    {
        private readonly int _spins;
        public Factory(int spins = -1) { _spins = spins; }
        public TaskGate NewGate() => new SpinParkGate(_spins);
    }
}
