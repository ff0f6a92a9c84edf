using System.Text.RegularExpressions;
using NfRt.DeviceTests;

namespace UnitTests.Device;

/// <summary>
/// The whole device test suite on the real nanoFramework interpreter (nanoCLR for Linux), when one is
/// found (see <see cref="NanoClr"/>); otherwise skipped with the reason. Pass/fail is decided from the
/// printed lines (nanoCLR's exit status cannot be trusted): every test must print PASS, none FAIL, and
/// the sentinel must end the run.
/// </summary>
public class UnitTestDeviceTestsOnNanoClr
{
    [SkippableFact]
    public void Device_tests_pass_on_nanoCLR()
    {
        var run = NanoClr.RunScript;
        Skip.If(run == null, NanoClr.MissingReason);
        var entry = Path.Combine(AppContext.BaseDirectory, "DeviceTests.dll");
        var args = new List<string> { "--timeout", "400", entry };
        args.AddRange(NanoClr.Libraries("nanoFramework.TestFramework"));
        var (code, output) = NanoClr.Run(run, args, TimeSpan.FromSeconds(450));
        var tail = "\n--- tail of the nanoCLR output ---\n" + NanoClr.Tail(output);
        Assert.True(code != 124 && code != -1, "nanoCLR run timed out" + tail);
        var sentinel = Regex.Match(output, "^" + Regex.Escape(DeviceTestRunner.Sentinel) + @" (\d+) passed, (\d+) failed, (\d+) skipped", RegexOptions.Multiline);
        Assert.True(sentinel.Success, "the sentinel line is missing (a crash or hang on the device?)" + tail);
        var failed = Regex.Matches(output, "^FAIL .*$", RegexOptions.Multiline).Select(m => m.Value).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed) + tail);
        int passed = Regex.Matches(output, "^PASS ", RegexOptions.Multiline).Count;
        int expected = UnitTestDeviceTestsAdapter.DeviceTestCases().Count();
        Assert.True(passed == expected, $"{passed} PASS lines on nanoCLR, {expected} device tests" + tail);
        Assert.Equal(passed.ToString(), sentinel.Groups[1].Value);
    }
}
