using System.Reflection;
using NfRt.Kernel;

namespace UnitTests.Kernel;

/// <summary>
/// The trace ring is allocated when the first sink is attached, not with the kernel: on nanoCLR a slot is a
/// boxed struct (~96 bytes on the STM32F405 firmware), so an untraced kernel would otherwise carry ~24 KiB
/// for the default 256 events (docs/FOOTPRINT.md). Recording itself is unchanged.
/// </summary>
public class UnitTestTraceRing
{
    private sealed class Collect : ITraceSink
    {
        public readonly List<TraceEvent> Events = new();
        public void OnEvent(TraceEvent e) => Events.Add(e);
    }

    private static object Ring(TraceBuffer t) => typeof(TraceBuffer).GetField("_ring", BindingFlags.NonPublic | BindingFlags.Instance).GetValue(t);

    [Fact]
    public void No_sink_no_ring_and_nothing_recorded()
    {
        var t = new TraceBuffer(4);
        t.Append(1, TraceKind.Switch, 1, 0, 0);
        Assert.Null(Ring(t));
        Assert.Equal(0, t.Count);
        Assert.Equal(0, t.Dropped);
        Assert.Equal(4, t.Capacity);
    }

    [Fact]
    public void The_first_sink_allocates_the_ring_of_the_configured_capacity_and_events_are_kept_in_order()
    {
        var t = new TraceBuffer(3);
        var sink = new Collect();
        t.Sink = sink;
        Assert.Equal(3, ((TraceEvent[])Ring(t)).Length);
        for (int i = 0; i < 5; i++) t.Append(10 + i, TraceKind.Switch, i, 0, 0);
        Assert.Equal(3, t.Count);
        Assert.Equal(2, t.Dropped);
        Assert.True(t.TryTake(out TraceEvent e));
        Assert.Equal(10, e.Tick);
        Assert.Equal(0, e.Task);
    }

    [Fact]
    public void Detaching_keeps_the_ring_and_stops_recording()
    {
        var t = new TraceBuffer(2);
        t.Sink = new Collect();
        object ring = Ring(t);
        t.Sink = null;
        t.Append(1, TraceKind.Switch, 1, 0, 0);
        Assert.Equal(0, t.Count);
        t.Sink = new Collect();
        Assert.Same(ring, Ring(t));
    }
}
