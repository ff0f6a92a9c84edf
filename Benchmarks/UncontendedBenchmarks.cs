using BenchmarkDotNet.Attributes;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Benchmarks;

/// <summary>
/// Uncontended lock + unlock, per pair: a raw Interlocked.CompareExchange pair (the floor: the
/// rt-mutex fast path is one CAS each way), System.Threading.Lock Enter/Exit, and RtMutex
/// Lock/Unlock inside a kernel task on a hardware-CAS board (STM32F429 profile) and on the
/// masked read-compare-write board (STM32F091, Cortex-M0 class). Each invocation runs
/// <see cref="N"/> pairs; the rt-mutex loops run in the kernel task (see <see cref="KernelHost"/>).
/// </summary>
[MemoryDiagnoser]
public class UncontendedBenchmarks
{
    public const int N = 1_000_000;

    private readonly Lock _lock = new();
    private int _word;
    private KernelHost _hw, _masked;
    private KernelEvent _goHw, _goMasked;
    private int _failures;

    [GlobalSetup]
    public void Setup()
    {
        (_hw, _goHw) = Make(BoardProfiles.Stm32);
        (_masked, _goMasked) = Make(BoardProfiles.Stm32M0);
    }

    private (KernelHost, KernelEvent) Make(BoardProfile profile)
    {
        var host = new KernelHost(profile);
        var m = new RtMutex(host.K, "m");
        KernelEvent go = host.AddWorker("t", 10, () =>
        {
            for (int i = 0; i < N; i++)
            {
                if (m.Lock() != KernelStatus.Ok) _failures++;
                if (m.Unlock() != KernelStatus.Ok) _failures++;
            }
        });
        host.Run(go);
        if (_failures != 0 || m.System.Counters.SlowLocks != 0) throw new InvalidOperationException("uncontended loop left the fast path");
        return (host, go);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public void Interlocked_CAS_pair()
    {
        for (int i = 0; i < N; i++)
        {
            Interlocked.CompareExchange(ref _word, 1, 0);
            Interlocked.CompareExchange(ref _word, 0, 1);
        }
    }

    [Benchmark(OperationsPerInvoke = N)]
    public void SystemThreadingLock_EnterExit()
    {
        for (int i = 0; i < N; i++)
        {
            _lock.Enter();
            _lock.Exit();
        }
    }

    [Benchmark(OperationsPerInvoke = N)]
    public void RtMutex_LockUnlock_HardwareCas() => _hw.Run(_goHw);

    [Benchmark(OperationsPerInvoke = N)]
    public void RtMutex_LockUnlock_MaskedCas() => _masked.Run(_goMasked);

    [GlobalCleanup]
    public void Cleanup()
    {
        _hw.ThrowIfFaulted();
        _masked.ThrowIfFaulted();
        _hw.Shutdown();
        _masked.Shutdown();
        if (_failures != 0) throw new InvalidOperationException(_failures + " lock/unlock calls failed");
    }
}
