using System.Diagnostics;
using NfRt.Boards;
using NfRt.Harness;

namespace NfRt.Benchmarks;

/// <summary>
/// <c>threadmetric floor [--seconds S] [--gate spin|spin:N|event|semaphore] [--shape all|kernel]</c>: the host's floor under the
/// Thread-Metric scheduling tests. Plain host threads (no kernel) pass a token around a ring through one
/// gate each, exactly as the kernel's tasks pass the CPU (open the next gate, wait at one's own):
/// <list type="bullet">
/// <item>ring of 5: the cooperative test's shape (5 equal tasks, round robin): hand-offs per second is
/// the best the cooperative score can be with this gate;</item>
/// <item>ring of 2: the interrupt-preemption test's shape (two switches per interrupt), and the
/// HostSwitchBenchmarks' bare rows: hand-offs per second / 2 bounds that score;</item>
/// <item>chain of 5 up and down (0→1→2→3→4→3→2→1→0): the preemptive test's shape, 8 hand-offs per round
/// of 5 counts: rounds per second × 5 bounds that score.</item>
/// </list>
/// Then what moving state costs on top of a ping-pong (the holder writes 8-32 shared cache lines, or updates a
/// chain of 4-16 objects through dependent loads), and the kernel's own two-task Yield ping-pong with the same
/// gate (<c>--shape kernel</c>: only that, e.g. under a profiler). The kernel's score over this floor is what
/// the kernel itself costs per switch. docs/BENCHMARKS.md, "Thread-Metric", reads the figures.
/// </summary>
public static class HandoffFloor
{
    public static int Run(string[] args)
    {
        double seconds = 2;
        string gate = "spin", shape = "all";
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--seconds") seconds = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            else if (args[i] == "--gate") gate = args[i + 1];
            else if (args[i] == "--shape") shape = args[i + 1];
            else { Console.Error.WriteLine("usage: threadmetric floor [--seconds S] [--gate spin|spin:N|event|semaphore] [--shape all|kernel]"); return 2; }
        }
        ITaskGateFactory factory = ThreadMetricCommand.GateFactory(gate, out string name);
        if (name == null) { Console.Error.WriteLine("threadmetric floor: unknown gate " + gate); return 2; }
        Func<TaskGate> make = factory != null ? factory.NewGate : () => new EventGate();
        Console.WriteLine($"Hand-off floor: plain host threads, gate {name}, {Environment.ProcessorCount} CPU(s), {seconds} s per shape (best of 3)");
        if (shape == "kernel")   // only the kernel's ping-pong (for a profiler)
        {
            double only = Best(() => KernelYield(factory, seconds));
            Console.WriteLine($"KERNEL two tasks alternating on Yield: {only:F0} switches/s = {1e9 / only:F0} ns per switch");
            return 0;
        }
        double ring5 = Best(() => Ring(make, new[] { 0, 1, 2, 3, 4 }, seconds));
        Console.WriteLine($"FLOOR ring of 5 (cooperative shape): {ring5:F0} hand-offs/s = {1e9 / ring5:F0} ns per hand-off -> cooperative score <= {ring5:F0}/s");
        double ring2 = Best(() => Ring(make, new[] { 0, 1 }, seconds));
        Console.WriteLine($"FLOOR ring of 2 (ping-pong): {ring2:F0} hand-offs/s = {1e9 / ring2:F0} ns per hand-off -> interrupt-preemption score <= {ring2 / 2:F0}/s");
        double chain = Best(() => Ring(make, new[] { 0, 1, 2, 3, 4, 3, 2, 1 }, seconds));
        Console.WriteLine($"FLOOR chain of 5 up and down (preemptive shape): {chain:F0} hand-offs/s = {1e9 / chain:F0} ns per hand-off -> preemptive score <= {chain * 5 / 8:F0}/s");
        // What a kernel switch adds on top when its state moves with the baton: the holder writes L distinct
        // cache lines of shared state per hand-off (a kernel switch touches the scheduler's fields, the IRQ
        // controller, the ready queue and two TCBs); on one CPU they stay in its cache, on two they migrate.
        foreach (int lines in new[] { 8, 16, 32 })
        {
            double r = Best(() => Ring(make, new[] { 0, 1 }, seconds, lines));
            Console.WriteLine($"FLOOR ring of 2 writing {lines} shared cache lines per hand-off: {1e9 / r:F0} ns per hand-off ({(1e9 / r - 1e9 / ring2) / lines:F0} ns per line)");
        }
        // ... and when they are reached by dependent loads (a chain of objects, as the kernel's state is: the
        // scheduler, its ready queue, a TCB, its links): each miss waits for the previous one.
        foreach (int lines in new[] { 4, 8, 16 })
        {
            double r = Best(() => Ring(make, new[] { 0, 1 }, seconds, lines, chase: true));
            Console.WriteLine($"FLOOR ring of 2 updating a chain of {lines} objects (dependent loads) per hand-off: {1e9 / r:F0} ns per hand-off ({(1e9 / r - 1e9 / ring2) / lines:F0} ns per object)");
        }
        // The same two-thread ping-pong through the kernel: two equal tasks calling Yield (HostSwitchBenchmarks'
        // Kernel_Yield rows), on the simulated board with this gate.
        double k2 = Best(() => KernelYield(factory, seconds));
        Console.WriteLine($"KERNEL two tasks alternating on Yield: {k2:F0} switches/s = {1e9 / k2:F0} ns per switch = {ring2 / k2:F2}x the bare ring of 2");
        return 0;
    }

    private static double KernelYield(ITaskGateFactory gates, double seconds)
    {
        SimKernel k = BenchKernel.StartedKernel(BoardProfiles.Stm32, gates: gates ?? new EventGateFactory());
        long deadline = 0;
        var go = new NfRt.Scheduling.KernelEvent(k.K, "go");
        for (int t = 0; t < 2; t++)
            k.Task("Y" + t, 10, () =>
            {
                go.Wait(-1);
                while (Stopwatch.GetTimestamp() < Volatile.Read(ref deadline)) k.K.Yield();
            });
        int before = k.K.ContextSwitches;
        var sw = Stopwatch.StartNew();
        Volatile.Write(ref deadline, Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency));
        go.Signal();        // both ready before either runs: signals from the driver never dispatch (scheduler.md §35)
        go.Signal();
        k.Run();
        double rate = (k.K.ContextSwitches - before) / sw.Elapsed.TotalSeconds;
        k.Dispose();
        return rate;
    }

    private sealed class EventGateFactory : ITaskGateFactory
    {
        public TaskGate NewGate() => new EventGate();
    }

    /// <summary>An object on its own cache line (padding), linked to the next.</summary>
    private sealed class Node
    {
        public Node Next;
        public long Value;
#pragma warning disable CS0169   // padding to 64 bytes
        private long _p1, _p2, _p3, _p4, _p5, _p6;
#pragma warning restore CS0169
    }

    private static double Best(Func<double> f)
    {
        double best = 0;
        for (int i = 0; i < 3; i++) best = Math.Max(best, f());
        return best;
    }

    /// <summary>
    /// Threads 0..max(order) each wait at their gate; the token visits them in <paramref name="order"/>
    /// (cyclically). Returns hand-offs per second over about <paramref name="seconds"/>.
    /// </summary>
    private static double Ring(Func<TaskGate> make, int[] order, double seconds, int lines = 0, bool chase = false)
    {
        Node chain = null;
        for (int i = 0; i < lines; i++) chain = new Node { Next = chain };
        var state = new long[(lines + 1) * 8];   // line i is state[i * 8]
        int n = order.Max() + 1;
        var gates = new TaskGate[n];
        for (int i = 0; i < n; i++) gates[i] = make();
        int position = 0;      // index in order of the holder; written by the holder only
        long handoffs = 0;
        volatile_bool stop = new();
        var threads = new Thread[n];
        for (int id = 0; id < n; id++)
        {
            int me = id;
            threads[id] = new Thread(() =>
            {
                while (true)
                {
                    gates[me].Wait();
                    if (stop.Value) { foreach (var g in gates) g.Open(); return; }
                    position = (position + 1) % order.Length;
                    handoffs++;
                    if (chase) for (Node x = chain; x != null; x = x.Next) x.Value++;
                    else for (int l = 0; l < lines; l++) state[l * 8]++;
                    gates[order[position]].Open();
                }
            }) { IsBackground = true };
            threads[id].Start();
        }
        var sw = Stopwatch.StartNew();
        gates[order[0]].Open();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        long h = Interlocked.Read(ref handoffs);
        double elapsed = sw.Elapsed.TotalSeconds;
        stop.Value = true;
        foreach (var t in threads) t.Join(5000);
        return h / elapsed;
    }

    private sealed class volatile_bool
    {
        private volatile bool _v;
        public bool Value { get => _v; set => _v = value; }
    }
}
