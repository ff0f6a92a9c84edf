using System.Text.RegularExpressions;

namespace UnitTests.Packaging;

/// <summary>
/// The checks on the SensorBusArbiter sample's RESULT lines (format: Samples/SensorBusArbiter/SensorBusReport.cs).
/// The same rules as Samples/SensorBusArbiter/check-results.sh, which .ci/run applies to the nanoCLR and firmware runs:
/// <list type="bullet">
/// <item>per run (rtmutex, plain): at least 4 readings, no faulted task, every device-event sample received and none refused
/// (when the sensor ran); with the rt-mutex the logger was boosted; with the plain lock control waited longer than
/// the critical section at least once (the load got in);</item>
/// <item>per task and run: at least 4 jobs; a task with a bound: observed response ≤ bound and blocking ≤
/// blocking_bound with verdict ok and no miss — or, on a board that is not exact and only in a run that measured late
/// ticks (overshoot or start_late above 0), verdict late-ticks (a miss then counts as late too); control under the
/// plain lock has no bound: verdict unbounded (a miss allowed: the analysis says it can miss), and its observed
/// response is above control's rt-mutex bound; with the rt-mutex control's waits are its blocking, within its
/// blocking_bound like every task's;</item>
/// <item>exact time (the simulated board, the firmware under --icount): no late tick, every bounded task within its bound.</item>
/// </list>
/// </summary>
public static class SampleResults
{
    public const int Cycles = 4;

    /// <summary>Asserts every rule on <paramref name="output"/>, the sample's whole output.</summary>
    public static void Check(string output, bool exact = false, bool sensor = true)
    {
        var problems = Problems(output, exact, sensor);
        Assert.True(problems.Count == 0, "sample results: " + string.Join("; ", problems));
    }

    /// <summary>Every rule <paramref name="output"/> breaks (empty when it passes).</summary>
    public static List<string> Problems(string output, bool exact, bool sensor)
    {
        var bad = new List<string>();
        if (!output.Contains("SAMPLE DONE")) bad.Add("the run did not end (no SAMPLE DONE)");
        var runs = new Dictionary<string, Dictionary<string, string>>();
        var late = new Dictionary<string, bool>();
        foreach (var l in new[] { "rtmutex", "plain" })
        {
            var m = Regex.Match(output, "^RESULT lock=" + l + " (.*?)\r?$", RegexOptions.Multiline);
            if (!m.Success) { bad.Add("no RESULT line for " + l); return bad; }
            var r = runs[l] = Fields(m.Groups[1].Value);
            if (Int(r, "readings") < Cycles) bad.Add($"{l}: {Int(r, "readings")} readings, at least {Cycles} expected");
            if (Get(r, "fault") != "none") bad.Add($"{l}: task {Get(r, "fault")} faulted");
            if (sensor)
            {
                if (Int(r, "samples") < 1) bad.Add($"{l}: the sensor produced no sample");
                if (Int(r, "samples") != Int(r, "received")) bad.Add($"{l}: {Int(r, "samples")} samples raised, {Int(r, "received")} received");
                if (Int(r, "refused") != 0) bad.Add($"{l}: {Int(r, "refused")} raises refused");
            }
            late[l] = Int(r, "overshoot") > 0 || Int(r, "start_late") > 0;
            if (exact && late[l]) bad.Add($"{l}: ticks late on an exact board (overshoot {Int(r, "overshoot")}, start_late {Int(r, "start_late")})");
        }
        var pi = runs["rtmutex"];
        var plain = runs["plain"];
        if (Int(pi, "boosts") < 1) bad.Add("the logger was never boosted");
        if (Int(plain, "max_wait") <= Int(pi, "cs")) bad.Add($"plain lock: control never waited longer than the critical section {Int(pi, "cs")} (at most {Int(plain, "max_wait")}): the load never got in");

        var tasks = Regex.Matches(output, "^RESULT task=(.*?)\r?$", RegexOptions.Multiline).Select(m => Fields("task=" + m.Groups[1].Value)).ToList();
        if (tasks.Count != 6) bad.Add(tasks.Count + " task RESULT lines, 6 expected");
        var control = tasks.FirstOrDefault(t => Get(t, "task") == "control" && Get(t, "lock") == "rtmutex");
        if (control == null) { bad.Add("no RESULT line for control with the rt-mutex"); return bad; }
        foreach (var t in tasks)
        {
            string name = Get(t, "lock") + " " + Get(t, "task"), verdict = Get(t, "verdict");
            if (Int(t, "jobs") < Cycles) bad.Add($"{name}: {Int(t, "jobs")} jobs, at least {Cycles} expected");
            if (Get(t, "bound") != "none" && Int(t, "misses") != 0 && (exact || verdict != "late-ticks")) bad.Add($"{name}: {Int(t, "misses")} deadline misses");
            if (Get(t, "bound") == "none")
            {
                if (verdict != "unbounded") bad.Add($"{name}: no bound but verdict {verdict}");
                if (Int(t, "observed") <= Int(control, "bound")) bad.Add($"{name}: observed {Int(t, "observed")}, not above the rt-mutex bound {Int(control, "bound")}");
                continue;
            }
            bool within = Int(t, "observed") <= Int(t, "bound") && Int(t, "blocking") <= Int(t, "blocking_bound");
            if (within && verdict != "ok") bad.Add($"{name}: within its bound but verdict {verdict}");
            if (!within && (exact || !late.GetValueOrDefault(Get(t, "lock")) || verdict != "late-ticks"))
                bad.Add($"{name}: observed response {Int(t, "observed")} (bound {Int(t, "bound")}), blocking {Int(t, "blocking")} (bound {Int(t, "blocking_bound")}), verdict {verdict}");
        }
        return bad;
    }

    private static Dictionary<string, string> Fields(string text)
    {
        var d = new Dictionary<string, string>();
        foreach (Match kv in Regex.Matches(text, @"(\w+)=(\S+)")) d[kv.Groups[1].Value] = kv.Groups[2].Value;
        return d;
    }

    private static string Get(Dictionary<string, string> d, string key) => d.TryGetValue(key, out var v) ? v : "";

    private static long Int(Dictionary<string, string> d, string key) => long.TryParse(Get(d, key), out var v) ? v : long.MinValue;
}
