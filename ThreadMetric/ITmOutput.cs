namespace NfRt.ThreadMetric
{
    /// <summary>What the runtime running the suite provides: a line printer, and an allocation counter if it has one.</summary>
    public interface ITmOutput
    {
        /// <summary>Prints one line (the reporting thread's printf).</summary>
        void Print(string line);

        /// <summary>
        /// Bytes allocated so far on the managed heap by every thread of the process, or -1 when the
        /// runtime cannot tell (nanoCLR). Read by the reporting thread around every period.
        /// </summary>
        long AllocatedBytes();
    }
}
