using NfRt.Kernel;

namespace UnitTests.Kernel;

/// <summary>KernelConfig.Validate names the first bad field and accepts the boundaries.</summary>
public class UnitTestKernelConfig
{
    [Fact]
    public void Defaults_and_the_rt_tester_profile_are_valid()
    {
        Assert.Null(new KernelConfig().Validate());
        var rt = NfRt.Harness.RtTesterProfile.Config();
        Assert.Null(rt.Validate());
        Assert.Equal(140, rt.PriorityLevels);
    }

    public static IEnumerable<object[]> BadFields() => new[]
    {
        new object[] { "PriorityLevels", (Action<KernelConfig>)(c => c.PriorityLevels = 0) },
        new object[] { "PriorityLevels", (Action<KernelConfig>)(c => c.PriorityLevels = 1025) },
        new object[] { "PriorityLevels", (Action<KernelConfig>)(c => c.PriorityLevels = -5) },
        new object[] { "MaxTasks", (Action<KernelConfig>)(c => c.MaxTasks = 0) },
        new object[] { "MaxTasks", (Action<KernelConfig>)(c => c.MaxTasks = 65536) },
        new object[] { "DefaultTimeSlice", (Action<KernelConfig>)(c => c.DefaultTimeSlice = -1) },
        new object[] { "MaxChainDepth", (Action<KernelConfig>)(c => c.MaxChainDepth = 0) },
        new object[] { "TraceCapacity", (Action<KernelConfig>)(c => c.TraceCapacity = 0) },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void Validate_names_the_bad_field(string field, Action<KernelConfig> spoil)
    {
        var c = new KernelConfig();
        spoil(c);
        var message = c.Validate();
        Assert.NotNull(message);
        Assert.StartsWith(field + " ", message);
    }

    [Fact]
    public void Boundaries_are_accepted()
    {
        Assert.Null(new KernelConfig { PriorityLevels = 1, MaxTasks = 1, DefaultTimeSlice = 0, MaxChainDepth = 1, TraceCapacity = 1 }.Validate());
        Assert.Null(new KernelConfig { PriorityLevels = Priority.MaxLevels, MaxTasks = 65535 }.Validate());
    }

    /// <summary>Several bad fields: the first one in declaration order is named.</summary>
    [Fact]
    public void The_first_bad_field_is_named()
    {
        var c = new KernelConfig { MaxTasks = 0, TraceCapacity = 0 };
        Assert.StartsWith("MaxTasks", c.Validate());
    }
}
