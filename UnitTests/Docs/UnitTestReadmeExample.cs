using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace UnitTests.Docs;

/// <summary>The README's "Using the kernel" snippet, kept true: the high task waits 8 ticks (the rest of low's section).</summary>
public class UnitTestReadmeExample
{
    [Fact]
    public void Readme_snippet_runs_and_the_high_task_waits_only_for_the_critical_section()
    {
        var board = new SimulatedBoard(BoardProfiles.Stm32);
        var k = new Scheduler(new KernelConfig { PriorityLevels = 32, CheckInvariants = true }, board);
        var bus = new RtMutex(k, "bus");
        long asked = -1, got = -1;
        k.CreateTask("low", 20, () => { bus.Lock(); k.Busy(10); bus.Unlock(); });
        k.CreateTask("medium", 10, () => { k.Sleep(3); k.Busy(50); });
        k.CreateTask("high", 5, () => { k.Sleep(2); asked = k.Now; bus.Lock(); got = k.Now; bus.Unlock(); });
        k.AdvanceTicks(100);
        k.Shutdown();
        Assert.Null(k.FirstFaultedTask());
        Assert.Equal(2, asked);
        Assert.Equal(10, got);   // low held the bus from tick 0 for 10 ticks of CPU; medium did not get in between
    }
}
