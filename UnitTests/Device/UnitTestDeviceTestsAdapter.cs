using System.Reflection;
using NfRt.DeviceTests;
using Xunit.Abstractions;

namespace UnitTests.Device;

/// <summary>
/// The device tests (DeviceTests/, written for nanoFramework.TestFramework) as xunit cases: every
/// [TestMethod] found by reflection becomes one case of the theory below and runs on .NET through the
/// same runner code the device uses (<see cref="DeviceTestRunner.RunOne"/>: [Setup], the test, [Cleanup]).
/// </summary>
public class UnitTestDeviceTestsAdapter
{
    private readonly ITestOutputHelper _out;

    public UnitTestDeviceTestsAdapter(ITestOutputHelper output)
    {
        _out = output;
    }

    public static IEnumerable<object[]> DeviceTestCases()
    {
        foreach (var t in typeof(DeviceTestRunner).Assembly.GetTypes().Where(DeviceTestRunner.IsTestClass).OrderBy(t => t.Name))
            foreach (var m in t.GetMethods().Where(DeviceTestRunner.IsTestMethod))
                yield return new object[] { t.Name, m.Name };
    }

    [SkippableTheory]
    [MemberData(nameof(DeviceTestCases))]
    public void Device_test_on_dotnet(string testClass, string testMethod)
    {
        DeviceTestRunner.Output = line => _out.WriteLine(line);
        var type = typeof(DeviceTestRunner).Assembly.GetTypes().Single(t => t.Name == testClass);
        int outcome = DeviceTestRunner.RunOne(type, testMethod, out string why);
        Skip.If(outcome == DeviceTestRunner.Skipped, why);
        Assert.True(outcome == DeviceTestRunner.Passed, testClass + "." + testMethod + ": " + why);
    }

    [Fact]
    public void Device_test_suite_is_large_enough()
    {
        Assert.True(DeviceTestCases().Count() >= 60, "device tests: " + DeviceTestCases().Count());
    }
}
