namespace NfRt.Simulator.Scenarios;

/// <summary>The Linux errno values a scenario's O field shows (negated), docs/spec/rtmutex.md §12.</summary>
public static class Errno
{
    public const int EINTR = 4, EBUSY = 16, EINVAL = 22, EDEADLK = 35, ETIMEDOUT = 110;
}
