namespace NfRt.Timing;

/// <summary>
/// Fixed-priority response-time analysis of a task set on one CPU (docs/spec/timing.md §5), the bound
/// the <c>check</c> command holds the kernel to. Per task i, with C its compute, B its blocking term
/// (<see cref="BlockingBound"/>), J jitter, T period:
/// <code>
/// busy period  L   = least t > 0 with  t = B + Σ_{j ⪯ i} ⌈(t + J_j)/T_j⌉·C_j          (j at least as urgent, i included)
/// job q of it  w_q = least t      with  t = B + (q+1)·C_i + Σ_{h ≺ i} ⌈(t + J_h)/T_h⌉·C_h  (+ equal-priority jobs, below)
/// response     R_q = w_q − q·T_i + J_i ;   R = max over the jobs q = 0, 1, … of the busy period
/// </code>
/// (Joseph and Pandya 1986; Audsley et al. 1993 for jitter; Lehoczky 1990 and Tindell, Burns and Wellings
/// 1994 for deadlines beyond the period, where the worst job need not be the first.) The busy period ends
/// after job q when w_q ≤ (q+1)·T_i − J_i. Equal priorities (§5.3): <see cref="EqualPriorityRule"/>.
/// Offsets are not used: the bound holds for every phasing. Limits: <see cref="AnalysisLimits"/>.
/// </summary>
public static class ResponseTimeAnalysis
{
    /// <summary>
    /// Analyses <paramref name="set"/>. Throws <see cref="ArgumentException"/> naming the first problem
    /// when the set is not valid (<see cref="TaskSetValidator"/>); a set read by <see cref="TaskSetReader"/> always is.
    /// </summary>
    public static AnalysisResult Analyze(TaskSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        TaskSetValidator.ThrowIfInvalid(set);
        var x = new TaskSetIndex(set);
        var levels = new Dictionary<int, LevelResources>();
        var partial = new Partial[x.Tasks.Length];
        for (int i = 0; i < x.Tasks.Length; i++)
        {
            int p = x.Tasks[i].Priority;
            if (!levels.TryGetValue(p, out var level)) levels[p] = level = new LevelResources(x, p);
            partial[i] = AnalyzeTask(x, i, level, allowFifo: true);
        }
        // The FIFO rule assumes no task of the priority level ever runs straight on from one job into the
        // next (it would overtake jobs queued behind it). That needs every bound of the level below its
        // period; if one is not, the level is analysed again counting every equal-priority job (§5.3).
        foreach (var group in Enumerable.Range(0, x.Tasks.Length).GroupBy(i => x.Tasks[i].Priority))
        {
            if (!group.Any(i => partial[i].Rule == EqualPriorityRule.Fifo)) continue;
            if (group.All(i => partial[i].Wcrt is long r && r < x.Tasks[i].Period)) continue;
            foreach (int i in group)
                if (partial[i].Rule == EqualPriorityRule.Fifo)
                    partial[i] = AnalyzeTask(x, i, levels[x.Tasks[i].Priority], allowFifo: false) with
                    {
                        EqualReason = "a task of this priority may overrun its period and run straight on into its next job",
                    };
        }
        var result = new TaskResponse[x.Tasks.Length];
        for (int i = 0; i < x.Tasks.Length; i++)
            result[i] = partial[i].Finish(SynchronousIsWorst(x, i, partial));
        return new AnalysisResult(set, result);
    }

    /// <summary>Everything of a <see cref="TaskResponse"/> but the synchronous-release flag, which needs the other tasks' bounds.</summary>
    private sealed record Partial(TaskSpec Task, BlockingBound Blocking, long? Wcrt, string Reason, EqualPriorityRule Rule,
        IReadOnlyList<TaskSpec> Equal, int WorstJob, long WorstOffset, long? BusyPeriod)
    {
        /// <summary>Why equal-priority jobs were all counted (<see cref="EqualPriorityRule.AllJobs"/>), else null.</summary>
        public string EqualReason { get; init; }

        public TaskResponse Finish(bool synchronous) =>
            new(Task, Blocking, Wcrt, Reason, Rule, Equal, WorstJob, WorstOffset, BusyPeriod, synchronous) { EqualReason = EqualReason };
    }

    private static bool SynchronousIsWorst(TaskSetIndex x, int i, Partial[] partial)
    {
        int p = x.Tasks[i].Priority;
        if (partial[i].Blocking.Rule != BlockingRule.None || partial[i].Equal.Count > 0) return false;
        for (int j = 0; j < x.Tasks.Length; j++)
        {
            if (x.Tasks[j].Priority > p) continue;
            if (x.SitesOfTask[j].Count > 0 || x.Tasks[j].Jitter != 0) return false;
            // a more urgent task ending exactly at its next release might have that release skipped
            // (whether it counts as passed is the kernel's choice): require it to end strictly before
            if (partial[j].Wcrt is not long r || r > x.Tasks[j].Period || (j != i && r == x.Tasks[j].Period)) return false;
        }
        return true;
    }

    private static Partial AnalyzeTask(TaskSetIndex x, int i, LevelResources level, bool allowFifo)
    {
        var p = AnalyzeTaskCore(x, i, level, allowFifo, out string equalReason);
        return p with { EqualReason = equalReason };
    }

    private static Partial AnalyzeTaskCore(TaskSetIndex x, int i, LevelResources level, bool allowFifo, out string equalReason)
    {
        var ti = x.Tasks[i];
        var blocking = BlockingBound.For(x, i, level);
        var equal = x.Tasks.Where((t, j) => j != i && t.Priority == ti.Priority).ToList();
        var hp = x.Tasks.Where(t => t.Priority < ti.Priority).ToList();
        bool fifo = allowFifo && equal.Count > 0 && !x.TaskMayBlock[i];
        var rule = equal.Count == 0 ? EqualPriorityRule.None : fifo ? EqualPriorityRule.Fifo : EqualPriorityRule.AllJobs;
        equalReason = rule == EqualPriorityRule.AllJobs && x.TaskMayBlock[i]
            ? "this task may wait on a lock, and a woken task rejoins its level at the tail" : null;
        if (blocking.Value is not long b)
            return new Partial(ti, blocking, null, "blocking is unbounded: " + blocking.UnboundedReason, rule, equal, 0, 0, null);

        var level0 = hp.Concat(equal).Append(ti).ToList();
        double u = level0.Sum(t => (double)t.Wcet / t.Period);
        if (u > 1 + 1e-9)
            return new Partial(ti, blocking, null, $"beyond the horizon: the tasks at least as urgent use {u:0.###} of the CPU (more than all of it)", rule, equal, 0, 0, null);

        var steps = new Budget();
        long? busy = LeastFixedPoint(t => b + Interference(level0, t), b + level0.Sum(t => t.Wcet), steps);
        if (busy is not long L)
            return new Partial(ti, blocking, null, BeyondHorizon(steps), rule, equal, 0, 0, null);

        if (fifo)
        {
            var fifoResult = FifoResponse(ti, hp, equal, b, L, new Budget());
            if (fifoResult.Fallback)
            {
                rule = EqualPriorityRule.AllJobs;
                equalReason = $"too many release points to try under FIFO (more than {AnalysisLimits.MaxFifoCandidates}, or {AnalysisLimits.MaxSteps} steps)";
            }
            else if (fifoResult.Wcrt is long r) return new Partial(ti, blocking, r, null, rule, equal, fifoResult.Job, fifoResult.Offset, L);
            else return new Partial(ti, blocking, null, BeyondHorizon(steps), rule, equal, 0, 0, L);
        }

        var interfering = hp.Concat(equal).ToList();
        long worst = long.MinValue, w = 0;
        int worstJob = 0;
        for (int q = 0; ; q++)
        {
            long jobs = Add(b, Mul(q + 1, ti.Wcet));
            long start = Math.Max(w, Add(jobs, interfering.Sum(t => t.Wcet)));
            long? fixedPoint = LeastFixedPoint(t => Add(jobs, Interference(interfering, t)), start, steps);
            if (fixedPoint is not long wq) return new Partial(ti, blocking, null, BeyondHorizon(steps), rule, equal, 0, 0, L);
            w = wq;
            long r = w - q * ti.Period + ti.Jitter;
            if (r > worst) { worst = r; worstJob = q; }
            if (w <= (q + 1) * ti.Period - ti.Jitter || (q + 1) * ti.Period - ti.Jitter >= L) break;
        }
        return worst > AnalysisLimits.HorizonTicks
            ? new Partial(ti, blocking, null, BeyondHorizon(steps), rule, equal, 0, 0, L)
            : new Partial(ti, blocking, worst, null, rule, equal, worstJob, 0, L);
    }

    private readonly record struct FifoOutcome(long? Wcrt, int Job, long Offset, bool Fallback);

    /// <summary>
    /// The FIFO rule (docs/spec/timing.md §5.3): the task never waits on a lock, so a job of it leaves the
    /// ready queue's tail only forwards (a preempted task goes back to the head of its level). Equal-priority
    /// jobs ahead of job q are those released no later than the moment it joins the queue: its release, or
    /// the completion of job q−1 when that is later. The first job may be released anywhere in the busy
    /// period (x); the response is largest just after an equal-priority release, so x runs over 0 and those points.
    /// </summary>
    private static FifoOutcome FifoResponse(TaskSpec ti, List<TaskSpec> hp, List<TaskSpec> equal, long b, long L, Budget steps)
    {
        var offsets = new SortedSet<long> { 0 };
        for (int q = 0; (long)q * ti.Period - ti.Jitter < L; q++)
        {
            long shift = (long)q * ti.Period + (q > 0 ? ti.Jitter : 0);
            foreach (var e in equal)
                for (long k = 1; ; k++)
                {
                    long x = k * e.Period - e.Jitter - shift;
                    if (x >= L) break;
                    if (x > 0) offsets.Add(x);
                    if (offsets.Count > AnalysisLimits.MaxFifoCandidates) return new FifoOutcome(null, 0, 0, true);
                }
        }
        long worst = long.MinValue, worstOffset = 0;
        int worstJob = 0;
        foreach (long x in offsets)
        {
            long previous = 0;
            for (int q = 0; ; q++)
            {
                long nominal = x - ti.Jitter + (long)q * ti.Period;
                if (q > 0 && nominal >= L) break;
                long joins = q == 0 ? x : Math.Max(x + (long)q * ti.Period + ti.Jitter, previous);
                long ahead = 0;
                foreach (var e in equal) ahead = Add(ahead, Mul((joins + e.Jitter) / e.Period + 1, e.Wcet));
                long fixedPart = Add(Add(b, Mul(q + 1, ti.Wcet)), ahead);
                long start = Math.Max(previous, Add(fixedPart, hp.Sum(t => t.Wcet)));
                long? f = LeastFixedPoint(t => Add(fixedPart, Interference(hp, t)), start, steps);
                if (f is not long fq) return new FifoOutcome(null, 0, 0, steps.Exhausted);
                long r = fq - nominal;
                if (r > worst) { worst = r; worstJob = q; worstOffset = x; }
                previous = fq;
            }
        }
        return worst > AnalysisLimits.HorizonTicks ? new FifoOutcome(null, 0, 0, false) : new FifoOutcome(worst, worstJob, worstOffset, false);
    }

    /// <summary>Σ ⌈(t + J)/T⌉·C over <paramref name="tasks"/>, saturating above the horizon.</summary>
    private static long Interference(List<TaskSpec> tasks, long t)
    {
        long sum = 0;
        foreach (var j in tasks)
        {
            sum = Add(sum, Mul(CeilDiv(t + j.Jitter, j.Period), j.Wcet));
            if (sum > AnalysisLimits.HorizonTicks) return sum;
        }
        return sum;
    }

    /// <summary>Iterates t ← f(t) from <paramref name="start"/> (≤ the least fixed point) until it stops moving; null past the horizon or the step budget.</summary>
    private static long? LeastFixedPoint(Func<long, long> f, long start, Budget steps)
    {
        long t = Math.Max(1, start);
        while (true)
        {
            if (t > AnalysisLimits.HorizonTicks || !steps.Take()) return null;
            long next = f(t);
            if (next <= t) return t;
            t = next;
        }
    }

    private static string BeyondHorizon(Budget steps) => steps.Exhausted
        ? $"beyond the horizon: more than {AnalysisLimits.MaxSteps} fixed-point steps"
        : $"beyond the horizon: the busy period or the response exceeds {AnalysisLimits.HorizonTicks} ticks";

    private static long CeilDiv(long a, long b) => a <= 0 ? 0 : (a + b - 1) / b;

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long Mul(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;

    /// <summary>The step budget of one task (<see cref="AnalysisLimits.MaxSteps"/>).</summary>
    private sealed class Budget
    {
        private int _left = AnalysisLimits.MaxSteps;
        public bool Exhausted => _left <= 0;
        public bool Take() => --_left >= 0;
    }
}
