namespace NfRt.Kernel
{
    /// <summary>
    /// The one priority comparison of the project, documented once and used by every urgency
    /// comparison of the device code (a range check of a level is a plain bound): a priority is an
    /// int, and a LOWER number is MORE urgent. Levels run 0 .. N-1 with
    /// N = KernelConfig.PriorityLevels (1 .. 1024).
    /// </summary>
    public static class Priority
    {
        /// <summary>Most levels a kernel may be configured with.</summary>
        public const int MaxLevels = 1024;

        /// <summary>True when <paramref name="a"/> is strictly more urgent than <paramref name="b"/>.</summary>
        /// <param name="a">A priority.</param>
        /// <param name="b">The priority it is compared with.</param>
        /// <returns>True when <paramref name="a"/> &lt; <paramref name="b"/>; false when equal or less urgent.</returns>
        public static bool MoreUrgent(int a, int b) { return a < b; }

        /// <summary>The more urgent of the two priorities.</summary>
        /// <param name="a">A priority.</param>
        /// <param name="b">Another priority.</param>
        /// <returns>The smaller number of the two.</returns>
        public static int MostUrgent(int a, int b) { return a < b ? a : b; }
    }
}
