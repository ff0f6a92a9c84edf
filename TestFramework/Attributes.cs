using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class that holds test methods (its public parameterless constructor is used).</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TestClassAttribute : Attribute { }

    /// <summary>Marks a public parameterless instance method as a test: it passes when it returns, fails when it throws.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestMethodAttribute : Attribute { }

    /// <summary>A method run once before the test methods of its class (as in nanoFramework.TestFramework).</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class SetupAttribute : Attribute { }

    /// <summary>A method run once after the test methods of its class (as in nanoFramework.TestFramework).</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class CleanupAttribute : Attribute { }
}
