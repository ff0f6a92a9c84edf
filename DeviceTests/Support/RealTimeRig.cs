using System;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.DeviceTests
{
    /// <summary>
    /// A kernel on a real-time board (its tick is the runtime's clock), 32 priority levels, invariant checking on:
    /// the set-up of the tests whose tasks meet real threads and real time (device events, the driver contract,
    /// periodic releases, the board's own run order). The test's thread is its driver. Dispose shuts the kernel
    /// down, joining every task thread, and nothing more: the tests assert what they need after it.
    /// </summary>
    public sealed class RealTimeRig : IDisposable
    {
        /// <summary>The real-time board.</summary>
        public readonly RealTimeBoard Board;

        /// <summary>The kernel.</summary>
        public readonly Scheduler K;

        /// <summary>A kernel on a new real-time ESP32 board.</summary>
        public RealTimeRig() : this(BoardProfiles.Esp32) { }

        /// <summary>A kernel on a new real-time <paramref name="profile"/> board.</summary>
        public RealTimeRig(BoardProfile profile)
        {
            Board = new RealTimeBoard(profile);
            KernelConfig cfg = new KernelConfig();
            cfg.PriorityLevels = 32;
            cfg.CheckInvariants = true;
            K = new Scheduler(cfg, Board);
        }

        /// <summary>Shuts the kernel down.</summary>
        public void Dispose() { K.Shutdown(); }
    }
}
