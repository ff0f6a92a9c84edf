using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace UnitTests.Docs;

/// <summary>
/// The README's "Using the kernel" snippet is kept true twice: compiled and run exactly as printed
/// (its own using lines, top-level statements, against the built device assemblies), and replayed here
/// with asserts: the high task waits 8 ticks (the rest of low's section), not 8 + 50.
/// </summary>
public class UnitTestReadmeExample
{
    [Fact]
    public void Readme_snippet_runs_and_the_high_task_waits_only_for_the_critical_section()
    {
        var board = new SimulatedBoard(BoardProfiles.Stm32);
        var k = new Scheduler(new KernelConfig { PriorityLevels = 32, CheckInvariants = true }, board);
        var bus = new RtMutex(k, "bus");
        long asked = -1, got = -1;
        k.CreateTask("low", 20, () => { bus.Lock(); k.Busy(10); bus.Unlock(); });
        k.CreateTask("medium", 10, () => { k.Sleep(3); k.Busy(50); });
        k.CreateTask("high", 5, () => { k.Sleep(2); asked = k.Now; bus.Lock(); got = k.Now; bus.Unlock(); });
        Assert.Equal(KernelStatus.Ok, k.AdvanceTicks(100));
        Assert.Equal(100, k.Now);
        Assert.Equal(KernelStatus.Ok, k.Shutdown());
        Assert.Null(k.FirstFaultedTask());
        Assert.Equal(2, asked);
        Assert.Equal(10, got);   // low held the bus from tick 0 for 10 ticks of CPU; medium did not get in between
    }

    [Fact]
    public void Readme_snippet_compiles_and_runs_as_printed()
    {
        string readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        int section = readme.IndexOf("## Using the kernel", StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no 'Using the kernel' section");
        var block = Regex.Match(readme.Substring(section), "```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "no csharp block in 'Using the kernel'");
        string code = "using System;\n" + block.Groups[1].Value;

        var refs = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p)).ToList();
        foreach (var t in new[] { typeof(TaskControlBlock), typeof(Board), typeof(Scheduler), typeof(RtMutex) })
            refs.Add(MetadataReference.CreateFromFile(t.Assembly.Location));
        var compilation = CSharpCompilation.Create("ReadmeSnippet",
            new[] { CSharpSyntaxTree.ParseText(code) }, refs,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication)
                // like csc: the device assemblies' mscorlib 1.x reference unifies with this runtime's mscorlib
                .WithAssemblyIdentityComparer(DesktopAssemblyIdentityComparer.Default));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(emitted.Success, "README snippet does not compile:\n" + string.Join("\n", errors));

        var asm = Assembly.Load(image.ToArray());
        var output = new StringWriter();
        var stdout = Console.Out;
        Console.SetOut(output);
        try { asm.EntryPoint.Invoke(null, new object[] { Array.Empty<string>() }); }
        finally { Console.SetOut(stdout); }
        Assert.Equal("", output.ToString());   // it prints only when a task faulted
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "nfproj.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("nfproj.sln not found above " + AppContext.BaseDirectory);
    }
}
