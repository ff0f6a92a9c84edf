using System.Text.RegularExpressions;

namespace UnitTests.Docs;

/// <summary>
/// docs/DESIGN.md's "Concept → file" table is the reader's index of the device code. It stays true in
/// both directions: every backticked path (or glob) in it names files that exist, and every source file
/// of a device assembly is named there (by path or by a glob that matches it), so a new file cannot land
/// without a place in the map.
/// </summary>
public class UnitTestDesignConceptMap
{
    private static readonly string[] DeviceFolders = { "Kernel", "Board", "Kernel.Scheduler", "Kernel.Sync", "Kernel.Memory" };

    private static string Root => UnitTests.SimulatorTests.Paths.RepoRoot;

    /// <summary>The table's backticked entries that look like repository paths (they contain a '/').</summary>
    private static List<string> TablePaths()
    {
        string design = File.ReadAllText(Path.Combine(Root, "docs", "DESIGN.md"));
        int at = design.IndexOf("## Concept → file", StringComparison.Ordinal);
        Assert.True(at >= 0, "docs/DESIGN.md has no 'Concept → file' section");
        string table = design[at..];
        int next = table.IndexOf("\n## ", 3, StringComparison.Ordinal);
        if (next > 0) table = table[..next];
        var paths = new List<string>();
        foreach (Match m in Regex.Matches(table, "`([A-Za-z][A-Za-z0-9_.*]*/[^` ]*)`"))
            paths.Add(m.Groups[1].Value.TrimEnd('/'));
        Assert.NotEmpty(paths);
        return paths;
    }

    /// <summary>Files (repository-relative, '/' separated) that an entry names: one file, a folder's files, or a glob.</summary>
    private static IEnumerable<string> Resolve(string entry)
    {
        string full = Path.Combine(Root, entry);
        if (File.Exists(full)) return new[] { entry };
        if (Directory.Exists(full))
            return Directory.GetFiles(full, "*", SearchOption.AllDirectories).Select(Relative);
        string dir = Path.Combine(Root, Path.GetDirectoryName(entry) ?? "");
        if (!Directory.Exists(dir)) return Array.Empty<string>();
        return Directory.GetFiles(dir, Path.GetFileName(entry)).Select(Relative);
    }

    private static string Relative(string full) => Path.GetRelativePath(Root, full).Replace('\\', '/');

    [Fact]
    public void Every_path_in_the_concept_table_exists()
    {
        var missing = TablePaths().Where(p => !Resolve(p).Any()).ToList();
        Assert.True(missing.Count == 0, "docs/DESIGN.md names paths that do not exist: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_device_source_file_appears_in_the_concept_table()
    {
        var named = new HashSet<string>(TablePaths().SelectMany(Resolve));
        var unnamed = new List<string>();
        foreach (string folder in DeviceFolders)
        {
            foreach (string f in Directory.GetFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories))
            {
                string rel = Relative(f);
                if (rel.Contains("/obj/") || rel.Contains("/bin/") || rel.EndsWith("/AssemblyInfo.cs")) continue;
                if (!named.Contains(rel)) unnamed.Add(rel);
            }
        }
        Assert.True(unnamed.Count == 0, "device files missing from docs/DESIGN.md's concept table: " + string.Join(", ", unnamed));
    }
}
