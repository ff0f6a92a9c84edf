using NfRt.Boards;

namespace UnitTests.Boards;

/// <summary>
/// The simulated board on its own (no kernel attached, so raised lines stay pending): injections
/// fire at exactly their tick, bad injections are refused and change nothing.
/// </summary>
public class UnitTestSimulatedBoard
{
    [Fact]
    public void Injected_line_is_raised_exactly_at_its_tick()
    {
        var b = new SimulatedBoard(BoardProfiles.Stm32);
        Assert.True(b.IsSimulated);
        Assert.True(b.InjectAt(2, 5));
        Assert.True(b.InjectAt(2, 9));
        Assert.True(b.InjectAt(3, 31));
        b.AdvanceTick();
        Assert.Equal(1L, b.Now);
        Assert.Equal(1, b.Irq.Pending);                          // the tick line only
        b.AdvanceTick();
        Assert.Equal(1 | (1 << 5) | (1 << 9), b.Irq.Pending);
        b.AdvanceTick();
        Assert.Equal(1 | (1 << 5) | (1 << 9) | (1 << 31), b.Irq.Pending);
    }

    /// <summary>
    /// 1. At tick 0: tick 0 (now) and negative ticks are "in the past"; lines 0 (the tick), -1, 32 are bad.
    /// 2. Every refusal returns false and nothing is scheduled: advancing raises the tick line only.
    /// 3. After time moved to 4, tick 4 and 3 are refused, tick 5 accepted.
    /// </summary>
    [Fact]
    public void Bad_injections_are_refused_and_change_nothing()
    {
        var b = new SimulatedBoard(BoardProfiles.Stm32);
        Assert.False(b.InjectAt(0, 5));
        Assert.False(b.InjectAt(-3, 5));
        Assert.False(b.InjectAt(1, 0));
        Assert.False(b.InjectAt(1, -1));
        Assert.False(b.InjectAt(1, 32));
        Assert.False(b.InjectAt(1, int.MaxValue));
        for (int i = 0; i < 4; i++) b.AdvanceTick();
        Assert.Equal(1, b.Irq.Pending);
        Assert.False(b.InjectAt(4, 5));
        Assert.False(b.InjectAt(3, 5));
        Assert.True(b.InjectAt(5, 5));
        b.AdvanceTick();
        Assert.Equal(1 | (1 << 5), b.Irq.Pending);
    }

    [Fact]
    public void Injection_slots_run_out_and_are_reused_after_firing()
    {
        var b = new SimulatedBoard(BoardProfiles.Stm32, 2);
        Assert.True(b.InjectAt(1, 4));
        Assert.True(b.InjectAt(5, 6));
        Assert.False(b.InjectAt(2, 7));          // full
        b.AdvanceTick();                         // the tick-1 slot fires and frees
        Assert.Equal(1 | (1 << 4), b.Irq.Pending);
        Assert.True(b.InjectAt(2, 7));
        b.AdvanceTick();
        Assert.Equal(1 | (1 << 4) | (1 << 7), b.Irq.Pending);
    }

    [Fact]
    public void Raise_out_of_range_is_refused()
    {
        var ic = new SimulatedBoard(BoardProfiles.Stm32).Irq;
        Assert.False(ic.Raise(-1));
        Assert.False(ic.Raise(32));
        Assert.Equal(0, ic.Pending);
        Assert.True(ic.Raise(31));
        Assert.Equal(int.MinValue, ic.Pending);
    }

    [Fact]
    public void Profiles_are_found_by_name()
    {
        Assert.Same(BoardProfiles.Esp32, BoardProfiles.Find("ESP32"));
        Assert.Same(BoardProfiles.Stm32, BoardProfiles.Find("STM32F429"));
        Assert.Same(BoardProfiles.Stm32M0, BoardProfiles.Find("STM32F091"));
        Assert.Null(BoardProfiles.Find("esp32"));
        Assert.Null(BoardProfiles.Find(null));
        Assert.Equal(1, BoardProfiles.Stm32.TickMs);
        Assert.False(BoardProfiles.Stm32M0.HardwareCas);
    }
}
