using UnitTests.SimulatorTests;

namespace UnitTests.Timing;

/// <summary>Locates the repository's tasksets/ folder (example task-set files) from the test binaries.</summary>
internal static class TaskSetFiles
{
    public static string Dir => Path.Combine(Paths.RepoRoot, "tasksets");

    public static string Bad => Path.Combine(Dir, "bad");

    public static string Example(string name) => Path.Combine(Dir, name);
}
