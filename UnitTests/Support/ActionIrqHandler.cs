using NfRt.Scheduling;

namespace UnitTests.Support;

/// <summary>An interrupt service routine made of a lambda; counts its calls.</summary>
public sealed class ActionIrqHandler : IIrqHandler
{
    private readonly Action<Scheduler, int> _body;

    /// <summary>Times the routine ran.</summary>
    public int Calls;

    public ActionIrqHandler(Action<Scheduler, int> body) { _body = body; }

    public void OnIrq(Scheduler kernel, int irq)
    {
        Calls++;
        _body(kernel, irq);
    }
}
