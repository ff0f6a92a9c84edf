using System.Text;

namespace NfRt.Simulator;

/// <summary>The kinds of file the CLI writes; each has one extension and a signature its previous outputs carry.</summary>
public enum OutputKind
{
    /// <summary>Chrome trace-event JSON (<c>run --trace</c>, the demo's <c>.json</c>).</summary>
    TraceJson,
    /// <summary>SVG timeline (<c>run --svg</c>, the demo's <c>.svg</c>).</summary>
    TimelineSvg,
    /// <summary>The balloon demo's SVG plot (<c>balloon --svg</c>).</summary>
    BalloonSvg,
}

/// <summary>One file a command is about to write: the option that named it (for messages), its path and kind.</summary>
public readonly record struct PlannedOutput(string Option, string Path, OutputKind Kind);

/// <summary>
/// The output-file safety rule, checked for every file a command writes <b>before anything runs</b>.
/// A path is refused when
/// <list type="number">
/// <item>it is missing or empty;</item>
/// <item>it is one of the command's input files (compared after normalisation: full path, <c>.</c>
/// and <c>..</c> resolved, a symbolic link followed to its final target);</item>
/// <item>it has the <c>.tst</c> extension (scenario scripts are inputs, never outputs);</item>
/// <item>it does not have its kind's extension (<c>.json</c> for traces, <c>.svg</c> for pictures);</item>
/// <item>it is an existing directory;</item>
/// <item>it is an existing file that is not a previous output of the same kind, recognised by the
/// signature the simulator writes into its first bytes (see <see cref="LooksLikeOutput"/>);</item>
/// <item>two outputs of one command are the same file.</item>
/// </list>
/// Each refusal is one line naming the option and the value as given.
/// </summary>
public static class OutputGuard
{
    /// <summary>Written near the top of every file of that kind; <see cref="LooksLikeOutput"/> looks for it.</summary>
    public const string TraceSignature = "\"generator\":\"nfproj simulator\"";
    public const string TimelineSvgSignature = "<!-- nfproj simulator: timeline -->";
    public const string BalloonSvgSignature = "<!-- nfproj simulator: balloon plot -->";

    /// <summary>How many leading bytes of an existing file are read for the signature.</summary>
    private const int SignatureWindow = 4096;

    public static string Extension(OutputKind kind) => kind == OutputKind.TraceJson ? ".json" : ".svg";

    private static string KindName(OutputKind kind) => kind switch
    {
        OutputKind.TraceJson => "a trace (JSON)",
        OutputKind.TimelineSvg => "a timeline SVG",
        _ => "a balloon plot SVG",
    };

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Checks every planned output; returns the refusals (empty when all may be written).</summary>
    public static List<string> Check(IReadOnlyList<PlannedOutput> outputs, IEnumerable<string> inputs)
    {
        var inputPaths = inputs.Where(i => !string.IsNullOrEmpty(i)).Select(Canonical).Where(p => p != null).ToList();
        var errors = new List<string>();
        var seen = new List<string>();
        foreach (var o in outputs)
        {
            string why = Check(o, inputPaths);
            if (why == null)
            {
                string canonical = Canonical(o.Path);
                if (seen.Any(s => string.Equals(s, canonical, PathComparison))) why = "another output of this command is the same file";
                seen.Add(canonical);
            }
            if (why != null) errors.Add(o.Path is { Length: > 0 } ? $"{o.Option} {o.Path}: refusing to write it: {why}" : $"{o.Option}: {why}");
        }
        return errors;
    }

    private static string Check(PlannedOutput o, List<string> inputs)
    {
        if (string.IsNullOrWhiteSpace(o.Path)) return "missing file name";
        string full = Canonical(o.Path);
        if (full == null) return "not a valid path";
        if (inputs.Any(i => string.Equals(i, full, PathComparison))) return "it is one of the input files";
        string ext = System.IO.Path.GetExtension(full);
        if (string.Equals(ext, ".tst", StringComparison.OrdinalIgnoreCase))
            return $"a .tst file is a scenario script (an input), never an output; name the output, e.g. {o.Option} out{Extension(o.Kind)}";
        if (!string.Equals(ext, Extension(o.Kind), StringComparison.OrdinalIgnoreCase))
            return $"{KindName(o.Kind)} is written only to a {Extension(o.Kind)} file";
        if (Directory.Exists(full)) return "it is a directory";
        if (File.Exists(full) && !LooksLikeOutput(full, o.Kind))
            return $"the file exists and is not {KindName(o.Kind)} written by this simulator (delete it or choose another name)";
        return null;
    }

    /// <summary>Checks a directory the command writes into: not empty, not an existing file, not a .tst name.</summary>
    public static string CheckDirectory(string option, string dir)
    {
        if (string.IsNullOrWhiteSpace(dir)) return $"{option}: missing directory name";
        string full = Canonical(dir);
        if (full == null) return $"{option} {dir}: refusing to write into it: not a valid path";
        if (File.Exists(full)) return $"{option} {dir}: refusing to write into it: it is a file, not a directory";
        if (string.Equals(System.IO.Path.GetExtension(full), ".tst", StringComparison.OrdinalIgnoreCase))
            return $"{option} {dir}: refusing to write into it: a .tst name is a scenario script, not an output directory";
        return null;
    }

    /// <summary>True when the first bytes of <paramref name="path"/> carry the signature of <paramref name="kind"/>.</summary>
    public static bool LooksLikeOutput(string path, OutputKind kind)
    {
        string head;
        try
        {
            using var f = File.OpenRead(path);
            var buffer = new byte[SignatureWindow];
            int n = 0, read;
            while (n < buffer.Length && (read = f.Read(buffer, n, buffer.Length - n)) > 0) n += read;
            head = Encoding.UTF8.GetString(buffer, 0, n);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        return kind switch
        {
            OutputKind.TraceJson => head.TrimStart().StartsWith('{') && head.Contains(TraceSignature, StringComparison.Ordinal),
            // earlier versions wrote no comment: their timelines start with a <g class="timeline"> section, their plots with this title
            OutputKind.TimelineSvg => head.Contains("<svg", StringComparison.Ordinal)
                && (head.Contains(TimelineSvgSignature, StringComparison.Ordinal) || head.Contains("<g class=\"timeline\" data-title=", StringComparison.Ordinal)),
            _ => head.Contains("<svg", StringComparison.Ordinal)
                && (head.Contains(BalloonSvgSignature, StringComparison.Ordinal) || head.Contains("<title>Memory balloon: Current and Target per partition</title>", StringComparison.Ordinal)),
        };
    }

    /// <summary>The full, normalised path, a symbolic link followed to its final target; null for an invalid path.</summary>
    public static string Canonical(string path)
    {
        try
        {
            string full = System.IO.Path.GetFullPath(path);
            try
            {
                var target = File.ResolveLinkTarget(full, returnFinalTarget: true);
                if (target != null) full = System.IO.Path.GetFullPath(target.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            return full.Length > 1 ? full.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar) : full;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            return null;
        }
    }
}
