using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using UnitTests.Device;

namespace UnitTests.Packaging;

/// <summary>
/// The NuGet packages made by <c>dotnet pack nfproj.sln</c> (into out/packages; .ci/run packs before testing):
/// one per device assembly, in the shape nanoFramework libraries ship, and the packaged .pe files load and
/// run on nanoCLR. Skipped, with the reason, when the packages have not been built.
/// </summary>
public class UnitTestPackages
{
    public const string Version = "0.1.0";

    /// <summary>(package id, assembly, ids of the packages it must depend on besides nanoFramework.CoreLibrary).</summary>
    public static readonly (string Id, string Assembly, string[] Deps)[] Expected =
    {
        ("NfRt.Kernel.Core", "Kernel", new string[0]),
        ("NfRt.Kernel.Board", "Board", new string[0]),
        ("NfRt.Kernel.Scheduler", "Kernel.Scheduler", new[] { "NfRt.Kernel.Core", "NfRt.Kernel.Board" }),
        ("NfRt.Kernel.Sync", "Kernel.Sync", new[] { "NfRt.Kernel.Core", "NfRt.Kernel.Board", "NfRt.Kernel.Scheduler" }),
        ("NfRt.Kernel.Memory", "Kernel.Memory", new[] { "NfRt.Kernel.Core", "NfRt.Kernel.Board", "NfRt.Kernel.Scheduler", "NfRt.Kernel.Sync" }),
    };

    public static string PackageDir => Path.Combine(NanoClr.RepoRoot ?? ".", "out", "packages");

    public static string PackagePath(string id) => Path.Combine(PackageDir, id + "." + Version + ".nupkg");

    private static void SkipUnlessPacked()
    {
        var missing = Expected.Where(e => !File.Exists(PackagePath(e.Id))).Select(e => e.Id).ToList();
        Skip.If(missing.Count > 0, "packages not built (" + string.Join(", ", missing) + " missing in " + PackageDir
            + "): run `dotnet pack nfproj.sln` first (.ci/run does)");
    }

    public static IEnumerable<object[]> Packages() => Expected.Select(e => new object[] { e.Id });

    [SkippableTheory]
    [MemberData(nameof(Packages))]
    public void Package_has_the_nanoFramework_library_shape(string id)
    {
        SkipUnlessPacked();
        var (_, asm, deps) = Expected.Single(e => e.Id == id);
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
        Assert.Contains("nanoFramework", md.Element(ns + "description")!.Value);
        Assert.Contains("nanoFramework", md.Element(ns + "tags")!.Value);
        var got = md.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value + " " + d.Attribute("version")!.Value).OrderBy(x => x).ToList();
        var want = deps.Select(d => d + " [" + Version + "]").Append("nanoFramework.CoreLibrary [1.17.11]").OrderBy(x => x).ToList();
        Assert.Equal(want, got);
    }

    /// <summary>Only the five device assemblies are packed: no host project (UnitTests, Simulator, Benchmarks, DeviceTests, the sample).</summary>
    [SkippableFact]
    public void Only_device_assemblies_are_packed()
    {
        SkipUnlessPacked();
        var ids = Directory.GetFiles(PackageDir, "*.nupkg").Select(Path.GetFileName).ToList();
        var unexpected = ids.Where(f => !Expected.Any(e => f == e.Id + "." + Version + ".nupkg")).ToList();
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
            foreach (var (id, asm, _) in Expected.Take(4))           // the sample needs Core, Board, Scheduler, Sync
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
