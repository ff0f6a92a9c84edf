using System.CommandLine;
using NfRt.Timing;

namespace NfRt.Simulator;

/// <summary>
/// The generator options of <c>generate</c> and <c>campaign</c> (docs/spec/timing.md §7), declared once:
/// <c>--seed --min-tasks --max-tasks --min-util --max-util --min-period --max-period --resource-free --protocol
/// --deadlines</c> (the spec's list) and <c>--jitter --equal-priority --catch-up --offsets</c> (percent: largest jitter and offset
/// as a share of the period, chance of an equal priority and of the catch-up policy; 0 by default), with
/// <see cref="GeneratorOptions"/>' defaults.
/// </summary>
internal sealed class GeneratorCliOptions
{
    private readonly Option<int> _seed, _minTasks, _maxTasks, _minUtil, _maxUtil, _minPeriod, _maxPeriod, _resourceFree, _jitter, _equal, _catchUp, _offsets;
    private readonly Option<ProtocolMix> _protocol;
    private readonly Option<DeadlineMode> _deadlines;

    public GeneratorCliOptions()
    {
        var d = new GeneratorOptions();
        _seed = Program.IntOption("--seed", "seed: the same seed and options give the same task sets", "S", 0, int.MaxValue, (int)d.Seed);
        _minTasks = Program.IntOption("--min-tasks", "fewest tasks per set", "N", 1, TaskSetLimits.MaxTasks, d.MinTasks);
        _maxTasks = Program.IntOption("--max-tasks", "most tasks per set", "N", 1, TaskSetLimits.MaxTasks, d.MaxTasks);
        _minUtil = Program.IntOption("--min-util", "lowest total utilisation, percent", "PCT", 1, 100, (int)Math.Round(d.MinUtilization * 100));
        _maxUtil = Program.IntOption("--max-util", "highest total utilisation, percent", "PCT", 1, 100, (int)Math.Round(d.MaxUtilization * 100));
        _minPeriod = Program.IntOption("--min-period", "shortest period (ticks); periods are log-uniform", "T", 1, 1_000_000, (int)d.MinPeriod);
        _maxPeriod = Program.IntOption("--max-period", "longest period (ticks)", "T", 1, 1_000_000, (int)d.MaxPeriod);
        _resourceFree = Program.IntOption("--resource-free", "share of sets without resources, percent", "PCT", 0, 100, (int)Math.Round(d.ResourceFreeShare * 100));
        _jitter = Program.IntOption("--jitter", "largest release jitter as a share of the period, percent", "PCT", 0, 100, 0);
        _equal = Program.IntOption("--equal-priority", "chance that a task shares the priority of the one before it, percent", "PCT", 0, 100, 0);
        _catchUp = Program.IntOption("--catch-up", "chance that a task catches up overruns instead of skipping them, percent", "PCT", 0, 100, 0);
        _offsets = Program.IntOption("--offsets", "largest first-release offset as a share of the period, percent", "PCT", 0, 100, 0);
        _protocol = new Option<ProtocolMix>("--protocol") { Description = "lock protocols: random (each set one of inherit, ceiling, plain, mixed), inherit, ceiling, plain, mixed", DefaultValueFactory = _ => d.Protocols };
        _deadlines = new Option<DeadlineMode>("--deadlines") { Description = "implicit (D = T), constrained (C <= D <= T), arbitrary (C <= D <= 3T)", DefaultValueFactory = _ => d.Deadlines };
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { _seed, _minTasks, _maxTasks, _minUtil, _maxUtil, _minPeriod, _maxPeriod, _resourceFree, _protocol, _deadlines, _jitter, _equal, _catchUp, _offsets })
            command.Options.Add(o);
    }

    /// <summary>The options as parsed.</summary>
    public GeneratorOptions Read(ParseResult r) => new()
    {
        Seed = r.GetValue(_seed),
        MinTasks = r.GetValue(_minTasks),
        MaxTasks = r.GetValue(_maxTasks),
        MinUtilization = r.GetValue(_minUtil) / 100.0,
        MaxUtilization = r.GetValue(_maxUtil) / 100.0,
        MinPeriod = r.GetValue(_minPeriod),
        MaxPeriod = r.GetValue(_maxPeriod),
        ResourceFreeShare = r.GetValue(_resourceFree) / 100.0,
        Protocols = r.GetValue(_protocol),
        Deadlines = r.GetValue(_deadlines),
        MaxJitterShare = r.GetValue(_jitter) / 100.0,
        EqualPriorityChance = r.GetValue(_equal) / 100.0,
        CatchUpChance = r.GetValue(_catchUp) / 100.0,
        MaxOffsetShare = r.GetValue(_offsets) / 100.0,
    };
}
