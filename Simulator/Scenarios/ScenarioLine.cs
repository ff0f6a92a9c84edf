namespace NfRt.Simulator.Scenarios;

/// <summary>The kind of a script line: <c>C</c> command, <c>W</c> wait until true, <c>T</c> test now.</summary>
public enum LineKind { Command, Wait, Test }

/// <summary>
/// One parsed, validated script line (scenario-language.md): <c>Kind: opcode: thread: argument</c>.
/// Exactly one of <see cref="Command"/> (for <see cref="LineKind.Command"/>) and <see cref="Test"/>
/// (for W and T) is meaningful. <see cref="Argument"/> is already a number: for <c>opcode*</c>
/// tests a command name has been translated to its number. Immutable.
/// </summary>
public sealed record ScenarioLine(int Number, string Text, LineKind Kind, CommandOpcode Command, TestOpcode Test, int Thread, int Argument)
{
    /// <summary>The opcode's script name.</summary>
    public string OpcodeName => Kind == LineKind.Command ? Opcodes.Name(Command) : Opcodes.Name(Test);

    /// <summary>True for a <c>C: tick</c> line (its thread field is ignored).</summary>
    public bool IsTick => Kind == LineKind.Command && Command == CommandOpcode.Tick;
}
