namespace NfRt.Memory
{
    /// <summary>
    /// One consistent snapshot of a <see cref="BalloonService"/>: every field is filled inside a
    /// single kernel critical section by <see cref="BalloonService.ReadCounters"/>, so no field is
    /// older or newer than another. Plain fields; a caller keeps one instance and refills it (no
    /// allocation per read). All counts are blocks unless the name says otherwise.
    /// </summary>
    public sealed class BalloonCounters
    {
        /// <summary>An empty snapshot, to be filled by <see cref="BalloonService.ReadCounters"/>.</summary>
        public BalloonCounters() { }

        /// <summary>Kernel tick at which the snapshot was taken.</summary>
        public long Tick;

        /// <summary>Blocks the partition holds.</summary>
        public int Current;
        /// <summary>The last accepted target (may exceed the maximum: the clamp is visible in <see cref="EffectiveTarget"/>).</summary>
        public int Target;
        /// <summary>min(Target, Maximum): what the worker converges to.</summary>
        public int EffectiveTarget;
        /// <summary>The partition's maximum (Current + EmptyFast + EmptySlow).</summary>
        public int Maximum;
        /// <summary>True when Target exceeds the maximum and was clamped.</summary>
        public bool TargetClamped;
        /// <summary>Empty slots of the fast memory class.</summary>
        public int EmptyFast;
        /// <summary>Empty slots of the slow memory class.</summary>
        public int EmptySlow;
        /// <summary>Held blocks no task uses (the emergency reserve included).</summary>
        public int FreeBlocks;
        /// <summary>Blocks drivers took (positive) or gave back outside the service; reported only.</summary>
        public int DriverBlocks;

        /// <summary>True while the single retry timer is armed.</summary>
        public bool RetryArmed;
        /// <summary>The tick the retry timer expires at (valid while armed, else -1).</summary>
        public long RetryDueTick;
        /// <summary>The retry period the next arming uses, in ticks (grows only with the optional backoff).</summary>
        public int RetryPeriodNow;

        /// <summary>Worker runs (each drains the loop once).</summary>
        public int Runs;
        /// <summary>Runs started by the retry timer.</summary>
        public int Retries;
        /// <summary>Grow calls made to the pool.</summary>
        public int GrowRequests;
        /// <summary>Blocks asked for by those calls.</summary>
        public int GrowRequestedBlocks;
        /// <summary>Blocks granted (all kept, partial grants included).</summary>
        public int GrantedBlocks;
        /// <summary>Grow calls granted fewer blocks than asked.</summary>
        public int GrowShortfalls;
        /// <summary>Shrink steps taken.</summary>
        public int ShrinkRequests;
        /// <summary>Blocks those steps tried to take.</summary>
        public int ShrinkRequestedBlocks;
        /// <summary>Blocks zero-filled and handed back to the pool.</summary>
        public int ReturnedBlocks;
        /// <summary>Shrink steps that found fewer free blocks than they wanted.</summary>
        public int ShrinkShortfalls;
        /// <summary>Consecutive retries that moved no block (0 after any progress or once the target is reached).</summary>
        public int NoProgressRetries;
        /// <summary>Tick of the last run that moved at least one block, or -1 if none did.</summary>
        public long LastProgressTick;
        /// <summary>Stall events reported (one per episode of StallReportRetries retries without progress).</summary>
        public int StallEvents;

        /// <summary>Copies the run counters (Runs .. StallEvents, LastProgressTick) into <paramref name="into"/>.</summary>
        internal void CopyRunCountersTo(BalloonCounters into)
        {
            into.Runs = Runs;
            into.Retries = Retries;
            into.GrowRequests = GrowRequests;
            into.GrowRequestedBlocks = GrowRequestedBlocks;
            into.GrantedBlocks = GrantedBlocks;
            into.GrowShortfalls = GrowShortfalls;
            into.ShrinkRequests = ShrinkRequests;
            into.ShrinkRequestedBlocks = ShrinkRequestedBlocks;
            into.ReturnedBlocks = ReturnedBlocks;
            into.ShrinkShortfalls = ShrinkShortfalls;
            into.NoProgressRetries = NoProgressRetries;
            into.LastProgressTick = LastProgressTick;
            into.StallEvents = StallEvents;
        }
    }
}
