using System;

namespace NfRt.Scheduling
{
    /// <summary>
    /// One failure of application code the kernel called — an IRQ handler or the trace sink that threw,
    /// an invariant checker that reported or threw — contained by the kernel and reported to the driver
    /// as <see cref="NfRt.Kernel.KernelStatus.HookFaulted"/> (docs/spec/scheduler.md §37). Made when the
    /// failure happens (a failure is not a steady-state path); read it from
    /// <see cref="Scheduler.LastHookFault"/>.
    /// </summary>
    public sealed class HookFault
    {
        /// <summary>Which kind of code failed.</summary>
        public readonly HookKind Kind;

        /// <summary>The IRQ line whose handler threw; -1 for the other kinds.</summary>
        public readonly int Line;

        /// <summary>The checker's report (the broken invariant it named), or null when the code threw.</summary>
        public readonly string Report;

        /// <summary>What the code threw, or null for a checker's report.</summary>
        public readonly Exception Exception;

        /// <summary>Kernel time when it happened.</summary>
        public readonly long Tick;

        internal HookFault(HookKind kind, int line, string report, Exception exception, long tick)
        {
            Kind = kind;
            Line = line;
            Report = report;
            Exception = exception;
            Tick = tick;
        }

        /// <summary>One line: what failed, and how (e.g. "IRQ handler of line 3 threw InvalidOperationException: sensor gone").</summary>
        /// <returns>The one-line description.</returns>
        public override string ToString()
        {
            string what = Kind == HookKind.IrqHandler ? "IRQ handler of line " + Line
                : Kind == HookKind.InvariantChecker ? "invariant checker" : "trace sink";
            if (Exception == null) return what + " reported: " + Report;
            return what + " threw " + Exception.GetType().Name + ": " + Exception.Message;
        }
    }
}
