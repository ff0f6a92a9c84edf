using System.Threading;
using NfRt.Kernel;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.Samples.SensorBusArbiter
{
    /// <summary>
    /// The sensor's data-ready interrupt, simulated by a thread of its own: on a board this is the GPIO pin's
    /// <c>ValueChanged</c> event, which nanoFramework raises on its own event thread, outside the kernel. Such
    /// a thread cannot make kernel calls (they return WrongContext). It stores the sample and raises device
    /// IRQ line <see cref="Line"/> with <see cref="Scheduler.RaiseIrq"/> (thread-safe, never blocks); the kernel
    /// runs <see cref="OnIrq"/> in kernel context, where the ISR-safe <see cref="CountingSemaphore.Give"/> wakes
    /// the sampler task (docs/USE-ON-A-BOARD.md, "Events from the device").
    /// <para>Raises of the line before its handler runs coalesce into one call, as on hardware: the handler
    /// takes every sample stored since it last ran (an Interlocked counter), so none is lost.</para>
    /// </summary>
    public sealed class SensorEvents : IIrqHandler
    {
        /// <summary>The device IRQ line of the sensor's data-ready signal.</summary>
        public const int Line = 1;

        /// <summary>Milliseconds between two samples.</summary>
        public const int PeriodMs = 50;

        private readonly Scheduler _k;
        private readonly CountingSemaphore _ready;
        private Thread _thread;
        private bool _stop;
        private int _stored;        // samples stored by the event thread and not yet taken by the handler
        private int _latest;        // the last sample's value

        /// <summary>Samples the event thread produced.</summary>
        public int Produced;

        /// <summary>Raises the kernel refused (none expected: the line has a handler and the kernel runs).</summary>
        public int Refused;

        /// <summary>Samples the sampler task received.</summary>
        public int Received;

        /// <summary>Times the handler ran (at most <see cref="Produced"/>: raises coalesce).</summary>
        public int HandlerRuns;

        /// <summary>The value of the last sample the sampler task received.</summary>
        public int LastValue;

        /// <summary>Set-up, from Main: the semaphore, the line's handler and the sampler task (least urgent: it never delays the bus users).</summary>
        public SensorEvents(Scheduler k, int samplerPriority)
        {
            _k = k;
            _ready = new CountingSemaphore(k, "sensor-ready", 0, 10000);
            k.SetIrqHandler(Line, this);
            k.CreateTask("sampler", samplerPriority, SamplerBody);
        }

        /// <summary>Starts the event thread (the sensor starts sampling).</summary>
        public void Start()
        {
            _thread = new Thread(EventThread);
            _thread.Start();
        }

        /// <summary>Stops the event thread and waits for it.</summary>
        public void Stop()
        {
            _stop = true;
            _thread.Join();
        }

        // The device's event thread: not a task, so no kernel calls, only RaiseIrq.
        private void EventThread()
        {
            int value = 0;
            while (!_stop)
            {
                Thread.Sleep(PeriodMs);
                _latest = ++value;
                Produced++;
                Interlocked.Increment(ref _stored);
                if (_k.RaiseIrq(Line) != KernelStatus.Ok) Refused++;
            }
        }

        /// <summary>The line's handler: runs masked, in kernel context; hands every stored sample to the sampler.</summary>
        public void OnIrq(Scheduler kernel, int irq)
        {
            HandlerRuns++;
            int n = Interlocked.Exchange(ref _stored, 0);
            for (int i = 0; i < n; i++) _ready.Give();
        }

        private void SamplerBody()
        {
            while (_ready.Take(-1) == KernelStatus.Ok)
            {
                Received++;
                LastValue = _latest;       // filter, store, forward: the sample's work
            }
        }
    }
}
