using System;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// The assertions of nanoFramework.TestFramework (MSTest style) that this project's device tests use,
    /// with the same names and parameter order (expected first). A failing assertion throws
    /// <see cref="AssertFailedException"/>. No generics: typed overloads instead, as in the real package.
    /// </summary>
    public static class Assert
    {
        /// <summary>Fails unless <paramref name="condition"/> is true.</summary>
        public static void IsTrue(bool condition, [CallerArgumentExpression("condition")] string message = "")
        {
            if (!condition) Fail("Assert.IsTrue", message);
        }

        /// <summary>Fails unless <paramref name="condition"/> is false.</summary>
        public static void IsFalse(bool condition, [CallerArgumentExpression("condition")] string message = "")
        {
            if (condition) Fail("Assert.IsFalse", message);
        }

        /// <summary>Fails unless the two ints are equal.</summary>
        public static void AreEqual(int expected, int actual, string message = "")
        {
            if (expected != actual) Fail("Assert.AreEqual", "Expected:<" + expected + ">. Actual:<" + actual + ">. " + message);
        }

        /// <summary>Fails unless the two longs are equal.</summary>
        public static void AreEqual(long expected, long actual, string message = "")
        {
            if (expected != actual) Fail("Assert.AreEqual", "Expected:<" + expected + ">. Actual:<" + actual + ">. " + message);
        }

        /// <summary>Fails unless the two bools are equal.</summary>
        public static void AreEqual(bool expected, bool actual, string message = "")
        {
            if (expected != actual) Fail("Assert.AreEqual", "Expected:<" + expected + ">. Actual:<" + actual + ">. " + message);
        }

        /// <summary>Fails unless the two strings are equal (ordinal).</summary>
        public static void AreEqual(string expected, string actual, string message = "")
        {
            if (!string.Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        /// <summary>Fails unless the two objects are equal (<see cref="object.Equals(object, object)"/>).</summary>
        public static void AreEqual(object expected, object actual, string message = "")
        {
            if (!object.Equals(expected, actual)) Fail("Assert.AreEqual", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        /// <summary>Fails when the two ints are equal.</summary>
        public static void AreNotEqual(int notExpected, int actual, string message = "")
        {
            if (notExpected == actual) Fail("Assert.AreNotEqual", "Not expected:<" + notExpected + ">. " + message);
        }

        /// <summary>Fails when the two objects are equal.</summary>
        public static void AreNotEqual(object notExpected, object actual, string message = "")
        {
            if (object.Equals(notExpected, actual)) Fail("Assert.AreNotEqual", "Not expected:<" + Show(notExpected) + ">. " + message);
        }

        /// <summary>Fails unless both refer to the same object.</summary>
        public static void AreSame(object expected, object actual, [CallerArgumentExpression("actual")] string message = "")
        {
            if (!object.ReferenceEquals(expected, actual)) Fail("Assert.AreSame", "Expected:<" + Show(expected) + ">. Actual:<" + Show(actual) + ">. " + message);
        }

        /// <summary>Fails unless <paramref name="value"/> is null.</summary>
        public static void IsNull(object value, [CallerArgumentExpression("value")] string message = "")
        {
            if (value != null) Fail("Assert.IsNull", "Actual:<" + Show(value) + ">. " + message);
        }

        /// <summary>Fails when <paramref name="value"/> is null.</summary>
        public static void IsNotNull(object value, [CallerArgumentExpression("value")] string message = "")
        {
            if (value == null) Fail("Assert.IsNotNull", message);
        }

        /// <summary>Fails unless <paramref name="action"/> throws an exception of exactly type <paramref name="exceptionType"/>.</summary>
        public static void ThrowsException(Type exceptionType, Action action, string message = "")
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                if (e.GetType() != exceptionType)
                    Fail("Assert.ThrowsException", "Threw " + e.GetType().FullName + ", expected " + exceptionType.FullName + ". " + message);
                return;
            }
            Fail("Assert.ThrowsException", "No exception thrown, expected " + exceptionType.FullName + ". " + message);
        }

        /// <summary>Fails the test now.</summary>
        public static void Fail(string message = "")
        {
            Fail("Assert.Fail", message);
        }

        /// <summary>Ends the test as skipped (throws <see cref="SkipTestException"/>).</summary>
        public static void SkipTest(string message = "")
        {
            throw new SkipTestException(message);
        }

        private static void Fail(string assertion, string message)
        {
            throw new AssertFailedException(assertion + " failed. " + message);
        }

        private static string Show(object o) { return o == null ? "(null)" : o.ToString(); }
    }
}
