using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using UnitTests.Device;

namespace UnitTests.Packaging;

/// <summary>
/// The NuGet packages made by <c>dotnet pack nfproj.sln</c> (into out/packages; .ci/run packs before testing):
/// one per device assembly, in the shape nanoFramework libraries ship, named like its assembly, with an accurate
/// description, and the packaged .pe files load and run on nanoCLR; and NfRt.Sdk, the MSBuild SDK an application's
/// project names (tools/fresh-app.sh builds and runs one). Skipped, with the reason, when the packages have not been built.
/// </summary>
public class UnitTestPackages
{
    /// <summary>The package version: NfRtVersion of Directory.Build.props.</summary>
    public static readonly string Version = AssemblyIdentity.RepoVersion();

    /// <summary>
    /// (package id, assembly — named after the package, ids of the packages it must depend on besides
    /// nanoFramework.CoreLibrary, words its description must name: what the assembly holds).
    /// </summary>
    public static readonly (string Id, string Assembly, string[] Deps, string[] Describes)[] Expected =
    {
        ("NfRt.Kernel.Core", "NfRt.Kernel.Core", new string[0],
            new[] { "task control block", "priorit", "status", "configuration", "periodic", "statistics", "trace" }),
        ("NfRt.Kernel.Board", "NfRt.Kernel.Board", new string[0],
            new[] { "interrupt", "compare-and-swap", "gate", "profiles", "simulated", "real-time board" }),
        ("NfRt.Kernel.Scheduler", "NfRt.Kernel.Scheduler", new[] { "NfRt.Kernel.Core", "NfRt.Kernel.Board" },
            new[] { "scheduler", "ready queue", "time slic", "periodic", "IRQ", "device events", "timers", "watchdog" }),
        ("NfRt.Kernel.Sync", "NfRt.Kernel.Sync", new[] { "NfRt.Kernel.Core", "NfRt.Kernel.Board", "NfRt.Kernel.Scheduler" },
            new[] { "rt-mutex", "priority inheritance", "semaphore", "message queue", "event flags" }),
        ("NfRt.Kernel.Memory", "NfRt.Kernel.Memory", new[] { "NfRt.Kernel.Core", "NfRt.Kernel.Board", "NfRt.Kernel.Scheduler", "NfRt.Kernel.Sync" },
            new[] { "block pool", "partitions", "balloon" }),
    };

    public const string SdkId = "NfRt.Sdk";

    public static string PackageDir => Path.Combine(NanoClr.RepoRoot ?? ".", "out", "packages");

    public static string PackagePath(string id) => Path.Combine(PackageDir, id + "." + Version + ".nupkg");

    public static void SkipUnlessPacked()
    {
        var missing = Expected.Select(e => e.Id).Append(SdkId).Where(id => !File.Exists(PackagePath(id))).ToList();
        Skip.If(missing.Count > 0, "packages not built (" + string.Join(", ", missing) + " missing in " + PackageDir
            + "): run `dotnet pack nfproj.sln` first (.ci/run does)");
    }

    public static IEnumerable<object[]> Packages() => Expected.Select(e => new object[] { e.Id });

    [SkippableTheory]
    [MemberData(nameof(Packages))]
    public void Package_has_the_nanoFramework_library_shape(string id)
    {
        SkipUnlessPacked();
        var (_, asm, deps, describes) = Expected.Single(e => e.Id == id);
        using var zip = ZipFile.OpenRead(PackagePath(id));
        var names = zip.Entries.Select(e => e.FullName).ToList();

        // A flat lib/ with the assembly, its nanoFramework image and debug info, and the XML docs.
        var lib = names.Where(n => n.StartsWith("lib/")).OrderBy(n => n).ToList();
        Assert.Equal(new[] { ".dll", ".pdbx", ".pe", ".xml" }.Select(x => "lib/" + asm + x), lib);
        var pe = zip.GetEntry("lib/" + asm + ".pe")!;
        using (var s = pe.Open())
        {
            var magic = new byte[5];
            s.ReadExactly(magic);
            Assert.Equal("NFMRK", System.Text.Encoding.ASCII.GetString(magic));
        }
        Assert.True(pe.Length > 1000, "the .pe is " + pe.Length + " bytes");
        Assert.True(zip.GetEntry("lib/" + asm + ".pdbx")!.Length > 0);
        Assert.Contains("README.md", names);

        // The manifest: id, version, licence, readme, description, tags, exact dependencies.
        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec") && !e.FullName.Contains('/'));
        XDocument doc;
        using (var s = nuspecEntry.Open()) doc = XDocument.Load(s);
        var ns = doc.Root!.Name.Namespace;
        var md = doc.Root.Element(ns + "metadata")!;
        Assert.Equal(id, md.Element(ns + "id")!.Value);
        Assert.Equal(Version, md.Element(ns + "version")!.Value);
        var license = md.Element(ns + "license")!;
        Assert.Equal("expression", license.Attribute("type")!.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", md.Element(ns + "readme")!.Value);
        var description = md.Element(ns + "description")!.Value;
        Assert.Contains("nanoFramework", description);
        foreach (var word in describes) Assert.True(description.Contains(word, StringComparison.OrdinalIgnoreCase), id + "'s description does not mention " + word + ": " + description);
        Assert.Contains("nanoFramework", md.Element(ns + "tags")!.Value);
        var got = md.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value + " " + d.Attribute("version")!.Value).OrderBy(x => x).ToList();
        var want = deps.Select(d => d + " [" + Version + "]").Append("nanoFramework.CoreLibrary [1.17.11]").OrderBy(x => x).ToList();
        Assert.Equal(want, got);

        // The packaged assembly: the package's name, friend grants only to NfRt.* assemblies with NfRt.snk's key.
        using var dll = new MemoryStream();
        using (var s = zip.GetEntry("lib/" + asm + ".dll")!.Open()) s.CopyTo(dll);
        var identity = AssemblyIdentity.Read(dll.ToArray());
        Assert.Equal(id, identity.Name);
        var problems = UnitTestFriendGrants.Problems(identity, AssemblyIdentity.RepoPublicKey());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// NfRt.Sdk is an MSBuild project SDK: package type MSBuildSdk, Sdk/Sdk.props and Sdk/Sdk.targets (which import
    /// Microsoft.NET.Sdk's) and the shared nanoFramework settings, no assembly, no dependency.
    /// </summary>
    [SkippableFact]
    public void Sdk_package_is_an_MSBuild_project_SDK()
    {
        SkipUnlessPacked();
        using var zip = ZipFile.OpenRead(PackagePath(SdkId));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal(new[] { "Sdk/NfRt.Device.props", "Sdk/Sdk.props", "Sdk/Sdk.targets" }, names.Where(n => n.StartsWith("Sdk/")).OrderBy(n => n, StringComparer.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("lib/"));
        string Text(string entry) { using var r = new StreamReader(zip.GetEntry(entry)!.Open()); return r.ReadToEnd(); }
        Assert.Contains("<Import Project=\"Sdk.props\" Sdk=\"Microsoft.NET.Sdk\" />", Text("Sdk/Sdk.props"));
        Assert.Contains("<Import Project=\"Sdk.targets\" Sdk=\"Microsoft.NET.Sdk\" />", Text("Sdk/Sdk.targets"));
        Assert.Contains("<DisableImplicitFrameworkReferences>true</DisableImplicitFrameworkReferences>", Text("Sdk/NfRt.Device.props"));
        XDocument doc;
        using (var s = zip.GetEntry(SdkId + ".nuspec")!.Open()) doc = XDocument.Load(s);
        var ns = doc.Root!.Name.Namespace;
        Assert.Equal(Version, doc.Root.Descendants(ns + "version").Single().Value);
        Assert.Equal("MSBuildSdk", doc.Root.Descendants(ns + "packageType").Single().Attribute("name")!.Value);
        Assert.Empty(doc.Root.Descendants(ns + "dependency"));
    }

    /// <summary>Only the five device assemblies and NfRt.Sdk are packed: no host project (UnitTests, Simulator, Benchmarks, DeviceTests, the sample).</summary>
    [SkippableFact]
    public void Only_device_assemblies_are_packed()
    {
        SkipUnlessPacked();
        var ids = Directory.GetFiles(PackageDir, "*.nupkg").Select(Path.GetFileName).ToList();
        var unexpected = ids.Where(f => !Expected.Select(e => e.Id).Append(SdkId).Any(id => f == id + "." + Version + ".nupkg")).ToList();
        Assert.True(unexpected.Count == 0, "unexpected packages: " + string.Join(", ", unexpected));
    }

    /// <summary>
    /// The sample application runs on nanoCLR against the kernel .pe files taken from the packages (only the
    /// sample itself is converted here), and its printed numbers hold: the control loop's wait on the bus is
    /// bounded by the logger's critical section with the rt-mutex, and exceeds it with a plain lock.
    /// </summary>
    [SkippableFact]
    public void Sample_runs_on_nanoCLR_from_the_packaged_pe_files()
    {
        SkipUnlessPacked();
        var run = NanoClr.RunScript;
        Skip.If(run == null, NanoClr.MissingReason);
        var tools = Path.GetDirectoryName(run)!;
        var config = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;   // bin/<Config>/net10.0
        var sample = Path.Combine(NanoClr.RepoRoot!, "Samples", "SensorBusArbiter", "bin", config, "netstandard2.0", "SensorBusArbiter.dll");
        Skip.IfNot(File.Exists(sample), "the sample is not built: " + sample);
        var corelib = Environment.GetEnvironmentVariable("NANO_CORELIB")
            ?? Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
                "nanoframework.corelibrary", "1.17.11", "lib");

        var work = Directory.CreateTempSubdirectory("nfrt-pk-");
        try
        {
            var pes = new List<string> { Path.Combine(work.FullName, "mscorlib.pe") };
            File.Copy(Path.Combine(corelib, "mscorlib.pe"), pes[0]);
            var hints = new List<string> { "--hint", "mscorlib", Path.Combine(corelib, "mscorlib.dll") };
            foreach (var (id, asm, _, _) in Expected.Take(4))           // the sample needs Core, Board, Scheduler, Sync
            {
                using var zip = ZipFile.OpenRead(PackagePath(id));
                foreach (var x in new[] { ".pe", ".dll" })
                {
                    var dest = Path.Combine(work.FullName, asm + x);
                    zip.GetEntry("lib/" + asm + x)!.ExtractToFile(dest);
                    if (x == ".pe") pes.Add(dest); else hints.AddRange(new[] { "--hint", asm, dest });
                }
            }
            var samplePe = Path.Combine(work.FullName, "SensorBusArbiter.pe");
            var (mdpCode, mdpOut) = NanoClr.Run("dotnet", new[] { Path.Combine(tools, "mdp", "mdp.dll"), sample, samplePe }.Concat(hints), TimeSpan.FromMinutes(2));
            Assert.True(mdpCode == 0, "mdp: " + mdpOut);
            pes.Add(samplePe);

            var (code, output) = RunNanoClr(tools, pes, work.FullName);
            var tail = "\n--- nanoCLR output ---\n" + NanoClr.Tail(output, 30);
            Assert.True(code != -1, "timed out" + tail);
            Assert.DoesNotContain("Link failure", output);
            foreach (var p in pes) Assert.Contains("Loaded: " + p, output);
            Assert.Contains("SAMPLE DONE", output);
            SampleResults.Check(output);
        }
        finally
        {
            work.Delete(true);
        }
    }

    private static (int, string) RunNanoClr(string tools, List<string> pes, string workDir) =>
        NanoClr.Run(Path.Combine(tools, "bin", "nanoclr"), pes, TimeSpan.FromSeconds(120), workDir, Path.Combine(tools, "lib"));
}
