namespace NfRt.Memory
{
    /// <summary>
    /// Receives the balloon's rare events. Called from the worker task, OUTSIDE the kernel's
    /// critical section. Routine retries are never reported; a stall is reported once per episode.
    /// </summary>
    public interface IBalloonObserver
    {
        /// <summary>
        /// The reservation has made no progress for <paramref name="retries"/> consecutive retries
        /// (BalloonConfig.StallReportRetries). The service keeps retrying; this is information only.
        /// </summary>
        /// <param name="service">The service whose reservation stalled.</param>
        /// <param name="retries">Consecutive retries without progress.</param>
        void OnStall(BalloonService service, int retries);
    }
}
