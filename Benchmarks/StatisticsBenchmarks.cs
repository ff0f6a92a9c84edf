using System.Reflection;
using BenchmarkDotNet.Attributes;
using NfRt.Boards;
using NfRt.Harness;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Benchmarks;

/// <summary>
/// What the run-time statistics (docs/spec/scheduler.md §34) cost per context switch, per block/wake and per
/// read, on the host (docs/BENCHMARKS.md, "Run-time statistics").
/// <list type="bullet">
/// <item><b>Hook rows</b>: the kernel's own hook methods, called through delegates (private methods, found by
/// reflection) <see cref="Ops"/> times per invocation; <c>Delegate_baseline</c> is the same loop calling an empty
/// method, so a hook's own cost is its row minus the baseline. <c>Switch_hook_fine_clock</c> is what every switch
/// adds on a board with a finer clock (the real-time board: a clock read, two additions); on the simulated
/// board a switch adds only the test of one bool field. <c>Block_and_wake_hooks</c> opens and closes an inversion
/// interval (a task blocked on an rt-mutex held by a less urgent task). The tick adds one store.</item>
/// <item><b>Read row</b>: <c>Scheduler.ReadStatistics</c> from the driver (caller check, mask, copy, unmask).</item>
/// <item><b>Switch rows</b>: two equal-priority tasks calling Yield in turn (every call one full switch), on the
/// simulated board (no clock read per switch) and on a real-time board whose tick source is not started (the same
/// switch path plus the clock read): the end-to-end context, within the host switch's noise.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class StatisticsBenchmarks
{
    public const int Ops = 10_000;
    public const int N = 20_000;        // Yield round trips per invocation: 2N switches

    private Action<TaskControlBlock, TaskControlBlock> _switchHook;
    private Action<TaskControlBlock> _open, _close;
    private Action<TaskControlBlock, TaskControlBlock> _empty;
    private TaskControlBlock _a, _b, _high;
    private SimKernel _hooks;
    private TaskStatistics _into;
    private (Scheduler K, KernelEvent[] Go, Action Dispose) _simYield, _rtYield;

    private static void Nothing(TaskControlBlock a, TaskControlBlock b) { }

    [GlobalSetup]
    public void Setup()
    {
        _hooks = BenchKernel.StartedKernel(BoardProfiles.Stm32);
        var k = _hooks.K;
        var m = new RtMutex(k, "m");
        var held = new KernelEvent(k, "held");
        _a = _hooks.Task("low", 20, () => { m.Lock(); held.Wait(-1); m.Unlock(); });
        _high = _hooks.Task("high", 5, () => { m.Lock(); m.Unlock(); });   // blocks on m behind low
        _b = _hooks.Task("other", 30, () => held.Wait(-1));
        k.RunUntilIdle();
        if (_high.State != TaskState.Blocked) throw new InvalidOperationException("high is not blocked on m");
        _switchHook = Hook<Action<TaskControlBlock, TaskControlBlock>>(k, "AccountCpu");
        _open = Hook<Action<TaskControlBlock>>(k, "OpenInversion");
        _close = Hook<Action<TaskControlBlock>>(k, "CloseInversion");
        _empty = Nothing;
        _into = new TaskStatistics();
        _simYield = YieldPair(new SimulatedBoard(BoardProfiles.Stm32));
        _rtYield = YieldPair(new RealTimeBoard(BoardProfiles.Stm32));
        RunYields(_simYield);
        RunYields(_rtYield);
    }

    private static T Hook<T>(Scheduler k, string name) where T : Delegate =>
        (T)Delegate.CreateDelegate(typeof(T), k, typeof(Scheduler).GetMethod(name, BindingFlags.Instance | BindingFlags.NonPublic)
                                               ?? throw new MissingMethodException(nameof(Scheduler), name));

    private static (Scheduler, KernelEvent[], Action) YieldPair(Board board)
    {
        board.UseGates(new SpinParkGate.Factory());
        var k = new Scheduler(new KernelConfig { PriorityLevels = 140, CheckInvariants = false }, board);
        k.RunUntilIdle();
        var go = new KernelEvent[2];
        for (int t = 0; t < 2; t++)
        {
            var mine = go[t] = new KernelEvent(k, "go" + t);
            k.CreateTask("Y" + t, 10, () =>
            {
                while (true)
                {
                    mine.Wait(-1);
                    for (int i = 0; i < N; i++) k.Yield();
                }
            });
        }
        return (k, go, () => k.Shutdown());
    }

    private static void RunYields((Scheduler K, KernelEvent[] Go, Action Dispose) p)
    {
        int before = p.K.ContextSwitches;
        p.Go[0].Signal();       // signals from the driver never dispatch: both ready before either runs
        p.Go[1].Signal();
        if (p.K.RunUntilIdle() != KernelStatus.Ok) throw new InvalidOperationException("yield ping-pong failed");
        if (p.K.ContextSwitches - before < 2 * N) throw new InvalidOperationException("the tasks did not alternate");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ops)]
    public void Delegate_baseline()
    {
        for (int i = 0; i < Ops; i++) _empty(_a, _b);
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Switch_hook_fine_clock()
    {
        for (int i = 0; i < Ops; i++) _switchHook(_a, _b);
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Block_and_wake_hooks()
    {
        for (int i = 0; i < Ops; i++) { _open(_high); _close(_high); }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public void ReadStatistics()
    {
        var k = _hooks.K;
        for (int i = 0; i < Ops; i++) k.ReadStatistics(_high, _into);
    }

    [Benchmark(OperationsPerInvoke = 2 * N)]
    public void Yield_switch_simulated_board() => RunYields(_simYield);

    [Benchmark(OperationsPerInvoke = 2 * N)]
    public void Yield_switch_real_time_board() => RunYields(_rtYield);

    [GlobalCleanup]
    public void Cleanup()
    {
        _simYield.Dispose();
        _rtYield.Dispose();
        _hooks.Dispose();
    }
}
