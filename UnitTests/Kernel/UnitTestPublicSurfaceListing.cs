using System.Reflection;
using System.Text;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Kernel;

/// <summary>
/// The reviewed public surface of the device assemblies, as dotnet/runtime keeps its <c>ref/</c> files:
/// <c>api/ASSEMBLY.txt</c> lists every public type and member (one line each, sorted, with parameter
/// names and the enum values). This test regenerates the listing from the built IL and fails on any
/// difference, printing the added and removed lines, so that every surface change shows up in a diff
/// and is reviewed. To accept a reviewed change: <c>NFRT_ACCEPT_API=1 dotnet test --filter
/// UnitTestPublicSurfaceListing</c> rewrites the files; commit them with the change.
/// </summary>
public class UnitTestPublicSurfaceListing
{
    private static readonly Assembly[] Device = DeviceAssemblies.All;

    [Theory]
    [MemberData(nameof(DeviceAssemblies.Names), MemberType = typeof(DeviceAssemblies))]
    public void Public_surface_matches_the_reviewed_listing(string assembly)
    {
        Assembly asm = DeviceAssemblies.Named(assembly);
        string actual = Listing(asm);
        string file = Path.Combine(UnitTests.SimulatorTests.Paths.RepoRoot, "api", assembly + ".txt");
        if (Environment.GetEnvironmentVariable("NFRT_ACCEPT_API") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, actual);
        }
        Assert.True(File.Exists(file), "no reviewed listing " + file + " (NFRT_ACCEPT_API=1 writes it)");
        string expected = File.ReadAllText(file).Replace("\r\n", "\n");
        if (expected == actual) return;
        var want = expected.Split('\n').ToHashSet();
        var got = actual.Split('\n').ToHashSet();
        var added = got.Where(l => !want.Contains(l)).Select(l => "+ " + l);
        var removed = want.Where(l => !got.Contains(l)).Select(l => "- " + l);
        Assert.Fail("public surface of " + assembly + " differs from api/" + assembly + ".txt (review, then NFRT_ACCEPT_API=1):\n"
                    + string.Join("\n", removed.Concat(added)));
    }

    [Fact]
    public void The_listing_names_members_with_their_parameters()
    {
        string sync = Listing(typeof(RtMutex).Assembly);
        Assert.Contains("NfRt.Sync.RtMutex: method KernelStatus LockTimed(long ticks, bool detectDeadlock)", sync);
        Assert.Contains("NfRt.Kernel.KernelStatus: enum Ok = 0", Listing(typeof(TaskControlBlock).Assembly));
    }

    /// <summary>One sorted line per public type and member of <paramref name="asm"/>.</summary>
    internal static string Listing(Assembly asm)
    {
        var lines = new List<string>();
        foreach (Type t in asm.GetExportedTypes())
        {
            string tn = Name(t, full: true);
            lines.Add(tn + ": " + TypeLine(t));
            const BindingFlags all = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            if (t.IsEnum)
            {
                foreach (FieldInfo f in t.GetFields(BindingFlags.Public | BindingFlags.Static))
                    lines.Add(tn + ": enum " + f.Name + " = " + Convert.ToInt64(f.GetRawConstantValue()));
                continue;
            }
            foreach (FieldInfo f in t.GetFields(all))
                lines.Add(tn + ": field " + (f.IsLiteral ? "const " : f.IsStatic ? "static " : "") + (f.IsInitOnly ? "readonly " : "")
                          + Name(f.FieldType) + " " + f.Name + (f.IsLiteral ? " = " + f.GetRawConstantValue() : ""));
            foreach (PropertyInfo p in t.GetProperties(all))
            {
                string acc = (p.GetMethod?.IsPublic == true ? "get; " : "") + (p.SetMethod?.IsPublic == true ? "set; " : "");
                string idx = p.GetIndexParameters().Length > 0 ? "[" + Params(p.GetIndexParameters()) + "]" : "";
                lines.Add(tn + ": prop " + (Accessor(p)?.IsStatic == true ? "static " : "") + Name(p.PropertyType) + " " + p.Name + idx + " { " + acc + "}");
            }
            foreach (ConstructorInfo c in t.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
                lines.Add(tn + ": ctor(" + Params(c.GetParameters()) + ")");
            foreach (MethodInfo m in t.GetMethods(all).Where(m => !m.IsSpecialName))
                lines.Add(tn + ": method " + (m.IsStatic ? "static " : m.IsAbstract && !t.IsInterface ? "abstract " : m.IsVirtual && !m.IsFinal && !t.IsInterface ? "virtual " : "")
                          + Name(m.ReturnType) + " " + m.Name + "(" + Params(m.GetParameters()) + ")");
            foreach (EventInfo e in t.GetEvents(all))
                lines.Add(tn + ": event " + Name(e.EventHandlerType!) + " " + e.Name);
        }
        lines.Sort(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (string l in lines) sb.Append(l).Append('\n');
        return sb.ToString();
    }

    private static MethodInfo Accessor(PropertyInfo p) => p.GetMethod ?? p.SetMethod;

    private static string TypeLine(Type t)
    {
        string kind = t.IsEnum ? "enum" : t.IsInterface ? "interface" : t.IsValueType ? "struct"
            : typeof(Delegate).IsAssignableFrom(t) ? "delegate" : t.IsAbstract && t.IsSealed ? "static class"
            : (t.IsSealed ? "sealed " : t.IsAbstract ? "abstract " : "") + "class";
        var bases = new List<string>();
        if (t.BaseType != null && t.BaseType != typeof(object) && t.BaseType != typeof(ValueType) && t.BaseType != typeof(Enum)
            && t.BaseType != typeof(MulticastDelegate)) bases.Add(Name(t.BaseType, full: true));
        bases.AddRange(t.GetInterfaces().Where(i => i.IsPublic).Select(i => Name(i, full: true)).OrderBy(n => n, StringComparer.Ordinal));
        if (typeof(Delegate).IsAssignableFrom(t))
        {
            MethodInfo inv = t.GetMethod("Invoke")!;
            return kind + " " + Name(inv.ReturnType) + "(" + Params(inv.GetParameters()) + ")";
        }
        return kind + (bases.Count > 0 ? " : " + string.Join(", ", bases) : "");
    }

    private static string Params(ParameterInfo[] ps) => string.Join(", ", ps.Select(p =>
        (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "") + Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType) + " " + p.Name));

    private static string Name(Type t, bool full = false)
    {
        if (t.IsArray) return Name(t.GetElementType()!, full) + "[]";
        if (t == typeof(void)) return "void";
        if (t == typeof(int)) return "int";
        if (t == typeof(long)) return "long";
        if (t == typeof(bool)) return "bool";
        if (t == typeof(string)) return "string";
        if (t == typeof(byte)) return "byte";
        if (t == typeof(uint)) return "uint";
        if (t == typeof(ulong)) return "ulong";
        if (t == typeof(object)) return "object";
        return full ? t.FullName!.Replace('+', '.') : t.Name;
    }
}
