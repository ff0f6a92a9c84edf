using NfRt.Simulator;

namespace UnitTests.SimulatorTests;

/// <summary>
/// Output-file safety (issue item 5): a command never writes over one of its inputs, never writes
/// a .tst file, and never overwrites an existing file that is not one of its own previous outputs
/// of the same kind. A refused option is reported on stderr with the option and its value, the exit
/// code is non-zero, nothing is written and no script runs.
/// </summary>
public class UnitTestOutputSafety
{
    internal static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Program.Run(args, o, e);
        return (code, o.ToString().Replace("\r\n", "\n"), e.ToString().Replace("\r\n", "\n"));
    }

    internal sealed class TempDir : IDisposable
    {
        public readonly string Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nfproj-cli-" + Guid.NewGuid().ToString("N"));
        public TempDir() => Directory.CreateDirectory(Path);
        public string this[string name] => System.IO.Path.Combine(Path, name);

        /// <summary>Copies scenarios/<paramref name="scenario"/> into the directory as <paramref name="name"/>.</summary>
        public string Copy(string scenario, string name = null)
        {
            string to = this[name ?? scenario];
            File.Copy(System.IO.Path.Combine(Paths.Scenarios, scenario), to);
            return to;
        }

        public void Dispose()
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, true);
        }
    }

    [Theory]
    [InlineData("--trace")]
    [InlineData("--svg")]
    public void Output_option_followed_by_the_scripts_is_refused_and_the_first_script_is_intact(string option)
    {
        // `run --trace scenarios/*.tst`: the shell makes the first script the option's value
        using var dir = new TempDir();
        string a = dir.Copy("pi-one-level.tst"), b = dir.Copy("steal-lock.tst");
        byte[] before = File.ReadAllBytes(a);
        var r = Cli("run", option, a, b);
        Assert.NotEqual(0, r.Code);
        Assert.Equal(before, File.ReadAllBytes(a));
        Assert.Contains(option, r.Err);
        Assert.Contains(a, r.Err);
        Assert.Contains("refusing to write", r.Err);
        Assert.Equal("", r.Out);                                  // no script ran
    }

    [Fact]
    public void Output_equal_to_an_input_after_normalisation_is_refused()
    {
        using var dir = new TempDir();
        string input = dir.Copy("pi-one-level.tst", "script.json");
        Directory.CreateDirectory(dir["sub"]);
        byte[] before = File.ReadAllBytes(input);
        var r = Cli("run", input, "--trace", Path.Combine(dir.Path, "sub", "..", ".", "script.json"));
        Assert.NotEqual(0, r.Code);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.Contains("--trace", r.Err);
        Assert.Contains("is one of the input files", r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Existing_file_that_is_not_a_previous_output_of_the_same_kind_is_not_overwritten()
    {
        using var dir = new TempDir();
        string input = dir.Copy("pi-one-level.tst");
        string notes = dir["notes.json"], picture = dir["picture.svg"], svgAsTrace = dir["old.json"];
        File.WriteAllText(notes, "{\"mine\": true}\n");
        File.WriteAllText(picture, "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>\n");
        Assert.Equal(0, Cli("run", input, "--svg", dir["timeline.svg"]).Code);
        File.Copy(dir["timeline.svg"], svgAsTrace);               // one of our SVGs is not a previous trace

        foreach (var (option, path) in new[] { ("--trace", notes), ("--svg", picture), ("--trace", svgAsTrace) })
        {
            byte[] before = File.ReadAllBytes(path);
            var r = Cli("run", input, option, path);
            Assert.NotEqual(0, r.Code);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Contains(option, r.Err);
            Assert.Contains(path, r.Err);
            Assert.Contains("refusing to write", r.Err);
            Assert.Equal("", r.Out);
        }
    }

    [Fact]
    public void Output_with_the_wrong_extension_or_a_directory_is_refused_and_nothing_is_written()
    {
        using var dir = new TempDir();
        string input = dir.Copy("pi-one-level.tst");
        string json = dir["t.json"];
        foreach (var args in new[]
                 {
                     new[] { "run", input, "--trace", dir["t.svg"], "--svg", dir["u.json"] },
                     new[] { "run", input, "--trace", json, "--svg", dir["out.tst"] },
                     new[] { "run", input, "--trace", json, "--svg", dir.Path },
                     new[] { "run", input, "--trace", json, "--svg", dir["README"] },
                 })
        {
            var r = Cli(args);
            Assert.NotEqual(0, r.Code);
            Assert.Contains("refusing to write", r.Err);
            Assert.Equal("", r.Out);
            Assert.False(File.Exists(json));                      // the valid one is not written either
            Assert.Equal(new[] { input }, Directory.GetFiles(dir.Path));
        }
    }

    [Fact]
    public void A_previous_output_is_overwritten()
    {
        using var dir = new TempDir();
        string input = dir.Copy("pi-one-level.tst");
        string json = dir["t.json"], svg = dir["t.svg"];
        Assert.Equal(0, Cli("run", input, "--trace", json, "--svg", svg).Code);
        byte[] j = File.ReadAllBytes(json), s = File.ReadAllBytes(svg);
        File.WriteAllBytes(json, j.Concat(new byte[] { (byte)' ' }).ToArray());
        var r = Cli("run", input, "--trace", json, "--svg", svg);
        Assert.Equal(0, r.Code);
        Assert.Equal(j, File.ReadAllBytes(json));
        Assert.Equal(s, File.ReadAllBytes(svg));
    }

    [Fact]
    public void Demo_refuses_an_out_dir_that_is_a_file_or_holds_foreign_files_and_runs_nothing()
    {
        using var dir = new TempDir();
        string script = dir.Copy("pi-one-level.tst");
        byte[] before = File.ReadAllBytes(script);
        var r = Cli("demo", "--out", script);
        Assert.NotEqual(0, r.Code);
        Assert.Equal(before, File.ReadAllBytes(script));
        Assert.Contains("--out", r.Err);
        Assert.Contains("refusing to write", r.Err);
        Assert.Equal("", r.Out);

        string outDir = dir["demo"];
        Directory.CreateDirectory(outDir);
        string foreign = Path.Combine(outDir, "inversion-n2.svg");
        File.WriteAllText(foreign, "my drawing\n");
        r = Cli("demo", "--out", outDir);
        Assert.NotEqual(0, r.Code);
        Assert.Equal("my drawing\n", File.ReadAllText(foreign));
        Assert.False(File.Exists(Path.Combine(outDir, "inversion-n2.json")));
        Assert.Contains(foreign, r.Err);
        Assert.Contains("refusing to write", r.Err);
        Assert.Equal("", r.Out);

        File.Delete(foreign);
        Assert.Equal(0, Cli("demo", "--out", outDir).Code);       // a clean directory works, and a second run overwrites its own files
        Assert.Equal(0, Cli("demo", "--out", outDir).Code);
    }

    [Fact]
    public void Balloon_refuses_to_overwrite_an_input_or_a_foreign_file()
    {
        using var dir = new TempDir();
        string script = dir.Copy("pi-one-level.tst");
        string foreign = dir["plot.svg"];
        File.WriteAllText(foreign, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
        foreach (var path in new[] { script, foreign })
        {
            byte[] before = File.ReadAllBytes(path);
            var r = Cli("balloon", "--svg", path);
            Assert.NotEqual(0, r.Code);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Contains("refusing to write", r.Err);
            Assert.Equal("", r.Out);
        }
        string fresh = dir["balloon.svg"];
        var ok = Cli("balloon", "--svg", fresh);
        Assert.Equal(0, ok.Code);
        Assert.True(File.Exists(fresh));
        Assert.Equal(0, Cli("balloon", "--svg", fresh).Code);      // its own previous output may be replaced
    }
}
