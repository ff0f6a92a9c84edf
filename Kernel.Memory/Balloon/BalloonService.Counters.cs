using NfRt.Kernel;

namespace NfRt.Memory
{
    /// <summary>The service's counters, read as one consistent snapshot.</summary>
    public sealed partial class BalloonService
    {
        /// <summary>
        /// Fills <paramref name="into"/> with one consistent snapshot, taken inside one kernel
        /// critical section. No allocation. InvalidArgument for null.
        /// </summary>
        /// <param name="into">The snapshot to fill (not null).</param>
        /// <returns>Ok; InvalidArgument for null; WrongContext from a thread that may not call the kernel now.</returns>
        public MemoryStatus ReadCounters(BalloonCounters into)
        {
            if (into == null) return MemoryStatus.InvalidArgument;
            if (Kernel.CheckCaller() != KernelStatus.Ok) return MemoryStatus.WrongContext;
            int s = Kernel.Enter();
            Partition p = Partition;
            into.Tick = Kernel.Now;
            into.Current = p.currentBlocks;
            into.Target = _target;
            into.EffectiveTarget = EffectiveTarget;
            into.Maximum = p.Maximum;
            into.TargetClamped = _target > p.Maximum;
            into.EmptyFast = p.EmptyFast;
            into.EmptySlow = p.EmptySlow;
            into.FreeBlocks = p.FreeBlocks;
            into.DriverBlocks = _driverBlocks;
            into.RetryArmed = _retry.IsArmed;
            into.RetryDueTick = _retry.IsArmed ? _retry.DueTick : -1;
            into.RetryPeriodNow = _period;
            _counters.CopyRunCountersTo(into);
            Kernel.Leave(s);
            return MemoryStatus.Ok;
        }

        /// <summary>A new snapshot (allocates one object: for diagnostics and tests, not steady-state paths).</summary>
        /// <returns>A new, filled snapshot (left empty if the caller may not call the kernel now).</returns>
        public BalloonCounters Snapshot()
        {
            BalloonCounters c = new BalloonCounters();
            ReadCounters(c);
            return c;
        }
    }
}
