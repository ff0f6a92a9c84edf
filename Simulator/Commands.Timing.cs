using System.CommandLine;

namespace NfRt.Simulator;

/// <summary>The timing commands of issue 17 (docs/spec/timing.md): registered on the root command by one line in <see cref="Program"/>.</summary>
public static partial class Commands
{
    /// <summary>Adds <c>analyze</c>, <c>generate</c>, <c>simulate</c>, <c>check</c> and <c>campaign</c> to <paramref name="root"/>.</summary>
    internal static void AddTimingCommands(RootCommand root)
    {
        root.Subcommands.Add(AnalyzeCommand());
        root.Subcommands.Add(GenerateCommand());
        root.Subcommands.Add(SimulateCommand());
        root.Subcommands.Add(CheckCommand());
        root.Subcommands.Add(CampaignCommand());
    }
}
