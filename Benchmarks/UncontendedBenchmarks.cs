using NfRt.Harness;
using BenchmarkDotNet.Attributes;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Benchmarks;

/// <summary>
/// Uncontended lock + unlock, per pair: a raw Interlocked.CompareExchange pair (the floor: the
/// rt-mutex fast path is one CAS each way), System.Threading.Lock Enter/Exit, and RtMutex
/// Lock/Unlock on a hardware-CAS board (STM32F429 profile) and on the masked read-compare-write
/// board (STM32F091, Cortex-M0 class: interrupts masked around a plain read-compare-write, no
/// atomic instruction). Every loop runs <see cref="N"/> pairs inside a kernel task, so all four
/// are measured on the same kind of thread with the same per-invocation cost (two host thread
/// switches, see <see cref="SimKernel"/>, about 0.01 ns per pair at this N).
/// </summary>
[MemoryDiagnoser]
public class UncontendedBenchmarks
{
    public const int N = 1_000_000;

    private readonly Lock _lock = new();
    private readonly int[] _word = new int[32];   // the CAS target, on its own cache line
    private SimKernel _hw, _masked;
    private KernelEvent _goCas, _goLock, _goHw, _goMasked, _goCheck;
    private int _failures;

    [GlobalSetup]
    public void Setup()
    {
        _hw = BenchKernel.StartedKernel(BoardProfiles.Stm32);
        _masked = BenchKernel.StartedKernel(BoardProfiles.Stm32M0);
        _goCas = _hw.AddWorker("cas", 10, () =>
        {
            int[] w = _word;
            for (int i = 0; i < N; i++)
            {
                Interlocked.CompareExchange(ref w[16], 1, 0);
                Interlocked.CompareExchange(ref w[16], 0, 1);
            }
        });
        _goLock = _hw.AddWorker("lock", 10, () =>
        {
            Lock l = _lock;
            for (int i = 0; i < N; i++)
            {
                l.Enter();
                l.Exit();
            }
        });
        _goCheck = _hw.AddWorker("check", 10, () =>
        {
            // What lock + unlock pay for refusing foreign threads (issue 10): one thread-identity
            // comparison each, the same expression the rt-mutex fast paths evaluate.
            Thread runner = Thread.CurrentThread;
            for (int i = 0; i < N; i++)
            {
                if (Thread.CurrentThread != runner) _failures++;
                if (Thread.CurrentThread != runner) _failures++;
            }
        });
        _goHw = AddRtMutexWorker(_hw);
        _goMasked = AddRtMutexWorker(_masked);
        foreach (var (host, go) in new[] { (_hw, _goCas), (_hw, _goLock), (_hw, _goCheck), (_hw, _goHw), (_masked, _goMasked) }) host.RunWorker(go);
        if (_failures != 0) throw new InvalidOperationException("uncontended loop failed");
    }

    private KernelEvent AddRtMutexWorker(SimKernel host)
    {
        var m = new RtMutex(host.K, "m");
        return host.AddWorker("rt", 10, () =>
        {
            for (int i = 0; i < N; i++)
            {
                if (m.Lock() != KernelStatus.Ok) _failures++;
                if (m.Unlock() != KernelStatus.Ok) _failures++;
            }
            if (m.System.Counters.SlowLocks != 0) _failures++;
        });
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public void Interlocked_CAS_pair() => _hw.RunWorker(_goCas);

    [Benchmark(OperationsPerInvoke = N)]
    public void SystemThreadingLock_EnterExit() => _hw.RunWorker(_goLock);

    [Benchmark(OperationsPerInvoke = N)]
    public void CallerCheck_pair() => _hw.RunWorker(_goCheck);

    [Benchmark(OperationsPerInvoke = N)]
    public void RtMutex_LockUnlock_HardwareCas() => _hw.RunWorker(_goHw);

    [Benchmark(OperationsPerInvoke = N)]
    public void RtMutex_LockUnlock_MaskedCas() => _masked.RunWorker(_goMasked);

    [GlobalCleanup]
    public void Cleanup()
    {
        _hw.ThrowTaskFaults();
        _masked.ThrowTaskFaults();
        _hw.Dispose();
        _masked.Dispose();
        if (_failures != 0) throw new InvalidOperationException(_failures + " lock/unlock calls failed");
    }
}
