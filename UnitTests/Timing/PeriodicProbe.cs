using NfRt.Kernel;
using NfRt.Scheduling;

namespace UnitTests.Timing;

/// <summary>
/// A periodic task for the tests: each job records (job number, start tick, status of the
/// WaitForNextPeriod that started it) and burns <c>compute(job)</c> ticks with Busy. The kernel's
/// statistics of the task are read with <see cref="Stats"/>.
/// </summary>
public sealed class PeriodicProbe
{
    public readonly TaskControlBlock Task;
    public readonly List<(int Job, long Start, KernelStatus Status)> Jobs = new();
    private readonly SimKernel _s;

    public PeriodicProbe(SimKernel s, string name, int prio, PeriodicOptions options, Func<int, int> compute, Action<int> extra = null)
    {
        _s = s;
        Task = s.K.CreatePeriodicTask(name, prio, () =>
        {
            for (int job = 0; ; job++)
            {
                KernelStatus st = s.K.WaitForNextPeriod();
                Jobs.Add((job, s.K.Now, st));
                extra?.Invoke(job);
                Assert.Equal(KernelStatus.Ok, s.K.Busy(compute(job)));
            }
        }, options, TaskOptions.None, 0, out var err);
        Assert.True(Task != null, "CreatePeriodicTask " + name + ": " + err);
    }

    public PeriodicProbe(SimKernel s, string name, int prio, int period, int compute, int deadline = 0, int offset = 0,
        OverrunPolicy overrun = OverrunPolicy.Skip)
        : this(s, name, prio, new PeriodicOptions { Period = period, Deadline = deadline, Offset = offset, Overrun = overrun }, _ => compute) { }

    public TaskStatistics Stats()
    {
        var st = new TaskStatistics();
        Assert.Equal(KernelStatus.Ok, _s.K.ReadStatistics(Task, st));
        return st;
    }

    /// <summary>The statuses reported at the start of jobs 1.. (each one says how the job before ended).</summary>
    public List<KernelStatus> Reports => Jobs.Skip(1).Select(j => j.Status).ToList();

    public List<long> Starts => Jobs.Select(j => j.Start).ToList();
}
