namespace NfRt.Simulator;

public static partial class Commands
{
    public static int Demo(TextWriter output) { output.WriteLine("demo not built yet"); return 2; }
}
