using NfRt.Kernel;

namespace UnitTests.Support;

/// <summary>Wait-list order of the semaphore, queue and event flags as "A,B,C", for exact assertions.</summary>
public static class WaitOrder
{
    public static string Of(Func<int, TaskControlBlock> waiterAt)
    {
        var names = new List<string>();
        for (int i = 0; waiterAt(i) != null; i++) names.Add(waiterAt(i).Name);
        return string.Join(",", names);
    }

    public static string Of(params LockstepTask[] tasks) => string.Join(",", tasks.Select(t => t.Name));
}
