using System.Reflection;
using Xunit.Sdk;

namespace UnitTests.Support;

/// <summary>
/// Feeds a test the two CAS flavours: a board with a hardware compare-and-swap (STM32F429) and
/// one without (STM32F091, Cortex-M0: read-compare-write with interrupts masked).
/// </summary>
public sealed class BoardsAttribute : DataAttribute
{
    public const string Cas = "STM32F429";
    public const string M0 = "STM32F091";

    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        yield return new object[] { Cas };
        yield return new object[] { M0 };
    }
}
