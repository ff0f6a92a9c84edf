using System.Reflection;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using NfRt.Sync;

namespace UnitTests.Support;

/// <summary>The five shipped device assemblies, for the tests that inspect their public surface and docs.</summary>
public static class DeviceAssemblies
{
    public static readonly Assembly[] All =
    {
        typeof(TaskControlBlock).Assembly, typeof(Board).Assembly, typeof(Scheduler).Assembly,
        typeof(RtMutex).Assembly, typeof(BlockPool).Assembly,
    };

    /// <summary>xunit member data: one case per assembly, by name.</summary>
    public static IEnumerable<object[]> Names() => All.Select(a => new object[] { a.GetName().Name! });

    /// <summary>The device assembly called <paramref name="name"/>.</summary>
    public static Assembly Named(string name) => All.Single(a => a.GetName().Name == name);
}
