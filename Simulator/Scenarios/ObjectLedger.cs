namespace NfRt.Simulator.Scenarios;

/// <summary>
/// The parser's record of which objects exist after each line (scenario-language.md §5, §18, §22):
/// an object comes into being at the first C line that names it — its create command, or any
/// command on it (created then with the defaults) — in script order, so this is known before
/// anything runs. <see cref="Check"/> rejects a create command for an object that already exists
/// and an object test of one that does not exist yet; <see cref="Note"/> records a line's objects.
/// </summary>
public sealed class ObjectLedger
{
    private readonly Dictionary<(ObjectKind, int), int> _firstUse = new();

    /// <summary>Why <paramref name="line"/> cannot come at this point of the script, or null.</summary>
    public string Check(ScenarioLine line)
    {
        var (kind, index) = line.NamedObject;
        if (kind == ObjectKind.None) return null;
        bool exists = _firstUse.TryGetValue((kind, index), out int first);
        string noun = ObjectKinds.Noun(kind);
        if (line.Kind == LineKind.Command && Opcodes.IsCreate(line.Command) && exists)
            return $"{noun} {index} already exists (created by line {first}): create it before its first use";
        if (line.Kind != LineKind.Command && !exists)
            return $"{noun} {index} does not exist yet: no earlier C line creates or uses it";
        return null;
    }

    /// <summary>Records the object a C line creates or uses (first use only).</summary>
    public void Note(ScenarioLine line)
    {
        var (kind, index) = line.NamedObject;
        if (kind != ObjectKind.None && line.Kind == LineKind.Command) _firstUse.TryAdd((kind, index), line.Number);
    }
}
