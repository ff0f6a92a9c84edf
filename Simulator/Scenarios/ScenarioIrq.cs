using NfRt.Scheduling;

namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The scenario's interrupt line (scenario-language.md §17): a command given to <c>irq</c> is
/// posted here, the driver raises the line, and the kernel delivers it at its next preemption point
/// — with the system quiescent, that is at once, interrupting the idle task. The handler runs the
/// command masked, as any ISR, and the tasks it made ready run after the interrupt exits.
/// </summary>
public sealed class ScenarioIrq : IIrqHandler
{
    private readonly ContextCaller _caller;
    private CommandOpcode _op;
    private int _arg;

    internal ScenarioIrq(ContextCaller caller) => _caller = caller;

    /// <summary>True while a posted command waits for its interrupt.</summary>
    public bool Pending { get; private set; }

    /// <summary>Driver side: the command the next interrupt runs.</summary>
    internal void Post(CommandOpcode op, int arg)
    {
        _op = op;
        _arg = arg;
        _caller.Begin(op);
        Pending = true;
    }

    /// <summary>The ISR: runs the posted command (a spurious interrupt runs nothing).</summary>
    public void OnIrq(Scheduler kernel, int irq)
    {
        if (!Pending) return;
        Pending = false;
        _caller.Execute(_op, _arg);
    }
}
