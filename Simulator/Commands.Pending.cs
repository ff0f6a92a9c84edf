namespace NfRt.Simulator;

// Temporary: replaced as the scenario runner, the inversion demo and the balloon demo land.
public static partial class Commands
{
    public static int RunScenarios(FileInfo[] files, FileInfo trace, FileInfo svg, bool verbose, TextWriter output) { output.WriteLine("scenario runner not built yet"); return 2; }
    public static int Demo(TextWriter output) { output.WriteLine("demo not built yet"); return 2; }
}
