namespace NfRt.Simulator;

/// <summary>The CLI's commands; each returns the process exit code. Filled in by Scenarios/, Demo/ and Balloon/.</summary>
public static partial class Commands
{
}
