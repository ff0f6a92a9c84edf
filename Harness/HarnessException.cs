namespace NfRt.Harness;

/// <summary>A harness expectation failed (a task is not where the test script says, a task body threw...).</summary>
public sealed class HarnessException : Exception
{
    public HarnessException(string message) : base(message) { }
}
