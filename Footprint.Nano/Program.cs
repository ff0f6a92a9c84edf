using System.Diagnostics;
using System.Threading;
using NfRt.Boards;
using NfRt.Kernel;
using NfRt.Memory;
using NfRt.Scheduling;
using NfRt.Sync;

namespace NfRt.FootprintNano
{
    /// <summary>
    /// Measures the managed heap the kernel's objects take on nanoCLR (meant for the STM32F405 firmware under
    /// QEMU, whose heap is the chip's 104 KiB): free heap before and after creating N objects of one kind
    /// (<see cref="HeapProbe"/>), divided by N. Prints <c>HEAP key bytes</c> lines (bytes per object, rounded
    /// down), <c>FIT ...</c> lines for the largest configurations, and the sentinel <c>FOOTPRINT DONE</c>
    /// (or <c>FOOTPRINT FAILED: why</c>). Kernels run on the simulated board, so that no tick thread wakes up
    /// while the probe holds the whole heap.
    /// </summary>
    public static class Program
    {
        private const int N = 8;
        private static readonly object[] Keep = new object[64];
        private static int _failures;

        /// <summary>Runs every measurement.</summary>
        public static void Main()
        {
            Debug.WriteLine("FOOTPRINT START");
            string bad = HeapProbe.SelfCheck();
            if (bad != null) { Debug.WriteLine("FOOTPRINT FAILED: probe self-check: " + bad); return; }
            Debug.WriteLine("HEAP free_at_main " + HeapProbe.FreeBytes());

            Kernels();
            Tasks();
            BareThreads();
            Primitives();
            Balloon();
            Fits();
            Debug.WriteLine(_failures == 0 ? "FOOTPRINT DONE" : "FOOTPRINT FAILED: " + _failures + " check(s), see FAIL lines");
        }

        private static void Print(string key, int bytes) { Debug.WriteLine("HEAP " + key + " " + bytes); }

        private static void Fail(string why) { _failures++; Debug.WriteLine("FAIL " + why); }

        private static void Clear() { for (int i = 0; i < Keep.Length; i++) Keep[i] = null; }

        private static int _traceCapacity;

        private static Scheduler NewKernel(Board board, int levels, int maxTasks)
        {
            var c = new KernelConfig();
            c.PriorityLevels = levels;
            c.MaxTasks = maxTasks;
            c.WatchdogMs = 0;
            if (_traceCapacity > 0) c.TraceCapacity = _traceCapacity;
            return new Scheduler(c, board);
        }

        /// <summary>A board and a kernel, for three configurations; the trace ring's share; a shut-down kernel leaves nothing behind.</summary>
        private static void Kernels()
        {
            int f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < N; i++) Keep[i] = new SimulatedBoard(BoardProfiles.Stm32);
            Print("simulated_board", (f0 - HeapProbe.FreeBytes()) / N);
            Clear();
            f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < N; i++) Keep[i] = new RealTimeBoard(BoardProfiles.Stm32);
            Print("realtime_board_unstarted", (f0 - HeapProbe.FreeBytes()) / N);
            Clear();
            KernelOf("kernel_32_levels_8_tasks", 32, 8);
            KernelOf("kernel_32_levels_32_tasks", 32, 32);
            KernelOf("kernel_140_levels_128_tasks", 140, 128);
            _traceCapacity = 1;
            KernelOf("kernel_32_levels_8_tasks_trace_1", 32, 8);
            _traceCapacity = 0;

            f0 = HeapProbe.FreeBytes();
            Scheduler k = NewKernel(new SimulatedBoard(BoardProfiles.Stm32), 32, 8);
            var ev = new KernelEvent(k);
            for (int i = 0; i < 4; i++) k.CreateTask("t", 10, delegate { ev.Wait(-1); });
            k.RunUntilIdle();
            k.Shutdown();
            k = null;
            ev = null;
            Print("left_after_shutdown", f0 - HeapProbe.FreeBytes());
        }

        private static void KernelOf(string key, int levels, int maxTasks)
        {
            int f0 = HeapProbe.FreeBytes();
            Keep[0] = NewKernel(new SimulatedBoard(BoardProfiles.Stm32), levels, maxTasks);
            Print(key, f0 - HeapProbe.FreeBytes());
            Clear();
        }

        /// <summary>
        /// A task: created (its thread parked at its gate), then blocked in each kind of wait after it ran, then
        /// ended. Each kind on a fresh kernel with one more task that holds the rt-mutex (shut down after).
        /// </summary>
        private static void Tasks()
        {
            Scheduler k = TaskKernel();
            int f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < T; i++) k.CreateTask("c", 10, delegate { _ev.Wait(-1); });
            Settle();
            Print("task_created", (f0 - HeapProbe.FreeBytes()) / T);
            k.RunUntilIdle();
            Settle();
            Print("task_blocked_event_wait", (f0 - HeapProbe.FreeBytes()) / T);
            k.Shutdown();

            TaskIn("task_blocked_rtmutex_lock", delegate { _m.Lock(); });
            TaskIn("task_blocked_semaphore_take", delegate { _sem.Take(-1); });
            TaskIn("task_blocked_queue_receive", delegate { _q.Receive(_rx, -1); });
            TaskIn("task_blocked_flags_wait", delegate { int seen; _flags.Wait(1, false, false, -1, out seen); });
            TaskIn("task_sleeping", delegate { _k.Sleep(1000000); });
            TaskIn("task_ended", delegate { });
        }

        private const int T = 4;
        private static Scheduler _k;
        private static KernelEvent _ev;
        private static RtMutex _m;
        private static CountingSemaphore _sem;
        private static MessageQueue _q;
        private static EventFlags _flags;
        private static readonly int[] _rx = new int[4];

        /// <summary>A kernel with one object of each kind, and a task that holds the rt-mutex and waits on the event.</summary>
        private static Scheduler TaskKernel()
        {
            _k = NewKernel(new SimulatedBoard(BoardProfiles.Stm32), 32, 16);
            _ev = new KernelEvent(_k);
            _m = new RtMutex(_k, "m");
            _sem = new CountingSemaphore(_k, "s", 0, 1);
            _q = new MessageQueue(_k, "q", 1, 4);
            _flags = new EventFlags(_k, "f");
            _k.CreateTask("owner", 1, delegate { _m.Lock(); _ev.Wait(-1); });
            _k.RunUntilIdle();
            Settle();
            return _k;
        }

        private static void TaskIn(string key, TaskBody body)
        {
            Scheduler k = TaskKernel();
            int f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < T; i++) k.CreateTask("w", 10, body);
            k.RunUntilIdle();
            Settle();
            Print(key, (f0 - HeapProbe.FreeBytes()) / T);
            k.Shutdown();
            _k = null; _ev = null; _m = null; _sem = null; _q = null; _flags = null;
        }

        /// <summary>Lets every started thread run until it parks (no thread may allocate while the probe fills the heap).</summary>
        private static void Settle() { Thread.Sleep(20); }

        private static AutoResetEvent[] _events;

        /// <summary>Plain runtime threads, for the runtime's share of a task: the Thread object, and a started thread parked at depth 1 and 4.</summary>
        private static void BareThreads()
        {
            int f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < N; i++) Keep[i] = new AutoResetEvent(false);
            Print("autoresetevent", (f0 - HeapProbe.FreeBytes()) / N);
            Clear();

            f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < N; i++) Keep[i] = new Thread(Park1);
            Print("thread_unstarted", (f0 - HeapProbe.FreeBytes()) / N);
            Clear();

            Thread[] threads = new Thread[N];
            NewEvents();
            f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < N; i++) { threads[i] = new Thread(Park1); threads[i].Start(); }
            Settle();
            Print("thread_parked_depth_1", (f0 - HeapProbe.FreeBytes()) / N);
            Release(threads);

            NewEvents();
            f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < N; i++) { threads[i] = new Thread(Park4); threads[i].Start(); }
            Settle();
            Print("thread_parked_depth_4", (f0 - HeapProbe.FreeBytes()) / N);
            Release(threads);

            f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < N; i++) { Thread t = new Thread(Nothing); t.Start(); t.Join(); Keep[i] = t; }
            Print("thread_ended", (f0 - HeapProbe.FreeBytes()) / N);
            Clear();
        }

        private static int _next;

        private static void NewEvents()
        {
            _events = new AutoResetEvent[N];
            for (int i = 0; i < N; i++) _events[i] = new AutoResetEvent(false);
            _next = 0;
        }

        private static void Park1() { _events[Interlocked.Increment(ref _next) - 1].WaitOne(Timeout.Infinite, false); }

        private static void Nothing() { }

        private static void Park4() { Depth2(); }

        private static void Depth2() { Depth3(); }

        private static void Depth3() { Park1(); }

        private static void Release(Thread[] threads)
        {
            for (int j = 0; j < N; j++) _events[j].Set();
            for (int i = 0; i < threads.Length; i++) { threads[i].Join(); threads[i] = null; }
        }

        /// <summary>Each synchronization object, N of a kind on one kernel (the rt-mutex layer: its first mutex).</summary>
        private static void Primitives()
        {
            Scheduler k = NewKernel(new SimulatedBoard(BoardProfiles.Stm32), 32, 8);
            int f0 = HeapProbe.FreeBytes();
            Keep[0] = new RtMutex(k, "first");
            Print("rtmutex_first_of_a_kernel", f0 - HeapProbe.FreeBytes());
            f0 = HeapProbe.FreeBytes();
            for (int i = 1; i <= N; i++) Keep[i] = new RtMutex(k, "m");
            Print("rtmutex", (f0 - HeapProbe.FreeBytes()) / N);
            var options = new RtMutexOptions();
            options.Ceiling = 3;
            f0 = HeapProbe.FreeBytes();
            for (int i = 1; i <= N; i++) Keep[N + i] = new RtMutex(k, "c", options);
            Print("rtmutex_ceiling", (f0 - HeapProbe.FreeBytes()) / N);
            Clear();
            f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < N; i++) Keep[i] = new CountingSemaphore(k, "s", 0, 10);
            Print("semaphore", (f0 - HeapProbe.FreeBytes()) / N);
            Clear();
            f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < N; i++) Keep[i] = new EventFlags(k, "f");
            Print("event_flags", (f0 - HeapProbe.FreeBytes()) / N);
            Clear();
            f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < N; i++) Keep[i] = new MessageQueue(k, "q", 4, 4);
            Print("queue_4_messages_of_4_words", (f0 - HeapProbe.FreeBytes()) / N);
            Clear();
            f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < N; i++) Keep[i] = new MessageQueue(k, "q", 16, 4);
            Print("queue_16_messages_of_4_words", (f0 - HeapProbe.FreeBytes()) / N);
            Clear();
            f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < N; i++) Keep[i] = new KernelEvent(k, "e");
            Print("kernel_event", (f0 - HeapProbe.FreeBytes()) / N);
            Clear();
            KernelEvent target = new KernelEvent(k, "t");
            f0 = HeapProbe.FreeBytes();
            for (int i = 0; i < N; i++) Keep[i] = new KernelTimer(k, target);
            Print("kernel_timer", (f0 - HeapProbe.FreeBytes()) / N);
            Clear();
            k.Shutdown();
        }

        /// <summary>The balloon: a 2 KiB pool of 128-byte blocks, a partition of 8 slots, its service (worker task included).</summary>
        private static void Balloon()
        {
            var board = new SimulatedBoard(BoardProfiles.Stm32);
            Scheduler k = NewKernel(board, 32, 8);
            new RtMutex(k, "first");   // the rt-mutex layer, counted above
            int f0 = HeapProbe.FreeBytes();
            var pool = new BlockPool(board, 2048, 128);
            int f1 = HeapProbe.FreeBytes();
            Print("block_pool_2048_bytes_of_128", f0 - f1);
            var p = new Partition(pool, "p", 8, 4, 1, 0);
            int f2 = HeapProbe.FreeBytes();
            Print("partition_8_slots", f1 - f2);
            var service = new BalloonService(k, p, new BalloonConfig());
            k.RunUntilIdle();
            Settle();
            int f3 = HeapProbe.FreeBytes();
            Print("balloon_service_with_its_worker", f2 - f3);
            if (service.Worker == null) Fail("no balloon worker");
            k.Shutdown();
        }

        /// <summary>Heap kept free in the largest configurations, for the transient stack frames of kernel calls and the application.</summary>
        private const int Margin = 4096;

        /// <summary>
        /// The largest configurations: a kernel (32 levels, room for 64 tasks) with M rt-mutexes. First tasks are
        /// created (not run) until CreateTask refuses one: it must say OutOfMemory (not throw) and leave the
        /// count as it was. Then, on a fresh kernel, tasks are created one by one and each run until it blocks
        /// in a KernelEvent wait (the state of a task between its jobs), while the free heap stays above one
        /// more task (the largest step a task took so far, in any configuration: a few steps take ~700 bytes more
        /// than the usual ~3,130) plus <see cref="Margin"/>; finally every task is woken and runs to its end.
        /// </summary>
        private static void Fits()
        {
            int[] mutexCounts = { 0, 8, 32 };
            int worst = 0;   // the largest step any task took so far, in any configuration: "one more task"
            for (int c = 0; c < mutexCounts.Length; c++)
            {
                int m = mutexCounts[c];
                int refusedAt = CreateUntilRefused(m) + 1;
                int f0 = HeapProbe.FreeBytes();
                Scheduler k = NewKernel(new SimulatedBoard(BoardProfiles.Stm32), 32, 64);
                var ev = new KernelEvent(k);
                for (int i = 0; i < m; i++) Keep[i] = new RtMutex(k, "m");
                int done = 0, n = 0, perTask = 4096, free = HeapProbe.FreeBytes(), kernelBytes = f0 - free;
                string steps = "";
                while (free >= (perTask > worst ? perTask : worst) + Margin)
                {
                    if (k.CreateTask("t", 10, delegate { ev.Wait(-1); done++; }) == null) { Fail("fit m=" + m + ": task " + (n + 1) + " refused"); break; }
                    k.RunUntilIdle();
                    n++;
                    int now = HeapProbe.FreeBytes();
                    perTask = free - now;
                    if (perTask > worst) worst = perTask;
                    free = now;
                    steps += " " + perTask;
                }
                int blocked = 0;
                for (int id = 1; id <= k.TaskCount; id++) if (k.TaskById(id).State == TaskState.Blocked) blocked++;
                if (blocked != n) Fail("fit m=" + m + ": " + blocked + " of " + n + " tasks blocked");
                for (int i = 0; i < n; i++) { ev.Signal(); k.RunUntilIdle(); }
                if (done != n) Fail("fit m=" + m + ": " + done + " of " + n + " tasks ended");
                k.Shutdown();
                k = null;
                ev = null;
                Clear();
                Debug.WriteLine("STEPS" + steps);
                Debug.WriteLine("FIT mutexes=" + m + " tasks=" + n + " kernel_and_mutexes=" + kernelBytes + " last_task=" + perTask + " free_left=" + free
                                + " created_not_run_refused_at=" + refusedAt);
            }
        }

        /// <summary>
        /// Creates tasks on a kernel with <paramref name="mutexes"/> rt-mutexes until one is refused; checks the
        /// refusal is OutOfMemory with nothing changed and returns how many were created.
        /// </summary>
        private static int CreateUntilRefused(int mutexes)
        {
            Scheduler k = NewKernel(new SimulatedBoard(BoardProfiles.Stm32), 32, 64);
            var ev = new KernelEvent(k);
            for (int i = 0; i < mutexes; i++) Keep[i] = new RtMutex(k, "m");
            int created = 0, count = -1;
            bool threw = false;
            KernelStatus e = KernelStatus.Ok;
            try
            {
                while (k.CreateTask("t", 10, delegate { ev.Wait(-1); }, TaskOptions.None, 0, out e) != null) created++;
                count = k.TaskCount;
            }
            catch (System.OutOfMemoryException)
            {
                threw = true;
            }
            k.Shutdown();   // the heap is full: release it before anything is printed
            k = null;
            ev = null;
            Clear();
            if (threw) Fail("refusal m=" + mutexes + ": CreateTask threw OutOfMemoryException after " + created + " tasks");
            if (e != KernelStatus.OutOfMemory) Fail("refusal m=" + mutexes + ": status " + (int)e + ", expected OutOfMemory");
            if (count != created) Fail("refusal m=" + mutexes + ": TaskCount " + count + " after " + created + " created");
            Debug.WriteLine("REFUSED mutexes=" + mutexes + " created=" + created + " status=" + (int)e);
            return created;
        }

        /// <summary>Creates one task that blocks on <paramref name="ev"/>, runs it there, and returns what it took.</summary>
        private static int OneBlockedTask(Scheduler k, KernelEvent ev)
        {
            int f0 = HeapProbe.FreeBytes();
            k.CreateTask("t", 10, delegate { ev.Wait(-1); });
            k.RunUntilIdle();
            Settle();
            return f0 - HeapProbe.FreeBytes();
        }
    }
}
