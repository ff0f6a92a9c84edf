using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using UnitTests.Device;

namespace UnitTests.Packaging;

/// <summary>
/// What an assembly says about itself, read from its metadata (System.Reflection.Metadata, not loaded): name,
/// version, public key, and the string arguments of its assembly-level attributes (versions, InternalsVisibleTo).
/// Also the repository's version (NfRtVersion in Directory.Build.props) and public key (derived from NfRt.snk).
/// </summary>
public sealed class AssemblyIdentity
{
    public string Name { get; private init; }
    public Version Version { get; private init; }
    public byte[] PublicKey { get; private init; }
    /// <summary>(attribute type name, first string argument) per assembly-level attribute with a string argument.</summary>
    public List<(string Type, string Value)> StringAttributes { get; } = new();

    public IEnumerable<string> Attribute(string typeName) => StringAttributes.Where(a => a.Type == typeName).Select(a => a.Value);

    public static AssemblyIdentity Read(string path) => Read(File.ReadAllBytes(path));

    public static AssemblyIdentity Read(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var md = pe.GetMetadataReader();
        var def = md.GetAssemblyDefinition();
        var id = new AssemblyIdentity { Name = md.GetString(def.Name), Version = def.Version, PublicKey = md.GetBlobBytes(def.PublicKey) };
        foreach (var h in def.GetCustomAttributes())
        {
            var a = md.GetCustomAttribute(h);
            string type = a.Constructor.Kind switch
            {
                HandleKind.MemberReference => TypeName(md, md.GetMemberReference((MemberReferenceHandle)a.Constructor).Parent),
                HandleKind.MethodDefinition => md.GetString(md.GetTypeDefinition(md.GetMethodDefinition((MethodDefinitionHandle)a.Constructor).GetDeclaringType()).Name),
                _ => "?",
            };
            var blob = md.GetBlobReader(a.Value);
            if (blob.Length < 3 || blob.ReadUInt16() != 1) continue;          // prolog 0x0001
            if (blob.RemainingBytes == 0 || blob.ReadByte() == 0xFF) continue;  // null string
            blob.Offset -= 1;
            try { id.StringAttributes.Add((type, blob.ReadSerializedString())); }
            catch (BadImageFormatException) { }                                  // not a string first argument
        }
        return id;
    }

    private static string TypeName(MetadataReader md, EntityHandle h) => h.Kind switch
    {
        HandleKind.TypeReference => md.GetString(md.GetTypeReference((TypeReferenceHandle)h).Name),
        HandleKind.TypeDefinition => md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)h).Name),
        _ => "?",
    };

    /// <summary>NfRtVersion from Directory.Build.props: the one version of packages and assemblies.</summary>
    public static string RepoVersion()
    {
        var props = XDocument.Load(Path.Combine(NanoClr.RepoRoot!, "Directory.Build.props"));
        return props.Descendants("NfRtVersion").Single().Value.Trim();
    }

    /// <summary>
    /// The strong-name public key blob of NfRt.snk (what the compiler writes into every signed assembly):
    /// signature and hash algorithm ids, the length, then the key's PUBLICKEYBLOB (the private blob's header,
    /// marked public, and its modulus).
    /// </summary>
    public static byte[] RepoPublicKey()
    {
        var snk = File.ReadAllBytes(Path.Combine(NanoClr.RepoRoot!, "NfRt.snk"));
        int bits = BitConverter.ToInt32(snk, 12);
        var pub = snk.Take(20 + bits / 8).ToArray();
        pub[0] = 0x06;                                       // PUBLICKEYBLOB
        "RSA1"u8.ToArray().CopyTo(pub, 8);                   // public key magic
        return BitConverter.GetBytes(0x2400).Concat(BitConverter.GetBytes(0x8004)).Concat(BitConverter.GetBytes(pub.Length)).Concat(pub).ToArray();
    }
}
