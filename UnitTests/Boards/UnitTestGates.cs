using System.Diagnostics;
using NfRt.Boards;
using NfRt.Kernel;

namespace UnitTests.Boards;

/// <summary>
/// Every gate kind keeps the baton contract: an opening before the wait is not lost, one opening
/// releases one wait (extra openings collapse or are spurious, never lost), a timed wait without an
/// opening returns false, and a two-thread ping-pong never loses a hand-off. The board decides the
/// kind before its kernel exists (UseGates refuses afterwards).
/// </summary>
public class UnitTestGates
{
    public static TheoryData<string> Kinds => new() { "event", "semaphore", "spinpark" };

    private static TaskGate Make(string kind) => kind switch
    {
        "event" => new EventGate(),
        "semaphore" => new SemaphoreSlimGate(),
        _ => new SpinParkGate(),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_opening_before_the_wait_is_kept_and_a_wait_without_one_times_out(string kind)
    {
        var g = Make(kind);
        g.Open();
        Assert.True(g.Wait(1000));
        var sw = Stopwatch.StartNew();
        Assert.False(g.Wait(50));
        Assert.True(sw.ElapsedMilliseconds >= 40, "timed out after " + sw.ElapsedMilliseconds + " ms");
        g.Open();
        g.Open();                                  // two openings before one wait: at least one wait passes
        Assert.True(g.Wait(1000));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_ping_pong_loses_no_hand_off(string kind)
    {
        var a = Make(kind);
        var b = Make(kind);
        const int rounds = 20_000;
        int partnerRounds = 0;
        var partner = new Thread(() =>
        {
            for (int i = 0; i < rounds; i++) { Assert.True(a.Wait(10_000)); partnerRounds++; b.Open(); }
        });
        partner.Start();
        for (int i = 0; i < rounds; i++) { a.Open(); Assert.True(b.Wait(10_000), "hand-off lost at round " + i); }
        partner.Join();
        Assert.Equal(rounds, partnerRounds);
    }

    [Fact]
    public void The_gate_kind_is_chosen_before_the_kernel_exists()
    {
        var board = new SimulatedBoard(BoardProfiles.Stm32);
        Assert.False(board.UseGates(null));
        Assert.True(board.UseGates(new SemaphoreSlimGate.Factory()));
        Assert.IsType<SemaphoreSlimGate>(board.NewGate());
        var k = new NfRt.Scheduling.Scheduler(new KernelConfig(), board);
        Assert.False(board.UseGates(new SpinParkGate.Factory()));
        Assert.IsType<SemaphoreSlimGate>(board.NewGate());
        k.Shutdown();
        Assert.IsType<EventGate>(new SimulatedBoard(BoardProfiles.Stm32).NewGate());
    }
}
