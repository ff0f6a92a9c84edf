using System.CommandLine;

namespace NfRt.Simulator;

/// <summary>
/// The simulator CLI: `run FILE... [--trace OUT.json] [--svg OUT.svg] [-v]` runs rt-tester scenario
/// scripts; `demo [--out DIR] [--timeline N]` runs the priority-inversion demo; `balloon` runs the memory-balloon demo.
/// Exit code 0 only when everything passed.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs <paramref name="args"/>; results go to <paramref name="stdout"/>, errors to <paramref name="stderr"/>. Returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "scenario scripts (.tst)", Arity = ArgumentArity.OneOrMore };
        var trace = new Option<string>("--trace") { Description = "write a Chrome trace-event JSON file (open in Perfetto)", HelpName = "OUT.json" };
        var svg = new Option<string>("--svg") { Description = "write an SVG timeline", HelpName = "OUT.svg" };
        var verbose = new Option<bool>("-v", "--verbose") { Description = "echo every line with the thread's status" };

        var run = new Command("run", "run rt-tester scenario scripts on the simulated board") { files, trace, svg, verbose };
        run.SetAction(r => Commands.RunScenarios(r.GetValue(files), r.GetValue(trace), r.GetValue(svg), r.GetValue(verbose), r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));

        var outDir = new Option<string>("--out") { Description = "directory for the demo's trace JSON and SVG", HelpName = "DIR", DefaultValueFactory = _ => Commands.DefaultDemoDir };
        var timelineN = new Option<int>("--timeline") { Description = "number of medium tasks of the run shown as timelines", HelpName = "N", DefaultValueFactory = _ => 2 };
        var demo = new Command("demo", "Mars Pathfinder priority inversion on the simulated STM32 board, with and without priority inheritance") { outDir, timelineN };
        demo.SetAction(r => Commands.Demo(r.InvocationConfiguration.Output, r.InvocationConfiguration.Error, r.GetValue(outDir), r.GetValue(timelineN)));

        var balloonSvg = new Option<string>("--svg") { Description = "where to write the SVG plot", HelpName = "OUT.svg", DefaultValueFactory = _ => Balloon.BalloonDemo.DefaultSvgPath };
        var balloon = new Command("balloon", "two partitions ballooning under transient pool pressure") { balloonSvg };
        balloon.SetAction(r => Commands.Balloon(r.InvocationConfiguration.Output, r.InvocationConfiguration.Error, r.GetValue(balloonSvg)));

        var root = new RootCommand("nfproj simulator: rt-mutex scenarios, traces and demos on a simulated board") { run, demo, balloon };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
