using System.CommandLine;
using NfRt.Timing;

namespace NfRt.Simulator;

/// <summary>
/// <c>generate --out DIR [--count N] [--seed S] [...]</c> (docs/spec/timing.md §7): writes N random task
/// sets (<see cref="TaskSetGenerator"/>) as DIR/gen-SEED-INDEX.json, the same files for the same
/// options on every machine. Every file is checked before any is written: a file that exists with
/// other content is refused (exit 2, nothing written); one with the same content is left as it is,
/// so running the command again is harmless. Exit 1 when a file could not be written.
/// </summary>
public static partial class Commands
{
    /// <summary>Writes <paramref name="count"/> sets of <paramref name="options"/> into <paramref name="dir"/>. Returns the exit code.</summary>
    public static int Generate(GeneratorOptions options, int count, string dir, TextWriter output, TextWriter error)
    {
        string why = options.Problem() ?? OutputGuard.CheckDirectory("--out", dir);
        if (why != null)
        {
            error.WriteLine(why.StartsWith("--out", StringComparison.Ordinal) ? why : "generate: " + why);
            return UsageError;
        }
        var generator = new TaskSetGenerator(options);
        string PathOf(int k) => Path.Combine(dir, generator.NameOf(k) + ".json");
        var refused = new List<string>();
        for (int k = 0; k < count; k++)                       // first pass: check every file, keep nothing in memory
        {
            string path = PathOf(k);
            if (Directory.Exists(path))
                refused.Add($"--out {dir}: refusing to write {path}: it is a directory");
            else if (File.Exists(path) && File.ReadAllText(path) != TaskSetWriter.ToJson(generator.Generate(k)))
                refused.Add($"--out {dir}: refusing to write {path}: the file exists with other content (delete it or choose another directory)");
        }
        if (refused.Count > 0)
        {
            foreach (var r in refused.Take(10)) error.WriteLine(r);
            if (refused.Count > 10) error.WriteLine($"... and {refused.Count - 10} more");
            return UsageError;
        }
        try
        {
            Directory.CreateDirectory(dir);
            for (int k = 0; k < count; k++)                   // second pass: write what is not there yet
            {
                string path = PathOf(k);
                if (!File.Exists(path)) File.WriteAllText(path, TaskSetWriter.ToJson(generator.Generate(k)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"generate: cannot write into {dir}: {e.Message}");
            return 1;
        }
        output.WriteLine(count == 0 ? "no task sets written (--count 0)"
            : $"{count} task set{(count == 1 ? "" : "s")} (seed {options.Seed}) in {dir}: {Path.GetFileName(PathOf(0))}"
              + (count > 1 ? $" .. {Path.GetFileName(PathOf(count - 1))}" : ""));
        return 0;
    }

    /// <summary>The <c>generate</c> command for System.CommandLine.</summary>
    internal static Command GenerateCommand()
    {
        var outDir = new Option<string>("--out") { Description = "directory for the task-set files (created if missing)", HelpName = "DIR", Required = true };
        var count = Program.IntOption("--count", "number of task sets", "N", 0, 1_000_000, 10);
        var generator = new GeneratorCliOptions();
        var command = new Command("generate", "write random task sets (UUniFast utilisations, log-uniform periods, nested sections on 1-4 resources)") { outDir, count };
        generator.AddTo(command);
        command.SetAction(r => Generate(generator.Read(r), r.GetValue(count), r.GetValue(outDir), r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }
}
