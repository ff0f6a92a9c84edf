using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace UnitTests.Device;

/// <summary>Reads an assembly's metadata and lists everything that would not run on nanoCLR 1.x.</summary>
public static class DeviceMetadataInspector
{
    public static List<string> Inspect(string path, IReadOnlyCollection<string> allowedSiblings)
    {
        var problems = new List<string>();
        using var fs = File.OpenRead(path);
        using var pe = new PEReader(fs);
        var md = pe.GetMetadataReader();

        foreach (var h in md.AssemblyReferences)
        {
            var r = md.GetAssemblyReference(h);
            var n = md.GetString(r.Name);
            bool ok = (n == "mscorlib" && r.Version.Major == 1) || allowedSiblings.Contains(n);
            if (!ok) problems.Add($"assembly reference {n} {r.Version}");
        }
        foreach (var h in md.TypeDefinitions)
        {
            var t = md.GetTypeDefinition(h);
            var tn = md.GetString(t.Name);
            if (t.GetGenericParameters().Count > 0) problems.Add($"generic type definition {tn}");
            foreach (var mh in t.GetMethods())
            {
                var m = md.GetMethodDefinition(mh);
                var mn = tn + "." + md.GetString(m.Name);
                if (m.GetGenericParameters().Count > 0) problems.Add($"generic method definition {mn}");
                if (SignatureHasGeneric(md, m.Signature)) problems.Add($"generic instantiation in signature of {mn}");
                if (m.RelativeVirtualAddress != 0)
                {
                    var body = pe.GetMethodBody(m.RelativeVirtualAddress);
                    if (!body.LocalSignature.IsNil)
                    {
                        var sig = md.GetStandaloneSignature(body.LocalSignature);
                        if (SignatureHasGeneric(md, sig.Signature)) problems.Add($"generic instantiation in locals of {mn}");
                    }
                }
            }
            foreach (var fh in t.GetFields())
            {
                var f = md.GetFieldDefinition(fh);
                if (SignatureHasGeneric(md, f.Signature)) problems.Add($"generic instantiation in field {tn}.{md.GetString(f.Name)}");
            }
            foreach (var ph in t.GetProperties())
            {
                var p = md.GetPropertyDefinition(ph);
                if (SignatureHasGeneric(md, p.Signature)) problems.Add($"generic instantiation in property {tn}.{md.GetString(p.Name)}");
            }
        }
        foreach (var h in md.MemberReferences)
        {
            var r = md.GetMemberReference(h);
            if (SignatureHasGeneric(md, r.Signature)) problems.Add($"generic instantiation in member reference {md.GetString(r.Name)}");
            if (r.Parent.Kind == HandleKind.TypeSpecification) problems.Add($"generic instantiation: member reference {md.GetString(r.Name)} on a type spec");
        }
        int specs = md.GetTableRowCount(TableIndex.TypeSpec);
        for (int i = 1; i <= specs; i++)
        {
            var ts = md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(i));
            if (SignatureHasGeneric(md, ts.Signature)) problems.Add($"generic instantiation in type spec #{i}");
        }
        int methodSpecs = md.GetTableRowCount(TableIndex.MethodSpec);
        if (methodSpecs > 0) problems.Add($"{methodSpecs} method spec(s) (generic method instantiations)");
        return problems;
    }

    /// <summary>True if the blob contains GENERICINST, VAR or MVAR anywhere (a conservative byte-level scan of element types).</summary>
    private static bool SignatureHasGeneric(MetadataReader md, BlobHandle blob)
    {
        var reader = md.GetBlobReader(blob);
        var provider = new GenericDetector();
        var header = reader.ReadSignatureHeader();
        reader.Reset();
        try
        {
            var decoder = new SignatureDecoder<bool, object>(provider, md, null);
            switch (header.Kind)
            {
                case SignatureKind.Method:
                case SignatureKind.Property:
                    var ms = decoder.DecodeMethodSignature(ref reader);
                    return ms.ReturnType || ms.ParameterTypes.Any(x => x);
                case SignatureKind.Field:
                    return decoder.DecodeFieldSignature(ref reader);
                case SignatureKind.LocalVariables:
                    return decoder.DecodeLocalSignature(ref reader).Any(x => x);
                default:
                    return decoder.DecodeType(ref reader);
            }
        }
        catch (BadImageFormatException)
        {
            reader.Reset();
            var tsReader = md.GetBlobReader(blob);
            return new SignatureDecoder<bool, object>(provider, md, null).DecodeType(ref tsReader);
        }
    }

    private sealed class GenericDetector : ISignatureTypeProvider<bool, object>
    {
        public bool GetArrayType(bool e, ArrayShape s) => e;
        public bool GetByReferenceType(bool e) => e;
        public bool GetFunctionPointerType(MethodSignature<bool> s) => s.ReturnType || s.ParameterTypes.Any(x => x);
        public bool GetGenericInstantiation(bool g, ImmutableArray<bool> a) => true;
        public bool GetGenericMethodParameter(object c, int i) => true;
        public bool GetGenericTypeParameter(object c, int i) => true;
        public bool GetModifiedType(bool m, bool u, bool r) => m || u;
        public bool GetPinnedType(bool e) => e;
        public bool GetPointerType(bool e) => e;
        public bool GetPrimitiveType(PrimitiveTypeCode t) => false;
        public bool GetSZArrayType(bool e) => e;
        public bool GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle h, byte k) => false;
        public bool GetTypeFromReference(MetadataReader r, TypeReferenceHandle h, byte k) => false;
        public bool GetTypeFromSpecification(MetadataReader r, object c, TypeSpecificationHandle h, byte k) => true;
    }
}
