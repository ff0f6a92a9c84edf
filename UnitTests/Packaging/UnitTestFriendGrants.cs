using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace UnitTests.Packaging;

/// <summary>
/// No friend grant in a shipped assembly goes to a name an application could take: each of the five device
/// assemblies is strong-named with NfRt.snk, and every InternalsVisibleTo it carries names an NfRt.* assembly
/// together with that key's full public key (an assembly of the same simple name without the key gets nothing).
/// The key is public, so this guards against collisions and accidental use of internals, not against intent.
/// The packaged copies are checked in <see cref="UnitTestPackages"/>.
/// </summary>
public class UnitTestFriendGrants
{
    public static IEnumerable<object[]> Shipped() => UnitTestPackages.Expected.Select(e => new object[] { e.Assembly });

    /// <summary>What is wrong with the friend grants of an assembly (empty: nothing).</summary>
    public static List<string> Problems(AssemblyIdentity asm, byte[] key)
    {
        var problems = new List<string>();
        if (!asm.PublicKey.SequenceEqual(key)) problems.Add(asm.Name + " is not signed with NfRt.snk");
        foreach (var grant in asm.Attribute("InternalsVisibleToAttribute"))
        {
            var friend = new AssemblyName(grant);
            if (!friend.Name!.StartsWith("NfRt.", StringComparison.Ordinal)) problems.Add(asm.Name + " grants internals to " + friend.Name + ", not an NfRt.* assembly");
            var friendKey = friend.GetPublicKey();
            if (friendKey == null || !friendKey.SequenceEqual(key)) problems.Add(asm.Name + " grants internals to " + friend.Name + " without NfRt.snk's public key");
        }
        return problems;
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Every_grant_names_an_NfRt_assembly_with_our_public_key(string assembly)
    {
        var asm = AssemblyIdentity.Read(Path.Combine(AppContext.BaseDirectory, assembly + ".dll"));
        Assert.Equal(assembly, asm.Name);
        var grants = asm.Attribute("InternalsVisibleToAttribute").ToList();
        Assert.Contains(grants, g => g.StartsWith("NfRt.UnitTests, PublicKey=", StringComparison.Ordinal));   // the check has something to check
        var problems = Problems(asm, AssemblyIdentity.RepoPublicKey());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_grantees_are_signed_with_the_same_key()
    {
        var key = AssemblyIdentity.RepoPublicKey();
        Assert.Equal(160, key.Length);   // 1024-bit RSA: 12-byte header + 148-byte PUBLICKEYBLOB
        foreach (var t in new[] { typeof(UnitTestFriendGrants), typeof(NfRt.Harness.SimKernel), typeof(NfRt.Simulator.Program) })
        {
            var name = t.Assembly.GetName();
            Assert.StartsWith("NfRt.", name.Name);
            Assert.Equal(key, name.GetPublicKey());
        }
    }

    /// <summary>Another strong-name public key (the one .NET's own libraries publish), for the check below.</summary>
    private const string OtherKey = "0024000004800000940000000602000000240000525341310004000001000100b5fc90e7027f67871e773a8fde8938c81dd402ba65b9201d60593e96c492651e889cc13f1415ebb53fac1131ae0bd333c5ee6021672d9718ea31a8aebd0da0072f25d87dba6fc90ffd598ed4da35e44c398c454307e8e33b8426143daec9f596836f97c8f74750e5975c64e2189f45def46b2a2b1247adc3652bf5c308055da9";

    /// <summary>The check fails on what the assemblies had before (unsigned, a grant by simple name to UnitTests) and on a foreign key.</summary>
    [Fact]
    public void Check_catches_a_grant_by_simple_name()
    {
        var code = "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"UnitTests\")]\n"
                 + "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"NfRt.Other, PublicKey=" + OtherKey + "\")]\n"
                 + "internal class C { }";
        var refs = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p));
        var c = CSharpCompilation.Create("Kernel", new[] { CSharpSyntaxTree.ParseText(code) }, refs, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(c.Emit(image).Success);
        var problems = Problems(AssemblyIdentity.Read(image.ToArray()), AssemblyIdentity.RepoPublicKey());
        Assert.Contains("Kernel is not signed with NfRt.snk", problems);
        Assert.Contains("Kernel grants internals to UnitTests, not an NfRt.* assembly", problems);
        Assert.Contains("Kernel grants internals to UnitTests without NfRt.snk's public key", problems);
        Assert.Contains("Kernel grants internals to NfRt.Other without NfRt.snk's public key", problems);
    }
}
