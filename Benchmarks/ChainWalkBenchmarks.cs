using NfRt.Harness;
using BenchmarkDotNet.Attributes;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Benchmarks;

/// <summary>
/// The PI chain walk (docs/spec/rtmutex.md §10-§11), per walk, at chain depth 1, 8 and 64. Prepared chain:
/// T0 → M1 → T1 → M2 → ... → M<i>Depth</i> → T<i>Depth</i>: each T<i>i</i> (i ≥ 1) owns M<i>i</i>,
/// each T<i>i</i> (i &lt; Depth) is blocked on M<i>i+1</i>, T<i>Depth</i> waits on an event; all at
/// priority 100. One invocation changes the priority of the far-end blocked task T0 to 10 and
/// back to 100 from the driver: each change walks the whole chain, boosting (then deboosting)
/// every task up to T<i>Depth</i> and re-queueing each waiter. No task runs, so no context switch
/// is measured: this is the kernel's own work, with interrupts masked for the whole walk.
/// </summary>
[MemoryDiagnoser]
public class ChainWalkBenchmarks
{
    [Params(1, 8, 64)]
    public int Depth;

    private SimKernel _host;
    private TaskControlBlock _farEnd, _owner;

    [GlobalSetup]
    public void Setup()
    {
        _host = BenchKernel.StartedKernel(BoardProfiles.Stm32, maxTasks: 128);
        Scheduler k = _host.K;
        var m = new RtMutex[Depth + 1];
        for (int i = 1; i <= Depth; i++) m[i] = new RtMutex(k, "M" + i);
        var park = new KernelEvent(k);
        // Created from the chain's top down; each task runs at creation until it blocks.
        _owner = k.CreateTask("T" + Depth, 100, () => { m[Depth].Lock(); park.Wait(-1); });
        for (int i = Depth - 1; i >= 0; i--)
        {
            int me = i;
            TaskControlBlock t = k.CreateTask("T" + i, 100, () =>
            {
                if (me > 0) m[me].Lock();
                m[me + 1].Lock();
            });
            if (i == 0) _farEnd = t;
        }
        k.RunUntilIdle();
        _host.ThrowTaskFaults();
        RtMutexSystem sys = RtMutexSystem.Of(k);
        int steps = sys.Counters.ChainWalkSteps;
        Walk();
        if (sys.Counters.ChainWalkSteps - steps != 2 * Depth || _owner.EffectivePriority != 100)
            throw new InvalidOperationException($"chain not as expected: {sys.Counters.ChainWalkSteps - steps} walk steps for depth {Depth}");
        k.SetPriority(_farEnd, 10);
        bool boosted = _owner.EffectivePriority == 10;
        k.SetPriority(_farEnd, 100);
        if (!boosted) throw new InvalidOperationException("the chain's owner was not boosted");
    }

    [Benchmark(OperationsPerInvoke = 2)]
    public void SetPriority_far_end_up_and_down() => Walk();

    private void Walk()
    {
        _host.K.SetPriority(_farEnd, 10);
        _host.K.SetPriority(_farEnd, 100);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.ThrowTaskFaults();
        _host.Dispose();
    }
}
