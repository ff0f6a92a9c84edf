namespace NfRt.Kernel
{
    /// <summary>
    /// Ring of trace events, allocated when the first sink is attached (a kernel nobody traces keeps
    /// no ring: on nanoCLR an event slot is a boxed struct of ~96 bytes, so the default 256 events
    /// would take ~24 KiB of a 104 KiB heap). <see cref="Append"/> runs inside the critical section
    /// and never calls out or allocates; <see cref="TryTake"/> hands events to the sink after the
    /// critical section ends (style rule: collect, unmask, then call). A full ring counts the events
    /// it had to drop in <see cref="Dropped"/> instead of allocating.
    /// </summary>
    public sealed class TraceBuffer
    {
        private readonly int _capacity;
        private TraceEvent[] _ring;
        internal ITraceSink sink;   // the property's field: the kernel's hot paths test it without a call
        private int _head, _count, _sequence;

        private int _dropped;

        /// <summary>
        /// Creates a trace of <paramref name="capacity"/> (1 .. KernelConfig.MaxTraceCapacity) events; the
        /// ring itself comes with the first sink. The kernel makes its own.
        /// </summary>
        internal TraceBuffer(int capacity)
        {
            if (capacity < 1 || capacity > KernelConfig.MaxTraceCapacity) throw new System.ArgumentOutOfRangeException("capacity", "capacity must be 1..65536");
            _capacity = capacity;
        }

        /// <summary>
        /// The sink, or null to record nothing. Attaching the first sink allocates the ring (a set-up
        /// call); detaching keeps it for the next one.
        /// </summary>
        public ITraceSink Sink
        {
            get { return sink; }
            set
            {
                if (value != null && _ring == null) _ring = new TraceEvent[_capacity];
                sink = value;
            }
        }

        /// <summary>Events the ring holds at most.</summary>
        public int Capacity { get { return _capacity; } }

        /// <summary>Events lost because the ring was full.</summary>
        public int Dropped { get { return _dropped; } }

        /// <summary>Number of buffered events.</summary>
        public int Count { get { return _count; } }

        /// <summary>Records one event (no-op without a sink). Call with interrupts masked.</summary>
        internal void Append(long tick, TraceKind kind, int task, int a, int b)
        {
            TraceEvent[] ring = _ring;
            if (sink == null || ring == null) return;
            if (_count == ring.Length) { _dropped++; return; }
            int i = _head + _count;
            if (i >= ring.Length) i -= ring.Length;
            ring[i].Tick = tick;
            ring[i].Kind = kind;
            ring[i].Task = task;
            ring[i].A = a;
            ring[i].B = b;
            ring[i].Sequence = _sequence++;
            _count++;
        }

        /// <summary>
        /// Takes the oldest event out of the ring into <paramref name="e"/>; false when empty.
        /// The caller masks around this call and delivers the event after unmasking.
        /// </summary>
        internal bool TryTake(out TraceEvent e)
        {
            if (_count == 0) { e = default(TraceEvent); return false; }
            e = _ring[_head];
            _head++;
            if (_head == _ring.Length) _head = 0;
            _count--;
            return true;
        }
    }
}
