namespace NfRt.DeviceTests
{
    /// <summary>Entry point on the device (nanoCLR): runs every test of this assembly.</summary>
    public static class Program
    {
        /// <summary>Runs the tests; the last line printed is the sentinel.</summary>
        public static void Main()
        {
            DeviceTestRunner.RunAll();
        }
    }
}
