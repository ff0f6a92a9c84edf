using System;
using System.Diagnostics;
using System.Reflection;
using nanoFramework.TestFramework;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// Finds the tests of this assembly by reflection (classes marked <see cref="TestClassAttribute"/>,
    /// public methods marked <see cref="TestMethodAttribute"/>), runs each, and prints one line per test:
    /// <c>PASS Class.Method</c>, <c>FAIL Class.Method: why</c> or <c>SKIP Class.Method: why</c>, then the
    /// sentinel <c>DEVICE TESTS DONE: N passed, M failed, K skipped</c>. On nanoCLR the exit status cannot
    /// be trusted, so CI decides from these lines. Only nano mscorlib reflection is used.
    /// </summary>
    public static class DeviceTestRunner
    {
        /// <summary>The first words of the last line of a complete run.</summary>
        public const string Sentinel = "DEVICE TESTS DONE:";

        /// <summary>Receives one printed line.</summary>
        public delegate void Writer(string line);

        /// <summary>
        /// Where <see cref="Print"/> goes; null (the default) = <c>Debug.WriteLine</c>, which nanoCLR prints to
        /// stdout. The .NET adapter sets it: .NET's mscorlib facade has no System.Diagnostics.Debug.
        /// </summary>
        public static Writer Output;

        /// <summary>Prints a line of test output (measurements, results) on the device or to <see cref="Output"/>.</summary>
        public static void Print(string line)
        {
            if (Output != null) Output(line);
            else DebugWrite(line);
        }

        // A separate method, so .NET never compiles the Debug reference when Output is set.
        private static void DebugWrite(string line) { Debug.WriteLine(line); }

        /// <summary>Outcome of one test.</summary>
        public const int Passed = 0, Failed = 1, Skipped = 2;

        /// <summary>Runs every test and prints the result lines and the sentinel.</summary>
        public static void RunAll()
        {
            int passed = 0, failed = 0, skipped = 0;
            Type[] types = Assembly.GetExecutingAssembly().GetTypes();
            Print("DEVICE TESTS START");
            for (int i = 0; i < types.Length; i++)
            {
                Type t = types[i];
                if (!Has(t.GetCustomAttributes(true), typeof(TestClassAttribute))) continue;
                MethodInfo[] methods = t.GetMethods();
                object instance = t.GetConstructor(new Type[0]).Invoke(null);
                string setupError = RunMarked(instance, methods, typeof(SetupAttribute));
                for (int j = 0; j < methods.Length; j++)
                {
                    MethodInfo m = methods[j];
                    if (!Has(m.GetCustomAttributes(true), typeof(TestMethodAttribute))) continue;
                    string name = t.Name + "." + m.Name;
                    string why = "setup failed: " + setupError;
                    int outcome = setupError != null ? Failed : Invoke(instance, m, out why);
                    if (outcome == Passed) { passed++; Print("PASS " + name); }
                    else if (outcome == Skipped) { skipped++; Print("SKIP " + name + ": " + why); }
                    else { failed++; Print("FAIL " + name + ": " + why); }
                }
                string cleanupError = RunMarked(instance, methods, typeof(CleanupAttribute));
                if (cleanupError != null) { failed++; Print("FAIL " + t.Name + ".[Cleanup]: " + cleanupError); }
            }
            Print(Sentinel + " " + passed + " passed, " + failed + " failed, " + skipped + " skipped");
        }

        /// <summary>
        /// Runs one test the way <see cref="RunAll"/> does (the class's [Setup] first and [Cleanup] last, on a
        /// fresh instance): the host adapter (xunit) calls this. Returns Passed, Failed or Skipped; <paramref name="why"/>
        /// holds the failure or skip message.
        /// </summary>
        public static int RunOne(Type testClass, string methodName, out string why)
        {
            MethodInfo[] methods = testClass.GetMethods();
            object instance = testClass.GetConstructor(new Type[0]).Invoke(null);
            string setupError = RunMarked(instance, methods, typeof(SetupAttribute));
            if (setupError != null) { why = "setup failed: " + setupError; return Failed; }
            int outcome = Failed;
            why = "no such test method: " + methodName;
            for (int j = 0; j < methods.Length; j++)
            {
                if (methods[j].Name != methodName || !Has(methods[j].GetCustomAttributes(true), typeof(TestMethodAttribute))) continue;
                outcome = Invoke(instance, methods[j], out why);
                break;
            }
            string cleanupError = RunMarked(instance, methods, typeof(CleanupAttribute));
            if (cleanupError != null && outcome != Failed) { why = "cleanup failed: " + cleanupError; outcome = Failed; }
            return outcome;
        }

        /// <summary>True when <paramref name="t"/> is a test class.</summary>
        public static bool IsTestClass(Type t) { return Has(t.GetCustomAttributes(true), typeof(TestClassAttribute)); }

        /// <summary>True when <paramref name="m"/> is a test method.</summary>
        public static bool IsTestMethod(MethodInfo m) { return Has(m.GetCustomAttributes(true), typeof(TestMethodAttribute)); }

        private static int Invoke(object instance, MethodInfo m, out string why)
        {
            why = null;
            try
            {
                m.Invoke(instance, null);
                return Passed;
            }
            catch (Exception e)
            {
                Exception inner = Unwrap(e);
                if (inner is SkipTestException) { why = inner.Message; return Skipped; }
                why = inner is AssertFailedException ? inner.Message : inner.GetType().FullName + ": " + inner.Message;
                return Failed;
            }
        }

        private static string RunMarked(object instance, MethodInfo[] methods, Type attribute)
        {
            for (int i = 0; i < methods.Length; i++)
            {
                if (!Has(methods[i].GetCustomAttributes(true), attribute)) continue;
                string why;
                if (Invoke(instance, methods[i], out why) != Passed) return why;
            }
            return null;
        }

        /// <summary>.NET wraps what a reflected call throws in TargetInvocationException; nanoCLR does not.</summary>
        private static Exception Unwrap(Exception e)
        {
            while (e.InnerException != null && e.GetType().FullName == "System.Reflection.TargetInvocationException") e = e.InnerException;
            return e;
        }

        private static bool Has(object[] attributes, Type attribute)
        {
            for (int i = 0; i < attributes.Length; i++) if (attributes[i].GetType() == attribute) return true;
            return false;
        }
    }
}
