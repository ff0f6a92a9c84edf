using NfRt.Kernel;

namespace UnitTests.Kernel;

/// <summary>The one priority comparison: a lower number is more urgent.</summary>
public class UnitTestPriority
{
    [Fact]
    public void Priority_comparison_lower_number_is_more_urgent()
    {
        Assert.True(Priority.MoreUrgent(0, 1));
        Assert.False(Priority.MoreUrgent(1, 1));
        Assert.False(Priority.MoreUrgent(5, 2));
        Assert.Equal(2, Priority.MostUrgent(5, 2));
        Assert.Equal(2, Priority.MostUrgent(2, 5));
    }
}
