using NfRt.Kernel;

namespace NfRt.Harness;

/// <summary>
/// The Linux rt-tester conventions, in one place (docs/spec/scenario-language.md): 140 kernel
/// priority levels; a SCHED_FIFO user priority k (0..99, bigger = more urgent) is kernel priority
/// 99 - k; SCHED_NORMAL tasks sit at 120; a kernel status prints as its errno value (negated).
/// The kernel itself knows none of this: it has one scale, lower number = more urgent.
/// </summary>
public static class RtTesterProfile
{
    /// <summary>Kernel priority levels of the profile.</summary>
    public const int Levels = 140;

    /// <summary>Kernel priority of a SCHED_NORMAL task.</summary>
    public const int NormalPriority = 120;

    /// <summary>Highest SCHED_FIFO user priority.</summary>
    public const int MaxFifo = 99;

    /// <summary>The Linux errno values a scenario's O field shows (negated).</summary>
    public const int EINTR = 4, EBUSY = 16, EINVAL = 22, EDEADLK = 35, ETIMEDOUT = 110;

    /// <summary>Kernel priority of SCHED_FIFO user priority <paramref name="k"/> (0..99).</summary>
    public static int FromFifo(int k) => MaxFifo - k;

    /// <summary>User priority (rt-tester "P" scale, bigger = more urgent) of kernel priority <paramref name="prio"/>.</summary>
    public static int ToUser(int prio) => MaxFifo - prio;

    /// <summary>The errno-style value a status prints as (0 or negative; spec values are the Linux errnos).</summary>
    public static int Errno(KernelStatus s) => (int)s;

    /// <summary>A kernel configuration with the profile's 140 levels.</summary>
    public static KernelConfig Config() => new KernelConfig { PriorityLevels = Levels };
}
