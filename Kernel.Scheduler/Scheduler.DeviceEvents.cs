using NfRt.Boards;
using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// Device events (docs/spec/scheduler.md §36): how code that does not run as a task — a nanoFramework
    /// event thread (GPIO <c>ValueChanged</c>, serial <c>DataReceived</c>), a <c>System.Threading.Timer</c>
    /// callback, any thread the application started — signals the kernel. Kernel calls from such a thread
    /// return <see cref="KernelStatus.WrongContext"/>; it raises a device IRQ line instead:
    /// <code>
    ///   set-up (Main):    k.SetIrqHandler(Line, handler)          // runs in kernel context, masked
    ///   event thread:     store the event's data; k.RaiseIrq(Line) // thread-safe, never blocks
    ///   kernel:           handler.OnIrq(k, Line)                   // here Give / Set / Signal / Send(…, 0) / Resume work
    /// </code>
    /// A raise sets the line's pending bit (one CAS) and wakes an idle CPU; the handler runs at the running
    /// task's next preemption point, at once when the driver is idling in RunUntilTick on a real-time
    /// board, at the next tick on the simulated board, and — when the driver is outside a run call —
    /// at the start of the next one. Raises of one line before its handler runs coalesce into one call, as
    /// on hardware: the handler takes everything the event threads stored (e.g. an Interlocked counter).
    /// </summary>
    public sealed partial class Scheduler
    {
        /// <summary>
        /// Raises device line <paramref name="line"/> (1 .. 31) from any thread. Ok; InvalidArgument for line 0
        /// (the tick) or out of range; WrongState when no handler is installed on the line
        /// (<see cref="SetIrqHandler"/>); ShutDown after <see cref="Shutdown"/>. Nothing else changes.
        /// </summary>
        /// <param name="line">Device line, 1 .. 31.</param>
        /// <returns>Ok, InvalidArgument, WrongState or ShutDown.</returns>
        public KernelStatus RaiseIrq(int line)
        {
            if (line <= Board.TickIrq || line >= Board.IrqLines) return KernelStatus.InvalidArgument;
            if (_shutdown) return KernelStatus.ShutDown;
            if (_handlers[line] == null) return KernelStatus.WrongState;
            _irq.Raise(line);
            return KernelStatus.Ok;
        }

        /// <summary>
        /// Bit mask of the IRQ lines raised and not yet delivered (bit 0: the tick). A task that computes
        /// without kernel calls can read it and call <see cref="Checkpoint"/> only when something is pending.
        /// </summary>
        public int PendingIrqs { get { return _irq.Pending; } }
    }
}
