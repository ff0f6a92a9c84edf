using System.Diagnostics;
using System.Text.RegularExpressions;
using NfRt.Boards;
using NfRt.Samples.SensorBusArbiter;
using UnitTests.SimulatorTests;

namespace UnitTests.Packaging;

/// <summary>
/// The two checkers of the sample's RESULT lines — <see cref="SampleResults"/> (host tests) and
/// Samples/SensorBusArbiter/check-results.sh (.ci/run) — on the sample's real output: its own run on the simulated
/// board (exact time), formatted by <see cref="SensorBusReport"/>. Both accept it, and both refuse it once one
/// observation is pushed above its bound, unless that run measured late ticks and says late-ticks on a board that
/// is not exact.
/// </summary>
public class UnitTestSampleResults
{
    private static readonly Lazy<string> Output = new(() =>
        SensorBusReport.Title(BoardProfiles.Esp32) + "\n"
        + SensorBusReport.Text(SensorBusRun.Execute(new SimulatedBoard(BoardProfiles.Esp32), true, false, true))
        + SensorBusReport.Text(SensorBusRun.Execute(new SimulatedBoard(BoardProfiles.Esp32), false, false, true))
        + "SAMPLE DONE\n");

    /// <summary>The logger's rt-mutex line with its observed response set to bound + 1 and its verdict to <paramref name="verdict"/>.</summary>
    private static string LoggerAboveBound(string output, string verdict) =>
        Regex.Replace(output, @"^(RESULT task=logger lock=rtmutex .*?bound=(\d+) observed=)\d+(.*verdict=)\w+",
            m => m.Groups[1].Value + (long.Parse(m.Groups[2].Value) + 1) + m.Groups[3].Value + verdict, RegexOptions.Multiline);

    private static string WithOvershoot(string output, int ticks) =>
        Regex.Replace(output, @"^(RESULT lock=rtmutex .* overshoot=)\d+", m => m.Groups[1].Value + ticks, RegexOptions.Multiline);

    /// <summary>Runs check-results.sh on <paramref name="output"/>; null when bash is not there.</summary>
    private static (int Code, string Text)? Script(string output, params string[] options)
    {
        var script = Path.Combine(Paths.RepoRoot, "Samples", "SensorBusArbiter", "check-results.sh");
        var log = Path.GetTempFileName();
        try
        {
            File.WriteAllText(log, output);
            var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(log);
            foreach (var o in options) psi.ArgumentList.Add(o);
            using var p = Process.Start(psi);
            string text = p!.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, text);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;   // no bash on this host: the C# checker alone is tested
        }
        finally
        {
            File.Delete(log);
        }
    }

    private static void BothAccept(string output, bool exact)
    {
        Assert.Empty(SampleResults.Problems(output, exact, sensor: false));
        var s = Script(output, exact ? new[] { "--exact", "--no-sensor" } : new[] { "--no-sensor" });
        if (s is { } r) Assert.True(r.Code == 0 && r.Text.StartsWith("ok:"), r.Text);
    }

    private static void BothRefuse(string output, bool exact, string because)
    {
        var problems = SampleResults.Problems(output, exact, sensor: false);
        Assert.Contains(problems, p => p.Contains(because));
        var s = Script(output, exact ? new[] { "--exact", "--no-sensor" } : new[] { "--no-sensor" });
        if (s is { } r) Assert.True(r.Code == 1 && r.Text.StartsWith("FAILED:") && r.Text.Contains(because), r.Text);
    }

    [Fact]
    public void Both_checkers_accept_the_samples_run_on_the_simulated_board()
    {
        BothAccept(Output.Value, exact: true);
        BothAccept(Output.Value, exact: false);
    }

    [Fact]
    public void An_observation_above_its_bound_is_refused_when_every_tick_came_on_time()
    {
        var output = LoggerAboveBound(Output.Value, "ok");
        Assert.NotEqual(Output.Value, output);
        BothRefuse(output, exact: true, "rtmutex logger: observed response");
        BothRefuse(output, exact: false, "rtmutex logger: observed response");
        // even when the sample calls it late-ticks: the run measured no late tick
        BothRefuse(LoggerAboveBound(Output.Value, "late-ticks"), exact: false, "rtmutex logger: observed response");
    }

    [Fact]
    public void An_observation_above_its_bound_in_a_run_with_late_ticks_passes_as_late_ticks_only_off_an_exact_board()
    {
        var output = WithOvershoot(LoggerAboveBound(Output.Value, "late-ticks"), 20);
        BothAccept(output, exact: false);
        BothRefuse(output, exact: true, "ticks late on an exact board");
    }

    [Fact]
    public void A_plain_lock_run_whose_control_stays_within_the_rt_mutex_bound_is_refused()
    {
        var output = Regex.Replace(Output.Value, @"^(RESULT task=control lock=plain .*?observed=)\d+", m => m.Groups[1].Value + "1", RegexOptions.Multiline);
        BothRefuse(output, exact: true, "plain control: observed 1");
    }
}
