using NfRt.Simulator;
using NfRt.Simulator.Demo;

namespace UnitTests.SimulatorTests;

/// <summary>
/// The Mars Pathfinder demo's numbers: with the rt-mutex the high task waits exactly for the
/// remaining critical section for every N; with the plain mutex it also waits for every medium
/// task's work, so its blocking time grows with N.
/// </summary>
public class UnitTestDemo
{
    [Fact]
    public void Rt_mutex_bounds_blocking_by_the_remaining_critical_section_and_the_baseline_grows_with_n()
    {
        long previous = -1;
        foreach (int n in InversionDemo.DefaultMediums)
        {
            var plain = InversionDemo.Run(n, inheritance: false);
            var pi = InversionDemo.Run(n, inheritance: true);
            Assert.Equal(InversionDemo.HighWakes, pi.LockTick);
            Assert.Equal(InversionDemo.CriticalSection - InversionDemo.HighWakes, pi.RemainingCriticalSection);
            Assert.Equal(pi.RemainingCriticalSection, pi.BlockingTicks);
            Assert.Equal(plain.RemainingCriticalSection + (long)n * InversionDemo.MediumWork, plain.BlockingTicks);
            Assert.True(plain.BlockingTicks > previous, $"baseline N={n}: {plain.BlockingTicks} <= {previous}");
            if (n > 0) Assert.True(plain.BlockingTicks > pi.BlockingTicks);
            previous = plain.BlockingTicks;
        }
    }

    [Fact]
    public void Demo_command_prints_the_table_and_timelines_and_writes_trace_files()
    {
        string dir = Path.Combine(Path.GetTempPath(), "nfproj-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, Commands.Demo(output, dir, 2));
            string text = output.ToString().Replace("\r\n", "\n");
            Assert.Contains("  N medium tasks | plain mutex (no PI) | rt-mutex (PI) | remaining critical section\n", text);
            Assert.Contains("               0 |                   8 |             8 |                          8\n", text);
            Assert.Contains("              50 |                2508 |             8 |                          8\n", text);
            Assert.Contains("plain mutex (no inheritance), N = 2 medium tasks, STM32F429: high task blocked 108 ticks\n", text);
            Assert.Contains("rt-mutex (priority inheritance), N = 2 medium tasks, STM32F429: high task blocked 8 ticks\n", text);
            Assert.Contains("  asi_met  .#^^^^^^^^^.", text);
            Assert.True(File.Exists(Path.Combine(dir, "inversion-n2.json")));
            Assert.True(File.Exists(Path.Combine(dir, "inversion-n2.svg")));
            Assert.Contains($"written to {Path.Combine(dir, "inversion-n2.svg")}", text);

            var again = new StringWriter();
            Assert.Equal(0, Commands.Demo(again, dir, 2));
            Assert.Equal(text, again.ToString().Replace("\r\n", "\n"));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
