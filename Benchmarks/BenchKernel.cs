using NfRt.Boards;
using NfRt.Harness;

namespace NfRt.Benchmarks;

/// <summary>
/// The benchmarks' kernel: the harness's <see cref="SimKernel"/> in the steady-state configuration
/// (140 levels, invariant checks and trace off), already dispatching, with BenchmarkDotNet's thread
/// (which runs [GlobalSetup], the benchmark methods and [GlobalCleanup]) as its driver. Task-side code
/// is posted to a worker task (<see cref="SimKernel.AddWorker"/>, <see cref="SimKernel.RunWorker"/>):
/// two host thread switches per invocation, amortised over the loop (OperationsPerInvoke).
/// </summary>
public static class BenchKernel
{
    public static SimKernel StartedKernel(BoardProfile profile, int maxTasks = 128, ITaskGateFactory gates = null)
    {
        var s = new SimKernel(levels: 140, profile: profile, maxTasks: maxTasks, checkInvariants: false, recordTrace: false, gates: gates);
        s.K.RunUntilIdle();   // starts dispatching: tasks created from now on run at once
        return s;
    }
}
