using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;
using UnitTests.Support;

namespace UnitTests.Boards;

/// <summary>
/// MaskedAtomics (a Cortex-M0 class board, no CAS instruction) has exactly the semantics of
/// HardwareAtomics, counts its operations, and leaves the interrupt mask as it found it.
/// </summary>
public class UnitTestAtomics
{
    [Fact]
    public void Board_profiles_pick_the_cas_flavour()
    {
        Assert.IsType<MaskedAtomics>(new SimulatedBoard(BoardProfiles.Stm32M0).Atomics);
        Assert.False(new SimulatedBoard(BoardProfiles.Stm32M0).Atomics.IsHardware);
        Assert.IsType<HardwareAtomics>(new SimulatedBoard(BoardProfiles.Stm32).Atomics);
        Assert.IsType<HardwareAtomics>(new SimulatedBoard(BoardProfiles.Esp32).Atomics);
        Assert.True(new SimulatedBoard(BoardProfiles.Esp32).Atomics.IsHardware);
    }

    public static IEnumerable<object[]> Cases() => new[]
    {
        new object[] { 0, 1, 0 },                              // match: swapped
        new object[] { 0, 1, 1 },                              // no match: unchanged
        new object[] { 5, 5, 5 },                              // match, same value
        new object[] { -1, 7, -1 },
        new object[] { 7, -1, -1 },
        new object[] { int.MinValue, int.MaxValue, int.MinValue },
        new object[] { int.MaxValue, 0, int.MinValue },
        new object[] { int.MaxValue, int.MinValue, int.MaxValue },
        new object[] { 3, -3, 3 },
        new object[] { 42, 43, 41 },
        new object[] { 0x40000001, 0, 0x40000001 },            // an owner word with a flag bit
        new object[] { 0x40000001, 0, 0x00000001 },
    };

    /// <summary>Each case: same returned old value, same final location, one more operation counted.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Masked_cas_equals_hardware_cas(int initial, int value, int comparand)
    {
        var board = new SimulatedBoard(BoardProfiles.Stm32M0);
        var masked = (MaskedAtomics)board.Atomics;
        var hw = new HardwareAtomics();
        int a = initial, b = initial;
        int before = masked.Operations;
        int ra = masked.CompareExchange(ref a, value, comparand);
        int rb = hw.CompareExchange(ref b, value, comparand);
        Assert.Equal(rb, ra);
        Assert.Equal(b, a);
        Assert.Equal(initial, ra);
        Assert.Equal(initial == comparand ? value : initial, a);
        Assert.Equal(before + 1, masked.Operations);
        Assert.False(board.Irq.IsMasked);
    }

    [Fact]
    public void Masked_cas_equals_hardware_cas_on_seeded_random_sequences()
    {
        var board = new SimulatedBoard(BoardProfiles.Stm32M0);
        var masked = (MaskedAtomics)board.Atomics;
        var hw = new HardwareAtomics();
        var rnd = new Random(2024);
        int a = 0, b = 0;
        for (int i = 0; i < 5000; i++)
        {
            int value = rnd.Next(-4, 4);
            int comparand = rnd.Next(3) == 0 ? a : rnd.Next(-4, 4);   // often a hit
            Assert.Equal(hw.CompareExchange(ref b, value, comparand), masked.CompareExchange(ref a, value, comparand));
            Assert.Equal(b, a);
        }
        Assert.Equal(5000, masked.Operations);
    }

    /// <summary>
    /// Called inside a masked region the masked CAS must not unmask: a pending line stays pending
    /// until the outer restore (nesting like local_irq_save).
    /// </summary>
    [Fact]
    public void Masked_cas_preserves_an_outer_mask_and_its_pending_lines()
    {
        using var s = new SimKernel(profile: BoardProfiles.Stm32M0);
        var isr = new ActionIrqHandler((k, irq) => s.Log.Add("isr"));
        s.K.SetIrqHandler(6, isr);
        int word = 10;
        s.Task("T", 5, () =>
        {
            var ic = s.K.Board.Irq;
            int st = ic.Mask();
            ic.Raise(6);
            int old = s.K.Board.Atomics.CompareExchange(ref word, 11, 10);
            s.Log.Add($"cas {old}->{word} masked={ic.IsMasked} calls={isr.Calls}");
            ic.Restore(st);
            s.Log.Add("restored calls=" + isr.Calls);
        });
        s.Run();
        Assert.Equal(new[] { "cas 10->11 masked=True calls=0", "isr", "restored calls=1" }, s.Log);
        Assert.Equal(1, ((MaskedAtomics)s.K.Board.Atomics).Operations);
    }
}
