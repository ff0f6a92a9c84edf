namespace UnitTests.Device;

/// <summary>
/// The device test Exe and the TestFramework stand-in obey the device rules too (they run on nanoCLR): only
/// mscorlib 1.x and the device assemblies referenced, no generics anywhere in their metadata.
/// </summary>
public class UnitTestDeviceTestsMetadata
{
    [Theory]
    [InlineData("DeviceTests")]
    [InlineData("nanoFramework.TestFramework")]
    public void Device_test_assemblies_are_nano_clean(string name)
    {
        var allowed = UnitTestDeviceMetadata.DeviceAssemblies.Append("nanoFramework.TestFramework").ToArray();
        var problems = DeviceMetadataInspector.Inspect(Path.Combine(AppContext.BaseDirectory, name + ".dll"), allowed);
        Assert.True(problems.Count == 0, name + ":\n" + string.Join("\n", problems));
    }
}
