using System.Runtime.ExceptionServices;

namespace UnitTests.Support;

/// <summary>
/// Runs a test body on a thread of its own, which becomes the kernel's driver when the body creates the
/// kernel, and fails the test if the body has not returned after a generous limit: a hang guard only
/// (the limit is no claim about speed). A hung body's thread is a background thread, left behind.
/// </summary>
public static class DriverThread
{
    /// <summary>Runs <paramref name="body"/> on a new thread; rethrows what it threw; fails if it hangs.</summary>
    public static void Run(Action body, int limitMs = 60_000, string what = "the test body")
    {
        Exception thrown = null;
        var t = new Thread(() =>
        {
            try { body(); }
            catch (Exception e) { thrown = e; }
        }) { IsBackground = true, Name = "driver" };
        t.Start();
        if (!t.Join(limitMs)) Assert.Fail(what + " hung: no return after " + limitMs + " ms");
        if (thrown != null) ExceptionDispatchInfo.Capture(thrown).Throw();
    }
}
