namespace NfRt.Timing;

/// <summary>The analysis of a whole task set: one <see cref="TaskResponse"/> per task, in file order, and the overall verdict.</summary>
public sealed class AnalysisResult
{
    internal AnalysisResult(TaskSet set, IReadOnlyList<TaskResponse> tasks)
    {
        Set = set;
        Tasks = tasks;
    }

    /// <summary>The set analysed.</summary>
    public TaskSet Set { get; }

    /// <summary>Its name.</summary>
    public string Name => Set.Name;

    /// <summary>Per task, in the set's order.</summary>
    public IReadOnlyList<TaskResponse> Tasks { get; }

    /// <summary>True when every task is schedulable.</summary>
    public bool Schedulable => Tasks.All(t => t.Schedulable);

    /// <summary>The response of the task named <paramref name="name"/>, or null.</summary>
    public TaskResponse this[string name] => Tasks.FirstOrDefault(t => t.Name == name);
}
