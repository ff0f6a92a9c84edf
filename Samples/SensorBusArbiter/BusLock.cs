using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Samples.SensorBusArbiter
{
    /// <summary>The sensor bus's lock: the rt-mutex, or (for contrast) a plain lock without priority inheritance.</summary>
    public abstract class BusLock
    {
        /// <summary>Takes the bus (blocks while another task holds it).</summary>
        public abstract void Lock();

        /// <summary>Releases the bus.</summary>
        public abstract void Unlock();
    }

    /// <summary>The bus guarded by an <see cref="RtMutex"/>: the holder inherits the priority of its most urgent waiter.</summary>
    public sealed class RtMutexBus : BusLock
    {
        /// <summary>The mutex.</summary>
        public readonly RtMutex Mutex;

        /// <summary>Creates the mutex on <paramref name="k"/>.</summary>
        public RtMutexBus(Scheduler k) { Mutex = new RtMutex(k, SensorBusTaskSet.Bus); }

        /// <inheritdoc/>
        public override void Lock() { Mutex.Lock(); }

        /// <inheritdoc/>
        public override void Unlock() { Mutex.Unlock(); }
    }

    /// <summary>
    /// A plain lock for contrast: a binary kernel event (waiters served most urgent first, but the holder is never
    /// boosted), i.e. what a lock without priority inheritance gives.
    /// </summary>
    public sealed class PlainBus : BusLock
    {
        private readonly KernelEvent _free;

        /// <summary>Creates the lock, free.</summary>
        public PlainBus(Scheduler k)
        {
            _free = new KernelEvent(k);
            _free.Signal();
        }

        /// <inheritdoc/>
        public override void Lock() { _free.Wait(-1); }

        /// <inheritdoc/>
        public override void Unlock() { _free.Signal(); }
    }
}
