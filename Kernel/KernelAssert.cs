using System.Diagnostics;

namespace NfRt.Kernel
{
    /// <summary>
    /// Debug-only checks of local preconditions (this kernel's <c>lockdep_assert_held</c>): compiled
    /// into Debug builds, which the tests run, and out of Release builds, which are flashed. A failed
    /// check is a kernel defect, never a user error: it throws <see cref="KernelFaultException"/>.
    /// "Cannot happen" states are asserted here rather than silently repaired.
    /// </summary>
    internal static class KernelAssert
    {
        /// <summary>Throws <see cref="KernelFaultException"/>("assert: " + <paramref name="what"/>) unless <paramref name="condition"/> holds.</summary>
        [Conditional("DEBUG")]
        internal static void That(bool condition, string what)
        {
            if (!condition) throw new KernelFaultException("assert: " + what);
        }
    }
}
