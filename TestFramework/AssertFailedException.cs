using System;

namespace nanoFramework.TestFramework
{
    /// <summary>Thrown by a failing <see cref="Assert"/> call: the test fails with its message.</summary>
    public class AssertFailedException : Exception
    {
        /// <summary>Creates the exception with the failure message.</summary>
        public AssertFailedException(string message) : base(message) { }
    }
}
