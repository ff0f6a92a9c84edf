using static UnitTests.SimulatorTests.UnitTestOutputSafety;

namespace UnitTests.SimulatorTests;

/// <summary>
/// Command-line input handling (issue item 6): unknown options are usage errors, not file names;
/// errors go to stderr and results to stdout; a number out of range says so.
/// </summary>
public class UnitTestCliInput
{
    [Theory]
    [InlineData("run", "--frob", "@SCRIPT")]
    [InlineData("run", "@SCRIPT", "-x")]
    [InlineData("run", "@SCRIPT", "--trac", "t.json")]
    public void Unknown_option_is_a_usage_error_with_help_and_nothing_runs(params string[] args)
    {
        using var dir = new TempDir();
        string script = dir.Copy("pi-one-level.tst");
        var r = Cli(args.Select(a => a == "@SCRIPT" ? script : a).ToArray());
        Assert.NotEqual(0, r.Code);
        string unknown = args.First(a => a.StartsWith('-'));
        Assert.Contains($"'{unknown}'", r.Err);
        Assert.Contains("Usage:", r.Err);
        Assert.DoesNotContain("Cannot read file", r.Err);
        Assert.Equal("", r.Out);
        Assert.Equal(new[] { script }, Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_file_name_starting_with_a_dash_is_accepted_after_double_dash()
    {
        var r = Cli("run", "--", "-no-such-script.tst");
        Assert.Equal(1, r.Code);
        Assert.Contains("-no-such-script.tst: Cannot read file: no such file", r.Err);
    }

    [Fact]
    public void Errors_go_to_stderr_and_results_to_stdout()
    {
        using var dir = new TempDir();
        string good = dir.Copy("pi-one-level.tst"), missing = dir["missing.tst"];
        string unwritable = Path.Combine(good, "x.json");         // a file used as a directory
        var r = Cli("run", good, missing, "--trace", unwritable);
        Assert.Equal(1, r.Code);
        Assert.Contains(good + ": Pass\n", r.Out);
        Assert.EndsWith("1 of 2 scripts passed\n", r.Out);
        Assert.DoesNotContain("Cannot read file", r.Out);
        Assert.DoesNotContain("cannot write", r.Out);
        Assert.Contains(missing + ": Cannot read file: no such file\n", r.Err);
        Assert.Contains("cannot write trace " + unwritable, r.Err);

        r = Cli("run");                                            // usage errors: message and usage on stderr only
        Assert.NotEqual(0, r.Code);
        Assert.Equal("", r.Out);
        Assert.Contains("Usage:", r.Err);
        Assert.StartsWith("Required argument missing", r.Err);
    }

    [Theory]
    [InlineData("99999999999", "--timeline 99999999999: out of range 0..200")]
    [InlineData("201", "--timeline 201: out of range 0..200")]
    [InlineData("-1", "--timeline -1: out of range 0..200")]
    [InlineData("two", "--timeline two: not a number")]
    public void Option_number_out_of_range_says_out_of_range(string value, string message)
    {
        var r = Cli("demo", "--timeline", value, "--out", Path.Combine(Path.GetTempPath(), "nfproj-never-written"));
        Assert.NotEqual(0, r.Code);
        Assert.Contains(message, r.Err);
        Assert.DoesNotContain("Cannot parse", r.Err);
        Assert.Equal("", r.Out);
    }

    [Theory]
    [InlineData]
    [InlineData("run")]
    [InlineData("demo")]
    [InlineData("balloon")]
    public void Help_works_for_every_command(params string[] command)
    {
        var r = Cli(command.Append("--help").ToArray());
        Assert.Equal(0, r.Code);
        Assert.Contains("Usage:", r.Out);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void Every_error_path_is_non_zero_with_a_message_on_stderr()
    {
        foreach (var args in new[]
                 {
                     new string[0], new[] { "frob" }, new[] { "run" }, new[] { "run", "--trace" }, new[] { "demo", "--out" },
                     new[] { "demo", "--timeline" }, new[] { "balloon", "x" }, new[] { "balloon", "--svg", "" }, new[] { "demo", "--out", "" },
                 })
        {
            var r = Cli(args);
            Assert.True(r.Code != 0, string.Join(' ', args));
            Assert.True(r.Err.Split('\n')[0].Length > 0, string.Join(' ', args) + ": no message: " + r.Err);
            Assert.Equal("", r.Out);
        }
    }
}
