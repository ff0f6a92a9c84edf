using System.IO.Compression;
using System.Xml.Linq;

namespace UnitTests.Packaging;

/// <summary>
/// One version everywhere, from NfRtVersion (Directory.Build.props): for X.Y.Z every device assembly has
/// AssemblyVersion X.Y.Z.0, AssemblyFileVersion X.Y.Z.0 and AssemblyInformationalVersion X.Y.Z, and each
/// package's nuspec version is X.Y.Z with the same versions on the assembly inside it. A board that checks
/// assembly versions (nanoCLR resolves references by name and version) then sees what the package says.
/// </summary>
public class UnitTestVersions
{
    public static IEnumerable<object[]> Shipped() => UnitTestPackages.Expected.Select(e => new object[] { e.Assembly });

    /// <summary>What differs between an assembly's three versions and the package version (empty: nothing).</summary>
    public static List<string> Mismatches(AssemblyIdentity asm, string version)
    {
        var m = new List<string>();
        if (asm.Version.ToString() != version + ".0") m.Add(asm.Name + ": AssemblyVersion " + asm.Version + ", package " + version);
        var file = asm.Attribute("AssemblyFileVersionAttribute").SingleOrDefault();
        if (file != version + ".0") m.Add(asm.Name + ": FileVersion " + (file ?? "missing") + ", package " + version);
        var info = asm.Attribute("AssemblyInformationalVersionAttribute").SingleOrDefault();
        if (info != version) m.Add(asm.Name + ": InformationalVersion " + (info ?? "missing") + ", package " + version);
        return m;
    }

    [Fact]
    public void The_version_is_three_numbers()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", AssemblyIdentity.RepoVersion());
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Built_assembly_versions_equal_the_package_version(string assembly)
    {
        var asm = AssemblyIdentity.Read(Path.Combine(AppContext.BaseDirectory, assembly + ".dll"));
        var m = Mismatches(asm, AssemblyIdentity.RepoVersion());
        Assert.True(m.Count == 0, string.Join("\n", m));
    }

    [SkippableTheory]
    [MemberData(nameof(Shipped))]
    public void Packaged_assembly_versions_equal_the_nuspec_version(string assembly)
    {
        UnitTestPackages.SkipUnlessPacked();
        var id = UnitTestPackages.Expected.Single(e => e.Assembly == assembly).Id;
        using var zip = ZipFile.OpenRead(UnitTestPackages.PackagePath(id));
        XDocument nuspec;
        using (var s = zip.Entries.Single(e => e.FullName == id + ".nuspec").Open()) nuspec = XDocument.Load(s);
        var version = nuspec.Root!.Descendants(nuspec.Root.Name.Namespace + "version").Single().Value;
        Assert.Equal(AssemblyIdentity.RepoVersion(), version);
        using var dll = new MemoryStream();
        using (var s = zip.GetEntry("lib/" + assembly + ".dll")!.Open()) s.CopyTo(dll);
        var m = Mismatches(AssemblyIdentity.Read(dll.ToArray()), version);
        Assert.True(m.Count == 0, string.Join("\n", m));
    }

    /// <summary>The check fails on what the assemblies had before: 1.0.0.0 against package 0.1.0.</summary>
    [Fact]
    public void Check_catches_the_old_default_versions()
    {
        var asm = AssemblyIdentity.Read(typeof(Microsoft.CodeAnalysis.CSharp.CSharpCompilation).Assembly.Location);
        var m = Mismatches(asm, "0.1.0");
        Assert.Equal(3, m.Count);
        Assert.Contains(m, x => x.Contains("AssemblyVersion"));
        Assert.Contains(m, x => x.Contains("FileVersion"));
        Assert.Contains(m, x => x.Contains("InformationalVersion"));
    }
}
