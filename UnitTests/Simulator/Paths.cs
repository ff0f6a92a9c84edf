namespace UnitTests.SimulatorTests;

/// <summary>Locates the repository's scenarios/ folder from the test binaries.</summary>
public static class Paths
{
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "nfproj.sln"))) dir = dir.Parent;
            if (dir == null) throw new InvalidOperationException("nfproj.sln not found above " + AppContext.BaseDirectory);
            return dir.FullName;
        }
    }

    public static string Scenarios => Path.Combine(RepoRoot, "scenarios");

    public static string BadScenarios => Path.Combine(Scenarios, "bad");
}
