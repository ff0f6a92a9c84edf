using NfRt.Kernel;
using NfRt.Scheduling;

namespace NfRt.Simulator;

/// <summary>
/// The demos' driver: every driver call's result is checked (<see cref="KernelReport"/>) and a
/// problem ends the run with a <see cref="KernelRunException"/>; <see cref="Run{T}"/> shuts the
/// kernel down afterwards, whatever happened, and adds what Shutdown reports. (The scenario runner
/// reports instead of throwing: see <c>ScenarioSystem</c>.) Call from the kernel's driver thread.
/// </summary>
public sealed class CheckedDriver
{
    private readonly Scheduler _k;
    private readonly string _context;

    /// <param name="kernel">the kernel, created on this thread</param>
    /// <param name="context">names the run in messages, or null</param>
    public CheckedDriver(Scheduler kernel, string context)
    {
        _k = kernel;
        _context = context;
    }

    public void RunUntilIdle() => Check(_k.RunUntilIdle(), "RunUntilIdle");

    public void AdvanceTicks(int ticks) => Check(_k.AdvanceTicks(ticks), "AdvanceTicks");

    public void RunUntilTick(long tick) => Check(_k.RunUntilTick(tick), "RunUntilTick");

    /// <summary>Ends the run with a <see cref="KernelRunException"/> naming <paramref name="problems"/>.</summary>
    public KernelRunException Fail(params string[] problems) => new(_context, problems);

    /// <summary>
    /// Runs <paramref name="body"/>, then shuts the kernel down. A problem of the body or of the
    /// shutdown (abandoned task threads, refused foreign calls) is thrown as one
    /// <see cref="KernelRunException"/> listing them all.
    /// </summary>
    public T Run<T>(Func<T> body)
    {
        T result;
        try
        {
            result = body();
        }
        catch (KernelRunException e)
        {
            throw e.With(KernelReport.AfterShutdown(_k, _k.Shutdown()));
        }
        catch
        {
            _k.Shutdown();      // a simulator bug is on its way out: it is the report, not the shutdown's result
            throw;
        }
        var problems = KernelReport.AfterShutdown(_k, _k.Shutdown());
        if (problems.Count > 0) throw new KernelRunException(_context, problems);
        return result;
    }

    private void Check(KernelStatus status, string call)
    {
        string why = KernelReport.Describe(_k, status, call);
        if (why != null) throw new KernelRunException(_context, new[] { why });
    }
}
