using System.Diagnostics;

namespace UnitTests.Device;

/// <summary>
/// Finds the nanoCLR tools (the real nanoFramework interpreter for Linux and the MetadataProcessor) and
/// runs programs on them. Where: <c>$NANOCLR_RUN</c> (the nanoclr-run script) / <c>$NANO_MDP</c> (mdp.dll),
/// else <c>../shared/tools/nanoclr/</c> beside the repository. Absent tools make the callers skip, with the reason.
/// </summary>
public static class NanoClr
{
    /// <summary>The repository root (the folder holding nfproj.sln above the test binaries), or null.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "nfproj.sln"))) return d.FullName;
            return null;
        }
    }

    /// <summary>The nanoclr-run script, or null when none is found.</summary>
    public static string RunScript => Find("NANOCLR_RUN", "nanoclr-run");

    /// <summary>The MetadataProcessor (mdp.dll), or null when none is found.</summary>
    public static string Mdp => Find("NANO_MDP", Path.Combine("mdp", "mdp.dll"));

    /// <summary>Why the tools are missing (for a skip message).</summary>
    public static string MissingReason =>
        "nanoCLR not found: set NANOCLR_RUN to the nanoclr-run script or put the tools at ../shared/tools/nanoclr/ beside the repository"
        + (RepoRoot == null ? "" : " (looked in " + Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "tools", "nanoclr")) + ")");

    private static string Find(string env, string relative)
    {
        var v = Environment.GetEnvironmentVariable(env);
        if (!string.IsNullOrEmpty(v)) return File.Exists(v) ? Path.GetFullPath(v) : null;
        var root = RepoRoot;
        if (root == null) return null;
        var p = Path.GetFullPath(Path.Combine(root, "..", "shared", "tools", "nanoclr", relative));
        return File.Exists(p) ? p : null;
    }

    /// <summary>Runs a program with a time limit; returns (exit code, stdout+stderr). Exit code -1 when killed by the limit.</summary>
    public static (int Code, string Output) Run(string file, IEnumerable<string> args, TimeSpan limit, string workDir = null, string libraryPath = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workDir != null) psi.WorkingDirectory = workDir;
        if (libraryPath != null)
        {
            var old = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            psi.Environment["LD_LIBRARY_PATH"] = libraryPath + (string.IsNullOrEmpty(old) ? "" : ":" + old);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var sb = new System.Text.StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (sb) sb.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (sb) sb.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!p.WaitForExit((int)limit.TotalMilliseconds))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
            lock (sb) return (-1, sb.ToString());
        }
        p.WaitForExit();
        lock (sb) return (p.ExitCode, sb.ToString());
    }

    /// <summary>The last <paramref name="n"/> lines of <paramref name="text"/>.</summary>
    public static string Tail(string text, int n = 40)
    {
        var lines = text.Split('\n');
        return string.Join("\n", lines.Skip(Math.Max(0, lines.Length - n)));
    }

    /// <summary>The device assemblies plus the given ones, as paths in the test's output folder.</summary>
    public static string[] Libraries(params string[] extra) =>
        new[] { "NfRt.Kernel.Core", "NfRt.Kernel.Board", "NfRt.Kernel.Scheduler", "NfRt.Kernel.Sync", "NfRt.Kernel.Memory" }.Concat(extra)
            .Select(n => Path.Combine(AppContext.BaseDirectory, n + ".dll")).ToArray();
}
