namespace NfRt.Memory
{
    /// <summary>
    /// Test hook: called by the balloon worker after each grow or shrink step of a run, outside the
    /// critical section and with the service's rt-mutex held, so a test can make the worker burn
    /// CPU or block mid-run (what a tick preemption does on hardware) and watch priority inheritance.
    /// </summary>
    internal interface IBalloonStepHook
    {
        /// <summary>One step of <paramref name="service"/>'s run has completed.</summary>
        void AfterStep(BalloonService service);
    }
}
