using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Harness;

/// <summary>What one task did in a <see cref="TaskSetRunner"/> run.</summary>
/// <param name="Name">The task's name.</param>
/// <param name="Jobs">Jobs completed.</param>
/// <param name="MaxResponse">Worst response (release to completion) of a completed job, in ticks; -1 when none completed.</param>
/// <param name="Misses">Completed jobs that missed their deadline.</param>
/// <param name="MaxBlocking">The most priority-inversion time of one job (rt-mutex waits as the kernel counts them, plus plain-lock waits by the same rule).</param>
/// <param name="Skipped">Releases skipped under the skip policy.</param>
/// <param name="OpenJobAge">Ticks since the release of a job that had not run all its compute ticks at the horizon — started or still waiting to start (-1: none), so a job that never ends shows.</param>
/// <param name="Statistics">The kernel's statistics of the task at the horizon.</param>
public sealed record TaskRunResult(string Name, int Jobs, long MaxResponse, int Misses, long MaxBlocking, int Skipped, long OpenJobAge, TaskStatistics Statistics);

/// <summary>A run: the set's name, the horizon reached, the first releases used, and one result per task in the set's order.</summary>
public sealed record TaskSetRun(string Name, long Horizon, IReadOnlyList<long> Offsets, IReadOnlyList<TaskRunResult> Tasks);

/// <summary>
/// Runs a <see cref="SimTaskSet"/> on the simulated board with the real kernel: every task is a periodic task
/// (<c>Scheduler.CreatePeriodicTask</c>, its release grid, deadline and overrun policy) whose job is its body —
/// <c>compute n</c> is <c>Busy(n)</c>; <c>lock R</c> locks R's kernel object: <see cref="SimProtocol.Inherit"/> an
/// <see cref="RtMutex"/>, <see cref="SimProtocol.Ceiling"/> an <see cref="RtMutex"/> with
/// <see cref="RtMutexOptions.Ceiling"/> (the resource's ceiling, or the most urgent priority of its users), and
/// <see cref="SimProtocol.Plain"/> a <see cref="PlainLock"/> (no inheritance). Responses, misses and skips are the
/// kernel's own statistics (docs/spec/scheduler.md §33-§34), so what is checked is the kernel's periodic machinery,
/// with the time rules of the timing contract (a job is complete at the end of its last tick; a release at t
/// happens at the start of tick t). Tasks are created in the set's order at tick 0 before anything runs.
/// <para>Invariant checks are on by default. A task fault, the watchdog or a kernel status other than Ok throws
/// <see cref="HarnessException"/> naming it.</para>
/// </summary>
public static class TaskSetRunner
{
    /// <summary>
    /// Runs <paramref name="set"/> for <paramref name="horizon"/> ticks. <paramref name="offsets"/> (one per task) replaces
    /// the tasks' offsets (a phasing); <paramref name="jitter"/>(task index, job number) delays a job's start until that many
    /// ticks after its release (0: none; the job sleeps until then, so it joins the tail of its level at the jittered release); <paramref name="onKernel"/> sees the kernel before any task exists (attach a trace sink).
    /// </summary>
    public static TaskSetRun Run(SimTaskSet set, long horizon, IReadOnlyList<long> offsets = null, Func<int, long, long> jitter = null,
        Action<Scheduler> onKernel = null, bool checkInvariants = true)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (horizon < 0 || horizon > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "0 .. int.MaxValue ticks");
        if (offsets != null && offsets.Count != set.Tasks.Count) throw new ArgumentException($"{offsets.Count} offsets for {set.Tasks.Count} tasks", nameof(offsets));
        var firsts = set.Tasks.Select((t, i) => offsets?[i] ?? t.Offset).ToList();
        int levels = Math.Clamp(set.Tasks.Count == 0 ? 1 : set.Tasks.Max(t => t.Priority) + 1, 1, Priority.MaxLevels);
        // the watchdog is generous: on a loaded host a task thread can wait long for a core
        using var sim = new SimKernel(levels: levels, checkInvariants: checkInvariants, recordTrace: false, maxTasks: Math.Max(1, set.Tasks.Count), watchdogMs: 60_000);
        Scheduler k = sim.K;
        onKernel?.Invoke(k);
        var plainBlocked = new Dictionary<TaskControlBlock, long>();
        var locks = new Dictionary<string, (Func<KernelStatus> Lock, Func<KernelStatus> Unlock)>(StringComparer.Ordinal);
        foreach (var r in set.Resources)
        {
            if (r.Protocol == SimProtocol.Plain)
            {
                var p = new PlainLock(k, r.Name, plainBlocked);
                locks[r.Name] = (p.Lock, p.Unlock);
                continue;
            }
            var options = new RtMutexOptions();
            if (r.Protocol == SimProtocol.Ceiling) options.Ceiling = set.CeilingOf(r) ?? levels - 1;
            var m = new RtMutex(k, r.Name, options);
            locks[r.Name] = (m.Lock, m.Unlock);
        }
        var probes = new Probe[set.Tasks.Count];
        for (int i = 0; i < set.Tasks.Count; i++)
        {
            var t = set.Tasks[i];
            if (firsts[i] < 0 || firsts[i] > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(offsets), firsts[i], $"task {t.Name}: offset");
            var probe = probes[i] = new Probe { Wcet = ComputeTicks(t.Body) };
            int index = i;
            var options = new PeriodicOptions { Period = t.Period, Deadline = t.Deadline, Offset = (int)firsts[i], Overrun = t.Overrun };
            probe.Task = k.CreatePeriodicTask(t.Name, t.Priority, () => Job(k, t, index, probe, locks, plainBlocked, jitter), options, TaskOptions.None, 0, out var err);
            if (probe.Task == null) throw new HarnessException($"task {t.Name}: CreatePeriodicTask refused it ({err}): {options.Validate() ?? "priority or name"}");
        }
        KernelStatus st = k.AdvanceTicks((int)horizon);
        if (st != KernelStatus.Ok)
        {
            var f = k.LastFault ?? k.FirstFaultedTask();
            throw new HarnessException(st == KernelStatus.TaskFaulted && f != null
                ? $"task set {set.Name}: task {f.Name} faulted at tick {k.Now}: {f.Fault?.GetType().Name}: {f.Fault?.Message}"
                : $"task set {set.Name}: AdvanceTicks returned {st} at tick {k.Now}");
        }
        var results = new List<TaskRunResult>();
        for (int i = 0; i < set.Tasks.Count; i++)
        {
            var p = probes[i];
            var s = new TaskStatistics();
            if (k.ReadStatistics(p.Task, s) != KernelStatus.Ok) throw new HarnessException($"ReadStatistics {p.Task.Name}");
            long open = -1;
            if (p.InBody && s.CpuTicks - p.CpuAtStart < p.Wcet) open = k.Now - p.Release;                 // started, compute not all run
            else if (!p.InBody && s.NextRelease >= 0 && s.NextRelease < k.Now) open = k.Now - s.NextRelease;   // released, not started yet
            results.Add(new TaskRunResult(set.Tasks[i].Name, s.JobsCompleted, s.WorstResponse, s.DeadlinesMissed, p.MaxBlocking, s.ReleasesSkipped, open, s));
        }
        return new TaskSetRun(set.Name, k.Now, firsts, results);
    }

    /// <summary>A task's side of the run: whether its body is running, the current job's release, its worst job blocking.</summary>
    private sealed class Probe
    {
        public TaskControlBlock Task;
        public bool InBody;
        public long Release;
        public long MaxBlocking;
        public long CpuAtStart;
        public long Wcet;
    }

    /// <summary>A task body: each job waits for its release, waits its jitter, runs the segments, records its blocking.</summary>
    private static void Job(Scheduler k, SimTask t, int index, Probe probe, Dictionary<string, (Func<KernelStatus> Lock, Func<KernelStatus> Unlock)> locks,
        Dictionary<TaskControlBlock, long> plainBlocked, Func<int, long, long> jitter)
    {
        var st = new TaskStatistics();
        for (long job = 0; ; job++)
        {
            KernelStatus r = k.WaitForNextPeriod();
            if (r != KernelStatus.Ok && r != KernelStatus.DeadlineMissed) throw new HarnessException($"{t.Name}: WaitForNextPeriod returned {r}");
            Expect(k.ReadStatistics(probe.Task, st), t.Name, "ReadStatistics");
            probe.Release = st.JobRelease;
            probe.CpuAtStart = st.CpuTicks;
            probe.InBody = true;
            long before = st.TotalBlocking;
            PlainLock.TakeBlocking(plainBlocked, probe.Task);
            // the jittered release is release + delay, wherever the task got the CPU: it sleeps until then (and joins the tail
            // of its level then); when it first runs later than that, it was queued from the release on: jitter 0, as far as
            // the others can tell
            long delay = jitter?.Invoke(index, job) ?? 0;
            long late = probe.Release + delay - k.Now;
            if (late > 0) Expect(k.Sleep((int)late), t.Name, "jitter sleep");
            Segments(k, t.Name, t.Body, locks);
            Expect(k.ReadStatistics(probe.Task, st), t.Name, "ReadStatistics");
            long blocked = st.TotalBlocking - before + PlainLock.TakeBlocking(plainBlocked, probe.Task);
            if (blocked > probe.MaxBlocking) probe.MaxBlocking = blocked;
            probe.InBody = false;
        }
    }

    private static void Segments(Scheduler k, string task, IReadOnlyList<SimSegment> body, Dictionary<string, (Func<KernelStatus> Lock, Func<KernelStatus> Unlock)> locks)
    {
        foreach (var s in body)
        {
            switch (s)
            {
                case SimCompute c:
                    Expect(k.Busy((int)c.Ticks), task, "compute");
                    break;
                case SimLock l:
                    if (!locks.TryGetValue(l.Resource, out var ops)) throw new HarnessException($"{task}: lock of undeclared resource {l.Resource}");
                    Expect(ops.Lock(), task, "lock " + l.Resource);
                    Segments(k, task, l.Body, locks);
                    Expect(ops.Unlock(), task, "unlock " + l.Resource);
                    break;
            }
        }
    }

    private static long ComputeTicks(IReadOnlyList<SimSegment> body)
    {
        long n = 0;
        foreach (var s in body) n += s is SimCompute c ? c.Ticks : s is SimLock l ? ComputeTicks(l.Body) : 0;
        return n;
    }

    private static void Expect(KernelStatus s, string task, string what)
    {
        if (s != KernelStatus.Ok) throw new HarnessException($"{task}: {what} returned {s}");
    }
}
