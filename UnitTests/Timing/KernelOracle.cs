using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Simulator.Demo;
using NfRt.Sync;
using NfRt.Timing;

namespace UnitTests.Timing;

/// <summary>
/// Test oracle for the analysis: runs a <see cref="TaskSet"/> on the real kernel (simulated board,
/// invariant checks on) and reports each task's worst observed response, measured from the nominal
/// release <c>offset + k·period</c>. Resources are the real kernel objects: <c>inherit</c> an
/// <see cref="RtMutex"/>, <c>ceiling</c> an <see cref="RtMutex"/> with <see cref="RtMutexOptions.Ceiling"/>,
/// <c>plain</c> the demo's <see cref="PlainMutex"/>. Releases are made with <c>Sleep</c> to the release
/// tick (the task then joins the tail of its level, as a periodic release does); a release is delayed
/// by a random jitter in [0, J]. Overruns: skip (releases before the completion are skipped) or catch up.
/// A job still pending at the horizon counts with its age so far, so an unbounded wait shows up.
/// This is the tests' own harness, independent of the simulate command (docs/spec/timing.md §6).
/// </summary>
internal static class KernelOracle
{
    public sealed class Observed
    {
        public long Jobs;
        public long MaxResponse;
        public long WorstRelease = -1;
    }

    /// <summary>Runs <paramref name="set"/> for <paramref name="horizon"/> ticks with the given offsets (null: the set's own).</summary>
    public static Dictionary<string, Observed> Run(TaskSet set, long horizon, long[] offsets = null, SplitMix64 jitter = null)
    {
        int levels = Math.Min(1024, set.Tasks.Max(t => t.Priority) + 2);
        var result = set.Tasks.ToDictionary(t => t.Name, _ => new Observed());
        var jobs = set.Tasks.ToDictionary(t => t.Name, _ => new Job { Release = long.MaxValue });
        using var sim = new SimKernel(levels: levels, recordTrace: false, maxTasks: Math.Max(16, set.Tasks.Count + 2), watchdogMs: 60_000);   // generous: the host may be loaded
        var k = sim.K;
        var locks = new Dictionary<string, (Func<KernelStatus> Lock, Func<KernelStatus> Unlock)>();
        foreach (var r in set.Resources)
        {
            switch (r.Protocol)
            {
                case LockProtocol.Inherit:
                    {
                        var m = new RtMutex(k, r.Name);
                        locks[r.Name] = (() => m.Lock(), () => m.Unlock());
                        break;
                    }
                case LockProtocol.Ceiling:
                    {
                        if (set.CeilingOf(r) is not int c) break;
                        var m = new RtMutex(k, r.Name, new RtMutexOptions { Ceiling = c });
                        locks[r.Name] = (() => m.Lock(), () => m.Unlock());
                        break;
                    }
                default:
                    {
                        var m = new PlainMutex(k, r.Name);
                        locks[r.Name] = (() => m.Lock(), () => m.Unlock());
                        break;
                    }
            }
        }
        for (int i = 0; i < set.Tasks.Count; i++)
        {
            var t = set.Tasks[i];
            long first = offsets?[i] ?? t.Offset;
            var obs = result[t.Name];
            var job = jobs[t.Name];
            sim.Task(t.Name, t.Priority, () =>
            {
                long nominal = first;
                while (true)
                {
                    long release = nominal + (t.Jitter > 0 && jitter != null ? jitter.NextLong(0, t.Jitter) : 0);
                    job.Nominal = nominal;
                    job.Release = release;
                    job.Left = t.Wcet;
                    job.CompletedAt = -1;
                    long wait = release - k.Now;
                    if (wait > 0 && k.Sleep((int)wait) != KernelStatus.Ok) return;
                    if (!Run(k, t.Body, locks, job)) return;
                    long done = job.CompletedAt;
                    Record(obs, job);
                    job.Release = long.MaxValue;
                    nominal += t.Period;
                    if (t.Overrun == NfRt.Timing.OverrunPolicy.Skip)
                        while (nominal < done) nominal += t.Period;
                }
            });
        }
        long left = horizon;
        while (left > 0)
        {
            int step = (int)Math.Min(left, 1_000_000);
            sim.Ticks(step);
            left -= step;
        }
        foreach (var (name, job) in jobs)
        {
            if (job.Release > k.Now) continue;                       // no job released and not yet reported
            if (job.CompletedAt >= 0) { Record(result[name], job); continue; }   // complete, its thread not yet back
            var obs = result[name];
            if (k.Now - job.Nominal > obs.MaxResponse) { obs.MaxResponse = k.Now - job.Nominal; obs.WorstRelease = job.Nominal; }
        }
        return result;
    }

    /// <summary>The current job of a task: nominal release, actual release, compute ticks left, completion (−1: not yet).</summary>
    private sealed class Job
    {
        public long Nominal, Release, Left, CompletedAt;
    }

    private static void Record(Observed obs, Job job)
    {
        obs.Jobs++;
        long r = job.CompletedAt - job.Nominal;
        if (r > obs.MaxResponse) { obs.MaxResponse = r; obs.WorstRelease = job.Nominal; }
    }

    /// <summary>
    /// Runs a body. The job's completion (docs/spec/timing.md §4.4) is the end of its last compute tick:
    /// <c>Busy</c> passes a preemption point after its last tick, so the time it returns can be later.
    /// So the last tick of the job is burned by a separate <c>Busy(1)</c>, entered while running (it ends
    /// exactly one tick later), and the completion is written down before it, where the driver finds it
    /// even if the task is preempted in that last preemption point.
    /// </summary>
    private static bool Run(Scheduler k, IReadOnlyList<Segment> body, Dictionary<string, (Func<KernelStatus> Lock, Func<KernelStatus> Unlock)> locks, Job job)
    {
        foreach (var s in body)
        {
            switch (s)
            {
                case ComputeSegment c:
                    long n = c.Ticks;
                    if (n == 0) break;
                    if (job.Left == n)
                    {
                        if (n > 1 && k.Busy((int)n - 1) != KernelStatus.Ok) return false;
                        job.CompletedAt = k.Now + 1;
                        job.Left = 0;
                        if (k.Busy(1) != KernelStatus.Ok) return false;
                    }
                    else
                    {
                        if (k.Busy((int)n) != KernelStatus.Ok) return false;
                        job.Left -= n;
                    }
                    break;
                case LockSegment l:
                    var m = locks[l.Resource];
                    if (m.Lock() != KernelStatus.Ok) return false;
                    if (!Run(k, l.Body, locks, job)) return false;
                    if (m.Unlock() != KernelStatus.Ok) return false;
                    break;
            }
        }
        return true;
    }
}
