using NfRt.Kernel;

namespace NfRt.Scheduling
{
    /// <summary>
    /// The run-time statistics as a fixed-width text table for a device's debug output
    /// (docs/spec/scheduler.md §34): one header line and one line per task, idle first. Builds strings, so it
    /// allocates: call it from a reporting task or the driver, never from a job that must not allocate.
    /// The application prints it: <c>Debug.WriteLine(StatisticsPrinter.Table(kernel))</c> — not this library,
    /// because nano's <c>Debug.WriteLine</c> is <c>[Conditional("DEBUG")]</c> and would vanish from the Release
    /// build the packages carry.
    /// <code>
    /// task         prio period dl   jobs  done  miss  skip worstR lastR   cpu    cpu_us  blockW blockT boosts
    /// control         3     20  20    50    50     0     0      8     4    200         -       4     17      0
    /// </code>
    /// "-" is "none" (no job completed, no finer clock, not periodic).
    /// </summary>
    public static class StatisticsPrinter
    {
        /// <summary>The header line.</summary>
        public const string Header = "task         prio period   dl   jobs   done   miss   skip worstR  lastR      cpu   cpu_us blockW blockT boosts";

        /// <summary>One line for the figures in <paramref name="s"/> (read with <c>Scheduler.ReadStatistics</c>).</summary>
        /// <param name="s">A filled snapshot.</param>
        /// <returns>The line, aligned under <see cref="Header"/>.</returns>
        public static string Line(TaskStatistics s)
        {
            bool p = s.IsPeriodic;
            string name = s.Task == null ? "?" : s.Task.Name;
            return Left(name, 12)
                + Right(s.Task == null ? "-" : s.Task.NormalPriority.ToString(), 5)
                + Right(p ? s.Period.ToString() : "-", 7)
                + Right(p ? s.Deadline.ToString() : "-", 5)
                + Right(p ? s.JobsReleased.ToString() : "-", 7)
                + Right(p ? s.JobsCompleted.ToString() : "-", 7)
                + Right(p ? s.DeadlinesMissed.ToString() : "-", 7)
                + Right(p ? s.ReleasesSkipped.ToString() : "-", 7)
                + Right(s.WorstResponse < 0 ? "-" : s.WorstResponse.ToString(), 7)
                + Right(s.LastResponse < 0 ? "-" : s.LastResponse.ToString(), 7)
                + Right(s.CpuTicks.ToString(), 9)
                + Right(s.CpuMicros < 0 ? "-" : s.CpuMicros.ToString(), 9)
                + Right(s.WorstBlocking.ToString(), 7)
                + Right(s.TotalBlocking.ToString(), 7)
                + Right(s.Boosts.ToString(), 7);
        }

        /// <summary>The whole table of <paramref name="kernel"/>: header, idle, then every task in id order, lines ending in "\n".</summary>
        /// <param name="kernel">The kernel to read.</param>
        /// <returns>The table, or the status of a refused read (a call from a foreign thread).</returns>
        public static string Table(Scheduler kernel)
        {
            TaskStatistics s = new TaskStatistics();
            string table = Header + "\n";
            for (int id = 0; id <= kernel.TaskCount; id++)
            {
                KernelStatus st = kernel.ReadStatistics(id == 0 ? kernel.Idle : kernel.TaskById(id), s);
                if (st != KernelStatus.Ok) return "statistics not readable from here: status " + (int)st + "\n";
                table += Line(s) + "\n";
            }
            return table;
        }

        private static string Left(string s, int width)
        {
            if (s.Length >= width) return s.Substring(0, width - 1) + " ";
            return s + new string(' ', width - s.Length);
        }

        private static string Right(string s, int width)
        {
            return s.Length >= width ? " " + s : new string(' ', width - s.Length) + s;
        }
    }
}
