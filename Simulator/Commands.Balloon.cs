namespace NfRt.Simulator;

// Placeholder: the balloon demo lands from another branch, which replaces exactly this file.
public static partial class Commands
{
    public static int Balloon(TextWriter output) { output.WriteLine("balloon demo not built yet"); return 2; }
}
