using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace UnitTests.Device;

/// <summary>
/// Proves from metadata that the device assemblies stay flashable on nanoFramework 1.x firmware:
/// they reference only mscorlib 1.x and each other, and contain no generic type or method
/// definition, no generic instantiation in any signature (fields, methods, member references,
/// locals, type specs, properties) and no method spec.
/// </summary>
public class UnitTestDeviceMetadata
{
    public static readonly string[] DeviceAssemblies = { "NfRt.Kernel.Core", "NfRt.Kernel.Scheduler", "NfRt.Kernel.Sync", "NfRt.Kernel.Memory", "NfRt.Kernel.Board" };

    public static IEnumerable<object[]> Assemblies()
    {
        var dir = AppContext.BaseDirectory;
        foreach (var name in DeviceAssemblies)
            if (File.Exists(Path.Combine(dir, name + ".dll"))) yield return new object[] { name };
    }

    [Fact]
    public void Kernel_board_and_scheduler_assemblies_are_present()
    {
        var present = Assemblies().Select(a => (string)a[0]).ToList();
        Assert.Contains("NfRt.Kernel.Core", present);
        Assert.Contains("NfRt.Kernel.Scheduler", present);
        Assert.Contains("NfRt.Kernel.Board", present);
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Device_assembly_is_nano_clean(string name)
    {
        var problems = DeviceMetadataInspector.Inspect(Path.Combine(AppContext.BaseDirectory, name + ".dll"), DeviceAssemblies);
        Assert.True(problems.Count == 0, name + ":\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Inspector_catches_a_generic_assembly()
    {
        // The test assembly itself is full of generics and references System.Runtime: the check must fail on it.
        var problems = DeviceMetadataInspector.Inspect(typeof(UnitTestDeviceMetadata).Assembly.Location, DeviceAssemblies);
        Assert.Contains(problems, p => p.Contains("assembly reference"));
        Assert.Contains(problems, p => p.Contains("generic"));
        Assert.Contains(problems, p => p.Contains("method spec"));
    }
}
