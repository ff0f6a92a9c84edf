using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Thrown by <see cref="Assert.SkipTest"/>: the test is reported as skipped, not failed.</summary>
    public class SkipTestException : Exception
    {
        /// <summary>Creates the exception with the reason for skipping.</summary>
        public SkipTestException(string message) : base(message) { }
    }
}
