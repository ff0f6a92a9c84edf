using NfRt.Harness;
using BenchmarkDotNet.Attributes;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Benchmarks;

/// <summary>
/// Contended hand-off, per hand-off: two equal-priority kernel tasks ping-pong one rt-mutex. After
/// A's first Yield every Lock finds the mutex held or pending-owned by the other task (an equal
/// priority cannot steal) and blocks; every Unlock hands it to the blocked task as pending owner
/// and wakes it; the woken task completes the take. Each hand-off therefore includes a slow lock
/// (block), a slow unlock (hand-off + wake), a completed take and a context switch — which on the
/// host is a real thread switch (baton passing through the tasks' gates), the dominant cost.
/// </summary>
[MemoryDiagnoser]
public class HandoffBenchmarks
{
    public const int Cycles = 10_000;   // lock/unlock cycles per task per invocation: 2*Cycles-1 hand-offs

    private SimKernel _host;
    private RtMutex _m;
    private KernelEvent _goA, _goB;
    private int _failures;

    [GlobalSetup]
    public void Setup()
    {
        _host = BenchKernel.StartedKernel(BoardProfiles.Stm32);
        _m = new RtMutex(_host.K, "m");
        Scheduler k = _host.K;
        _goB = _host.AddWorker("B", 10, () =>
        {
            for (int i = 0; i < Cycles; i++) Cycle();
        });
        _goA = _host.AddWorker("A", 10, () =>
        {
            if (_m.Lock() != KernelStatus.Ok) _failures++;
            _goB.Signal();      // B becomes ready (same priority: no preemption)
            k.Yield();          // B runs and blocks on the mutex
            if (_m.Unlock() != KernelStatus.Ok) _failures++;   // first hand-off
            for (int i = 1; i < Cycles; i++) Cycle();
        });
        int before = _m.System.Counters.Handoffs;
        _host.RunWorker(_goA);
        int handoffs = _m.System.Counters.Handoffs - before;
        if (_failures != 0 || handoffs != 2 * Cycles - 1)
            throw new InvalidOperationException($"ping-pong broken: {handoffs} hand-offs, {_failures} failures");
    }

    private void Cycle()
    {
        if (_m.Lock() != KernelStatus.Ok) _failures++;
        if (_m.Unlock() != KernelStatus.Ok) _failures++;
    }

    [Benchmark(OperationsPerInvoke = 2 * Cycles - 1)]
    public void RtMutex_ContendedHandoff() => _host.RunWorker(_goA);

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.ThrowTaskFaults();
        _host.Dispose();
        if (_failures != 0) throw new InvalidOperationException(_failures + " lock/unlock calls failed");
    }
}
