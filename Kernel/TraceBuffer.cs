namespace NfRt.Kernel
{
    /// <summary>
    /// Preallocated ring of trace events. <see cref="Append"/> runs inside the critical section
    /// and never calls out; <see cref="TryTake"/> hands events to the sink after the critical
    /// section ends (style rule: collect, unmask, then call). A full ring counts the events it
    /// had to drop in <see cref="Dropped"/> instead of allocating.
    /// </summary>
    public sealed class TraceBuffer
    {
        private readonly TraceEvent[] _ring;
        private int _head, _count, _sequence;

        private int _dropped;

        /// <summary>The sink, or null to record nothing.</summary>
        public ITraceSink Sink;

        /// <summary>Creates a ring of <paramref name="capacity"/> (1 .. KernelConfig.MaxTraceCapacity) events: the kernel makes its own.</summary>
        internal TraceBuffer(int capacity)
        {
            if (capacity < 1 || capacity > KernelConfig.MaxTraceCapacity) throw new System.ArgumentOutOfRangeException("capacity", "capacity must be 1..65536");
            _ring = new TraceEvent[capacity];
        }

        /// <summary>Events lost because the ring was full.</summary>
        public int Dropped { get { return _dropped; } }

        /// <summary>Number of buffered events.</summary>
        public int Count { get { return _count; } }

        /// <summary>Records one event (no-op without a sink). Call with interrupts masked.</summary>
        internal void Append(long tick, TraceKind kind, int task, int a, int b)
        {
            if (Sink == null) return;
            if (_count == _ring.Length) { _dropped++; return; }
            int i = _head + _count;
            if (i >= _ring.Length) i -= _ring.Length;
            _ring[i].Tick = tick;
            _ring[i].Kind = kind;
            _ring[i].Task = task;
            _ring[i].A = a;
            _ring[i].B = b;
            _ring[i].Sequence = _sequence++;
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
