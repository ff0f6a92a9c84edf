using BenchmarkDotNet.Attributes;
using NfRt.Boards;
using NfRt.Harness;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Benchmarks;

/// <summary>
/// The host's floor for a context switch, and how close the kernel gets to it (issue 12), per
/// hand-off. "Bare" rows: two plain host threads ping-pong through a pair of one primitive (no kernel
/// at all): AutoResetEvent, SemaphoreSlim, ManualResetEventSlim, and the harness's SpinParkGate. "Kernel"
/// rows: two equal-priority kernel tasks call Yield in turn, so every call is one full context switch
/// (ready queue, trace, baton hand-over through the tasks' gates), with each gate kind the board can use.
/// Run pinned to one CPU (<c>taskset -c 1</c>) and unpinned: docs/BENCHMARKS.md.
/// </summary>
[MemoryDiagnoser]
public class HostSwitchBenchmarks
{
    public const int N = 20_000;        // round trips per invocation: 2N hand-offs

    private readonly AutoResetEvent _areA = new(false), _areB = new(false);
    private readonly SemaphoreSlim _semA = new(0), _semB = new(0);
    private readonly ManualResetEventSlim _mresA = new(false), _mresB = new(false);
    private readonly SpinParkGate _spinA = new(), _spinB = new();

    private SimKernel _kEvent, _kSem, _kSpin;
    private KernelEvent[] _goEvent, _goSem, _goSpin;

    [GlobalSetup]
    public void Setup()
    {
        // One partner thread per primitive, each answering its own pair forever.
        Start(() => { while (true) { _areA.WaitOne(); _areB.Set(); } });
        Start(() => { while (true) { _semA.Wait(); _semB.Release(); } });
        Start(() => { while (true) { _mresA.Wait(); _mresA.Reset(); _mresB.Set(); } });
        Start(() => { while (true) { _spinA.Wait(); _spinB.Open(); } });
        (_kEvent, _goEvent) = YieldPair(new EventGateFactory());
        (_kSem, _goSem) = YieldPair(new SemaphoreSlimGate.Factory());
        (_kSpin, _goSpin) = YieldPair(new SpinParkGate.Factory());
        foreach (var (k, go) in new[] { (_kEvent, _goEvent), (_kSem, _goSem), (_kSpin, _goSpin) }) RunYields(k, go);
    }

    private sealed class EventGateFactory : ITaskGateFactory
    {
        public TaskGate NewGate() => new EventGate();
    }

    private static (SimKernel, KernelEvent[]) YieldPair(ITaskGateFactory gates)
    {
        SimKernel k = BenchKernel.StartedKernel(BoardProfiles.Stm32, gates: gates);
        var go = new KernelEvent[2];
        for (int t = 0; t < 2; t++)
        {
            var mine = new KernelEvent(k.K, "go" + t);
            go[t] = mine;
            k.Task("Y" + t, 10, () =>
            {
                while (true)
                {
                    mine.Wait(-1);
                    for (int i = 0; i < N; i++) k.K.Yield();
                }
            });
        }
        return (k, go);
    }

    private static void RunYields(SimKernel k, KernelEvent[] go)
    {
        int before = k.K.ContextSwitches;
        // Both ready before either runs (signals from the driver never dispatch: docs/spec/scheduler.md §35),
        // at the same priority: they alternate on every Yield.
        go[0].Signal();
        go[1].Signal();
        if (k.K.RunUntilIdle() != KernelStatus.Ok) throw new InvalidOperationException("yield ping-pong failed");
        if (k.K.ContextSwitches - before < 2 * N) throw new InvalidOperationException("the tasks did not alternate: " + (k.K.ContextSwitches - before) + " switches");
    }

    private static void Start(ThreadStart loop) => new Thread(loop) { IsBackground = true }.Start();

    [Benchmark(OperationsPerInvoke = 2 * N)]
    public void Bare_AutoResetEvent()
    {
        for (int i = 0; i < N; i++) { _areA.Set(); _areB.WaitOne(); }
    }

    [Benchmark(OperationsPerInvoke = 2 * N)]
    public void Bare_SemaphoreSlim()
    {
        for (int i = 0; i < N; i++) { _semA.Release(); _semB.Wait(); }
    }

    [Benchmark(OperationsPerInvoke = 2 * N)]
    public void Bare_ManualResetEventSlim()
    {
        for (int i = 0; i < N; i++) { _mresA.Set(); _mresB.Wait(); _mresB.Reset(); }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 2 * N)]
    public void Bare_SpinParkGate()
    {
        for (int i = 0; i < N; i++) { _spinA.Open(); _spinB.Wait(); }
    }

    [Benchmark(OperationsPerInvoke = 2 * N)]
    public void Kernel_Yield_EventGate() => RunYields(_kEvent, _goEvent);

    [Benchmark(OperationsPerInvoke = 2 * N)]
    public void Kernel_Yield_SemaphoreSlimGate() => RunYields(_kSem, _goSem);

    [Benchmark(OperationsPerInvoke = 2 * N)]
    public void Kernel_Yield_SpinParkGate() => RunYields(_kSpin, _goSpin);

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var k in new[] { _kEvent, _kSem, _kSpin }) k.Dispose();
    }
}
