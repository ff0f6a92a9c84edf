namespace NfRt.Simulator.Scenarios;

/// <summary>The kind of a script line: <c>C</c> command, <c>W</c> wait until true, <c>T</c> test now.</summary>
public enum LineKind { Command, Wait, Test }

/// <summary>
/// One parsed, validated script line (scenario-language.md): <c>Kind: opcode: thread: argument</c>.
/// Exactly one of <see cref="Command"/> (for <see cref="LineKind.Command"/>) and <see cref="Test"/>
/// (for W and T) is meaningful. <see cref="Argument"/> is already a number: for <c>opcode*</c>
/// tests a command name has been translated to its number. <see cref="Thread"/> is the second
/// field: a test thread 0..63, <see cref="Callers.Irq"/> or <see cref="Callers.Idle"/> (§17); for a
/// create command or an object test it is the object's index instead (<see cref="Object"/>, §18,
/// §22). A create command's options are in <see cref="Options"/>, <c>qcontentseq</c>'s words in
/// <see cref="Words"/> (their <see cref="Argument"/> is 0). Immutable.
/// </summary>
public sealed record ScenarioLine(int Number, string Text, LineKind Kind, CommandOpcode Command, TestOpcode Test, int Thread, int Argument)
{
    /// <summary>A create command's options (§18), else null.</summary>
    public CreateOptions Options { get; init; }

    /// <summary>The words <c>qcontentseq</c> expects (§22), else null.</summary>
    public int[] Words { get; init; }

    /// <summary>The opcode's script name.</summary>
    public string OpcodeName => Kind == LineKind.Command ? Opcodes.Name(Command) : Opcodes.Name(Test);

    /// <summary>True for a <c>C: tick</c> line (its thread field is ignored).</summary>
    public bool IsTick => Kind == LineKind.Command && Command == CommandOpcode.Tick;

    /// <summary>The kind of object whose index is the second field (a create command, an object test), else <see cref="ObjectKind.None"/>.</summary>
    public ObjectKind FieldObject => Kind == LineKind.Command
        ? (Opcodes.IsCreate(Command) ? ObjectKinds.Of(Command) : ObjectKind.None)
        : ObjectKinds.Of(Test);

    /// <summary>The object index of a line whose second field names an object (<see cref="FieldObject"/>).</summary>
    public int Object => Thread;

    /// <summary>The kind and index of the object this line uses (the argument of an object command, the second field of a create or an object test), or (None, -1).</summary>
    public (ObjectKind Kind, int Index) NamedObject
    {
        get
        {
            if (FieldObject != ObjectKind.None) return (FieldObject, Object);
            if (Kind == LineKind.Command && ObjectKinds.Of(Command) != ObjectKind.None) return (ObjectKinds.Of(Command), Argument);
            return (ObjectKind.None, -1);
        }
    }
}
