using NfRt.Harness;
using BenchmarkDotNet.Attributes;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Benchmarks;

/// <summary>
/// The primitives of docs/spec/primitives.md, uncontended, per pair of calls, each loop running
/// <see cref="N"/> pairs inside one kernel task on the hardware-CAS board (STM32F429 profile), like
/// <see cref="UncontendedBenchmarks"/>: semaphore Give + Take, queue Send + Receive (2-word
/// messages), event flags Set + Wait (any, clear on exit), and lock + unlock of a plain rt-mutex (the
/// one-CAS baseline), of a priority-ceiling mutex (always the masked slow path: the owner's
/// priority is raised and restored, docs/spec/primitives.md §12), and of a recursive mutex locked
/// twice (first lock and last unlock by CAS, the nested pair by the slow path).
/// </summary>
[MemoryDiagnoser]
public class UncontendedPrimitivesBenchmarks
{
    public const int N = 200_000;

    private SimKernel _k;
    private KernelEvent _goSem, _goQueue, _goFlags, _goPlain, _goCeiling, _goRecursive;
    private int _failures;

    [GlobalSetup]
    public void Setup()
    {
        _k = BenchKernel.StartedKernel(BoardProfiles.Stm32);
        Scheduler k = _k.K;
        var sem = new CountingSemaphore(k, "sem", 0, 1);
        var q = new MessageQueue(k, "q", 4, 2);
        var f = new EventFlags(k, "f");
        var plain = new RtMutex(k, "plain");
        var ceiling = new RtMutex(k, "ceiling", new RtMutexOptions { Ceiling = 5 });
        var rec = new RtMutex(k, "recursive", new RtMutexOptions { Recursive = true });
        int[] msg = { 1, 2 }, into = new int[2];
        void Ok(KernelStatus s) { if (s != KernelStatus.Ok) _failures++; }
        _goSem = _k.AddWorker("sem", 10, () => { for (int i = 0; i < N; i++) { Ok(sem.Give()); Ok(sem.Take(-1)); } });
        _goQueue = _k.AddWorker("queue", 10, () => { for (int i = 0; i < N; i++) { Ok(q.Send(msg, 0)); Ok(q.Receive(into, -1)); } });
        _goFlags = _k.AddWorker("flags", 10, () => { for (int i = 0; i < N; i++) { Ok(f.Set(1)); Ok(f.Wait(1, false, true, -1, out _)); } });
        _goPlain = _k.AddWorker("plain", 10, () => { for (int i = 0; i < N; i++) { Ok(plain.Lock()); Ok(plain.Unlock()); } });
        _goCeiling = _k.AddWorker("ceiling", 10, () => { for (int i = 0; i < N; i++) { Ok(ceiling.Lock()); Ok(ceiling.Unlock()); } });
        _goRecursive = _k.AddWorker("recursive", 10, () =>
        {
            for (int i = 0; i < N; i++) { Ok(rec.Lock()); Ok(rec.Lock()); Ok(rec.Unlock()); Ok(rec.Unlock()); }
        });
        foreach (var go in new[] { _goSem, _goQueue, _goFlags, _goPlain, _goCeiling, _goRecursive }) _k.RunWorker(go);
        if (_failures != 0) throw new InvalidOperationException(_failures + " calls failed");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public void RtMutex_Plain_LockUnlock() => _k.RunWorker(_goPlain);

    [Benchmark(OperationsPerInvoke = N)]
    public void RtMutex_Ceiling_LockUnlock() => _k.RunWorker(_goCeiling);

    [Benchmark(OperationsPerInvoke = N)]
    public void RtMutex_Recursive_LockLockUnlockUnlock() => _k.RunWorker(_goRecursive);

    [Benchmark(OperationsPerInvoke = N)]
    public void Semaphore_GiveTake() => _k.RunWorker(_goSem);

    [Benchmark(OperationsPerInvoke = N)]
    public void Queue_SendReceive() => _k.RunWorker(_goQueue);

    [Benchmark(OperationsPerInvoke = N)]
    public void Flags_SetWait() => _k.RunWorker(_goFlags);

    [GlobalCleanup]
    public void Cleanup()
    {
        _k.ThrowTaskFaults();
        _k.Dispose();
        if (_failures != 0) throw new InvalidOperationException(_failures + " calls failed");
    }
}

/// <summary>
/// Blocking hand-off, per hand-off: two kernel tasks ping-pong through two objects of one kind. B
/// (more urgent) always waits first; A's Give / Send / Set serves B's waiting Take / Receive / Wait
/// directly (the unit, the message into B's array, the flags), wakes it, and B preempts A at once;
/// B's answer finds A not yet waiting and just stores a unit / message / flag that A's next call
/// takes without blocking. So each cycle is one block, one direct hand-off, one wake and two
/// context switches — on the host two real thread switches, the dominant cost (see
/// docs/BENCHMARKS.md on <see cref="HandoffBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class PrimitivesHandoffBenchmarks
{
    public const int Cycles = 5_000;

    private SimKernel _k;
    private KernelEvent _goA, _goB;
    private string _kind;
    private int _failures;

    [Params("Semaphore", "Queue", "Flags")]
    public string Kind;

    [GlobalSetup]
    public void Setup()
    {
        _k = BenchKernel.StartedKernel(BoardProfiles.Stm32);
        _kind = Kind;
        Scheduler k = _k.K;
        var s1 = new CountingSemaphore(k, "s1", 0, 1); var s2 = new CountingSemaphore(k, "s2", 0, 1);
        var q1 = new MessageQueue(k, "q1", 1, 2); var q2 = new MessageQueue(k, "q2", 1, 2);
        var f1 = new EventFlags(k, "f1"); var f2 = new EventFlags(k, "f2");
        int[] a = new int[2], b = new int[2];
        void Ok(KernelStatus s) { if (s != KernelStatus.Ok) _failures++; }
        _goB = _k.AddWorker("B", 9, () =>
        {
            for (int i = 0; i < Cycles; i++)
                switch (_kind)
                {
                    case "Semaphore": Ok(s1.Take(-1)); Ok(s2.Give()); break;
                    case "Queue": Ok(q1.Receive(b, -1)); Ok(q2.Send(b, 0)); break;
                    default: Ok(f1.Wait(1, false, true, -1, out _)); Ok(f2.Set(1)); break;
                }
        });
        _goA = _k.AddWorker("A", 10, () =>
        {
            _goB.Signal();                  // B (more urgent) runs and waits on s1 / q1 / f1
            for (int i = 0; i < Cycles; i++)
                switch (_kind)
                {
                    case "Semaphore": Ok(s1.Give()); Ok(s2.Take(-1)); break;
                    case "Queue": Ok(q1.Send(a, 0)); Ok(q2.Receive(a, -1)); break;
                    default: Ok(f1.Set(1)); Ok(f2.Wait(1, false, true, -1, out _)); break;
                }
        });
        int before = k.ContextSwitches;
        _k.RunWorker(_goA);
        if (_failures != 0 || k.ContextSwitches - before < 2 * Cycles)
            throw new InvalidOperationException($"ping-pong broken: {k.ContextSwitches - before} switches, {_failures} failures");
    }

    [Benchmark(OperationsPerInvoke = Cycles)]
    public void Handoff() => _k.RunWorker(_goA);

    [GlobalCleanup]
    public void Cleanup()
    {
        _k.ThrowTaskFaults();
        _k.Dispose();
        if (_failures != 0) throw new InvalidOperationException(_failures + " calls failed");
    }
}
