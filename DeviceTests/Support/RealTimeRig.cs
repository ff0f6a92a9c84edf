using System;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// A kernel on the real-time board (the ESP32 profile: its tick is the runtime's clock), 32 priority levels,
    /// invariant checking on: the set-up of the tests whose tasks meet real threads and real time (device events,
    /// the driver contract). The test's thread is its driver. Dispose shuts the kernel down, joining every task
    /// thread, and nothing more: the tests assert what they need after it.
    /// </summary>
    public sealed class RealTimeRig : IDisposable
    {
        /// <summary>The kernel.</summary>
        public readonly Scheduler K;

        /// <summary>A kernel on a new real-time ESP32 board.</summary>
        public RealTimeRig()
        {
            KernelConfig cfg = new KernelConfig();
            cfg.PriorityLevels = 32;
            cfg.CheckInvariants = true;
            K = new Scheduler(cfg, new RealTimeBoard(BoardProfiles.Esp32));
        }

        /// <summary>Shuts the kernel down.</summary>
        public void Dispose() { K.Shutdown(); }
    }
}
