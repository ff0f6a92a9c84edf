using System.CommandLine;
using NfRt.Harness;
using NfRt.Simulator.TimingReports;
using NfRt.Timing;
using Spectre.Console;

namespace NfRt.Simulator;

/// <summary>
/// <c>campaign [--count N] [--first K] [--search N] [--sim-seed S] [--until T] [generator options] [--json]</c>
/// (docs/spec/timing.md §7): generates sets K .. K+N−1 with <see cref="TaskSetGenerator"/> (the options of
/// <c>generate</c>, the same sets) and cross-checks each on the kernel (<see cref="Campaign"/>; set k's phasings use
/// seed S + k). Prints the figures (<see cref="CampaignReport"/>); a progress bar on stderr when it is a terminal.
/// Exit 0 when there is no violation, no inexact match and no kernel fault; 1 otherwise (the first offending sets are
/// listed by generator seed and index, to remake with <c>generate</c>); 2 for bad options.
/// </summary>
public static partial class Commands
{
    /// <summary>Default <c>--search</c> of <c>campaign</c> (phasings per set besides the synchronous one).</summary>
    public const int DefaultCampaignSearch = 4;

    /// <summary>Default <c>--until</c> of <c>campaign</c>: the generated hyperperiods are mostly far longer.</summary>
    public const int DefaultCampaignUntil = 20_000;

    /// <summary>Runs the campaign; results to <paramref name="output"/>, progress and problems to <paramref name="error"/>. Returns the exit code.</summary>
    public static int RunCampaign(GeneratorOptions generator, int count, int first, SimulationOptions simulation, bool json, TextWriter output, TextWriter error)
    {
        string problem = generator.Problem();
        if (problem != null)
        {
            error.WriteLine("campaign: " + problem);
            return UsageError;
        }
        CampaignResult result;
        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && count > 1)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            CampaignResult r0 = null;
            console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("task sets", maxValue: count);
                    r0 = Campaign.Run(generator, count, simulation, done => task.Value = done, first);
                });
            result = r0;
        }
        else result = Campaign.Run(generator, count, simulation, null, first);
        output.Write(json ? CampaignReport.ToJson(result) : CampaignReport.ToText(result, generator, simulation, first));
        return result.Passed ? 0 : 1;
    }

    /// <summary>The <c>campaign</c> command for System.CommandLine.</summary>
    internal static Command CampaignCommand()
    {
        var count = Program.IntOption("--count", "number of task sets", "N", 1, 1_000_000, 100);
        var first = Program.IntOption("--first", "index of the first set (to split a long campaign)", "K", 0, 1_000_000, 0);
        var search = Program.IntOption("--search", "search phasings per set (adversarial and random) after the synchronous release", "N", 0, MaxSearch, DefaultCampaignSearch);
        var simSeed = Program.IntOption("--sim-seed", "seed of the phasings and jitter draws; set k uses S + k", "S", 0, int.MaxValue / 2, 1);
        var until = Program.IntOption("--until", "largest horizon of one phasing in ticks", "T", 1, int.MaxValue, DefaultCampaignUntil);
        var json = new Option<bool>("--json") { Description = "print the figures as JSON" };
        var generator = new GeneratorCliOptions();
        var command = new Command("campaign", "generate task sets and check each: bound vs the kernel (soundness violations, exact-match rate, observed/bound distribution, speed)")
            { count, first, search, simSeed, until, json };
        generator.AddTo(command);
        command.SetAction(r => RunCampaign(generator.Read(r), r.GetValue(count), r.GetValue(first),
            new SimulationOptions { Search = r.GetValue(search), Seed = r.GetValue(simSeed), Until = r.GetValue(until) },
            r.GetValue(json), r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return command;
    }
}
