using System.Text.RegularExpressions;
using NfRt.ThreadMetric;
using UnitTests.Device;

namespace UnitTests.ThreadMetric;

/// <summary>
/// The Thread-Metric smoke run on the real nanoFramework interpreter (ThreadMetric.Nano built with its
/// default settings: every test, one period of 0.5 s, about 10 s in all), when nanoCLR is found
/// (<see cref="NanoClr"/>); otherwise skipped with the reason. Decided from the printed lines (nanoCLR's
/// exit status cannot be trusted): a RESULT line per test with a positive score and no error, no ERROR
/// line, and the sentinel.
/// </summary>
public class UnitTestThreadMetricOnNanoClr
{
    [SkippableFact]
    public void Thread_Metric_smoke_passes_on_nanoCLR()
    {
        var run = NanoClr.RunScript;
        Skip.If(run == null, NanoClr.MissingReason);
        var args = new List<string> { "--timeout", "300", Path.Combine(AppContext.BaseDirectory, "ThreadMetricNano.dll") };
        args.AddRange(NanoClr.Libraries("ThreadMetric"));
        var (code, output) = NanoClr.Run(run, args, TimeSpan.FromSeconds(330));
        output = output.Replace("\r", "");
        var tail = "\n--- tail of the nanoCLR output ---\n" + NanoClr.Tail(output, 80);
        Assert.True(code != 124 && code != -1, "nanoCLR run timed out" + tail);
        Assert.Matches(new Regex(@"^THREADMETRIC DONE 8 passed, 0 failed", RegexOptions.Multiline), output);
        Assert.DoesNotMatch(new Regex("^ERROR", RegexOptions.Multiline), output);
        foreach (var t in TmRunner.AllTests())
        {
            var m = Regex.Match(output, "^RESULT " + Regex.Escape(t.Name) + @": (\d+) per second .*errors 0,.*status Ok", RegexOptions.Multiline);
            Assert.True(m.Success, "no passing RESULT line for " + t.Name + tail);
            Assert.True(long.Parse(m.Groups[1].Value) > 0, t.Name + ": score 0" + tail);
        }
    }
}
