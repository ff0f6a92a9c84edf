using System;

namespace NfRt.NanoBench
{
    /// <summary>The only clock in nano mscorlib: DateTime.UtcNow, in 100 ns ticks.</summary>
    internal static class Clock
    {
        internal static long Ticks() { return DateTime.UtcNow.Ticks; }
    }
}
