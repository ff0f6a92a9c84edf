using System.Reflection;
using System.Xml.Linq;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using NfRt.Sync;
using UnitTests.Support;

namespace UnitTests.Docs;

/// <summary>
/// The form nanoFramework users expect of a library: every public type and member of a device assembly
/// has a summary, every parameter of a public method or constructor a <c>&lt;param&gt;</c>, and every
/// public method that returns a value a <c>&lt;returns&gt;</c>. The XML files checked are the ones the
/// build writes and the packages ship (lib/ASSEMBLY.xml).
/// </summary>
public class UnitTestXmlDocs
{
    private static readonly Assembly[] Device = DeviceAssemblies.All;

    [Theory]
    [MemberData(nameof(DeviceAssemblies.Names), MemberType = typeof(DeviceAssemblies))]
    public void Public_members_have_summary_param_and_returns(string assembly)
    {
        Assembly asm = DeviceAssemblies.Named(assembly);
        string xmlPath = Path.ChangeExtension(asm.Location, ".xml");
        Assert.True(File.Exists(xmlPath), "no XML documentation file beside " + asm.Location);
        var docs = XDocument.Load(xmlPath).Descendants("member")
            .ToDictionary(m => (string)m.Attribute("name")!, m => m);
        var faults = new List<string>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (Type t in asm.GetExportedTypes())
        {
            Need(docs, "T:" + TypeId(t), faults, summaryOnly: true, null);
            if (t.IsEnum) { foreach (var f in t.GetFields(BindingFlags.Public | BindingFlags.Static)) Need(docs, "F:" + TypeId(t) + "." + f.Name, faults, true, null); continue; }
            if (typeof(Delegate).IsAssignableFrom(t)) continue;
            foreach (FieldInfo f in t.GetFields(all)) Need(docs, "F:" + TypeId(t) + "." + f.Name, faults, true, null);
            foreach (PropertyInfo p in t.GetProperties(all)) Need(docs, "P:" + TypeId(t) + "." + p.Name + Args(p.GetIndexParameters()), faults, true, null);
            foreach (ConstructorInfo c in t.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
                Need(docs, "M:" + TypeId(t) + ".#ctor" + Args(c.GetParameters()), faults, false, c);
            foreach (MethodInfo m in t.GetMethods(all).Where(m => !m.IsSpecialName))
                Need(docs, "M:" + TypeId(t) + "." + m.Name + Args(m.GetParameters()), faults, false, m);
        }
        Assert.True(faults.Count == 0, faults.Count + " public members of " + assembly + " lack documentation:\n" + string.Join("\n", faults));
    }

    private static void Need(Dictionary<string, XElement> docs, string id, List<string> faults, bool summaryOnly, MethodBase method)
    {
        if (!docs.TryGetValue(id, out XElement doc)) { faults.Add(id + ": no documentation"); return; }
        if (doc.Element("summary") == null && doc.Element("inheritdoc") == null) faults.Add(id + ": no <summary>");
        if (summaryOnly || method == null) return;
        var named = doc.Elements("param").Select(p => (string)p.Attribute("name")).ToHashSet();
        foreach (ParameterInfo p in method.GetParameters())
            if (!named.Contains(p.Name!)) faults.Add(id + ": no <param name=\"" + p.Name + "\">");
        if (method is MethodInfo mi && mi.ReturnType != typeof(void) && doc.Element("returns") == null)
            faults.Add(id + ": no <returns>");
    }

    private static string TypeId(Type t) => t.FullName!.Replace('+', '.');

    private static string Args(ParameterInfo[] ps) =>
        ps.Length == 0 ? "" : "(" + string.Join(",", ps.Select(p => ParamId(p.ParameterType))) + ")";

    private static string ParamId(Type t)
    {
        if (t.IsByRef) return ParamId(t.GetElementType()!) + "@";
        if (t.IsArray) return ParamId(t.GetElementType()!) + "[]";
        return TypeId(t);
    }
}
