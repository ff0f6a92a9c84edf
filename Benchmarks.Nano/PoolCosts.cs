using System.Threading;

namespace NfRt.NanoBench
{
    /// <summary>
    /// Where the block pool's Allocate+Free pair's time goes on nanoCLR (issue 18, the memory test): the least pair
    /// of TmFloors.FloorPool (<c>floor</c>) and variants that each add one thing the kernel's fast pair does
    /// (Kernel.Memory/Allocator/BlockPool.cs), so the difference of two figures is that one thing's cost. Every
    /// variant is one Allocate and one Free, direct calls on one object (no port); the pair leaves the pool as it
    /// found it. <c>base</c> is two calls that do nothing.
    /// <list type="bullet">
    /// <item><c>holder</c>: the block's state in a holder word of its own (-2 direct, 0 free; the spec's
    /// HolderOf) instead of a mark in next[]; the bound read from a field (a pool of any size).</item>
    /// <item><c>counted</c>: + the free count and the allocations/frees counters (FreeCount, Allocations,
    /// Frees, DirectAllocated): three field updates per call.</item>
    /// <item><c>kernel_gate</c>: + the kernel's context proof as BlockPool reads it: the IRQ controller's fast
    /// word and pending lines through a field each, the kernel cached in a local, tested not null, and its runner
    /// thread. This is BlockPool's fast path as it stands.</item>
    /// <item><c>kernel_frame</c>: KernelGate with the full path's locals in the same frame (the mask state,
    /// the block, the result: BlockPool's frames before this branch): nanoCLR sets up every local on every call.</item>
    /// <item><c>no_freecount</c>: KernelGate without the free-count updates (what a derived FreeCount saves).</item>
    /// <item><c>no_local</c>: KernelGate with the kernel read from its field twice instead of a local.</item>
    /// <item><c>irq_runner</c>: NoFreeCount with the runner thread beside the fast word and pending lines on one
    /// object, each read through the same field (no kernel, no null test, no local): BlockPool's fast path since the
    /// runner thread moved to the IRQ controller.</item>
    /// </list>
    /// </summary>
    internal sealed class PoolCosts
    {
        private sealed class Irq { internal int FastWord = 4, Pending = 0; }
        private sealed class Kern { internal Thread Runner = Thread.CurrentThread; }
        private sealed class Gate { internal int Word = 4, Pending = 0; internal Thread Runner = Thread.CurrentThread; }
        private const int Blocks = 16, Free = 0, Direct = -2, End = -1;
        private readonly Gate _g = new Gate();
        private readonly Irq _irq = new Irq();
        private readonly Kern _kernel = new Kern();
        private readonly int[] _next = new int[Blocks], _holder = new int[Blocks];
        private readonly int _blockCount = Blocks;
        private int _freeHead, _freeCount = Blocks, _allocations, _frees, _sink;

        /// <summary>Names of the variants, in <see cref="Measure"/>'s order.</summary>
        internal static readonly string[] Names = { "base", "floor", "holder", "counted", "kernel_gate", "kernel_frame", "no_freecount", "no_local", "irq_runner" };

        private PoolCosts()
        {
            for (int b = 0; b < Blocks; b++) _next[b] = b + 1 < Blocks ? b + 1 : End;
        }

        private int BaseA(out int block) { block = 0; return 0; }
        private int BaseF(int block) { return block < 0 ? 1 : 0; }

        private int FloorA(out int block)
        {
            int b = _freeHead; Gate g = _g;
            if (b >= 0 && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
            { _freeHead = _next[b]; _next[b] = -2; block = b; return 0; }
            block = -1; return 1;
        }

        private int FloorF(int block)
        {
            Gate g = _g;
            if (block >= 0 && block < _next.Length && _next[block] == -2 && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
            { _next[block] = _freeHead; _freeHead = block; return 0; }
            return 1;
        }

        private int HolderA(out int block)
        {
            int b = _freeHead; Gate g = _g;
            if (b != End && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
            { _freeHead = _next[b]; _holder[b] = Direct; block = b; return 0; }
            block = -1; return 1;
        }

        private int HolderF(int block)
        {
            Gate g = _g;
            if (block >= 0 && block < _blockCount && _holder[block] == Direct && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
            { _holder[block] = Free; _next[block] = _freeHead; _freeHead = block; return 0; }
            return 1;
        }

        private int CountedA(out int block)
        {
            int b = _freeHead; Gate g = _g;
            if (b != End && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
            { _freeHead = _next[b]; _freeCount--; _holder[b] = Direct; _allocations++; block = b; return 0; }
            block = -1; return 1;
        }

        private int CountedF(int block)
        {
            Gate g = _g;
            if (block >= 0 && block < _blockCount && _holder[block] == Direct && g.Word != 0 && g.Pending == 0 && Thread.CurrentThread == g.Runner)
            { _holder[block] = Free; _next[block] = _freeHead; _freeHead = block; _freeCount++; _frees++; return 0; }
            return 1;
        }

        private int GateA(out int block)
        {
            Kern k = _kernel; int b = _freeHead;
            if (b != End && k != null && _irq.FastWord != 0 && _irq.Pending == 0 && Thread.CurrentThread == k.Runner)
            { _freeHead = _next[b]; _freeCount--; _holder[b] = Direct; _allocations++; block = b; return 0; }
            block = -1; return 1;
        }

        private int GateF(int block)
        {
            Kern k = _kernel;
            if (block >= 0 && block < _blockCount && _holder[block] == Direct && k != null && _irq.FastWord != 0 && _irq.Pending == 0 && Thread.CurrentThread == k.Runner)
            { _holder[block] = Free; _next[block] = _freeHead; _freeHead = block; _freeCount++; _frees++; return 0; }
            return 1;
        }

        private int FrameA(out int block)
        {
            Kern k = _kernel; int b0 = _freeHead;
            if (b0 != End && k != null && _irq.FastWord != 0 && _irq.Pending == 0 && Thread.CurrentThread == k.Runner)
            { _freeHead = _next[b0]; _freeCount--; _holder[b0] = Direct; _allocations++; block = b0; return 0; }
            int s = _sink; int b = _freeHead; int r = 1;   // the full path's locals (never reached here)
            if (b == End) { r = 2; b = -1; }
            block = b; _sink = s; return r;
        }

        private int FrameF(int block)
        {
            Kern k = _kernel;
            if (block >= 0 && block < _blockCount && _holder[block] == Direct && k != null && _irq.FastWord != 0 && _irq.Pending == 0 && Thread.CurrentThread == k.Runner)
            { _holder[block] = Free; _next[block] = _freeHead; _freeHead = block; _freeCount++; _frees++; return 0; }
            if (block < 0) { int s0 = _sink; _sink = s0 + 1; return 3; }   // the full path's locals (never reached here)
            int s = _sink; int r; int h = _holder[block];
            if (h == Free) r = 4; else r = 5;
            _sink = s; return r;
        }

        private int NoCountA(out int block)
        {
            Kern k = _kernel; int b = _freeHead;
            if (b != End && k != null && _irq.FastWord != 0 && _irq.Pending == 0 && Thread.CurrentThread == k.Runner)
            { _freeHead = _next[b]; _holder[b] = Direct; _allocations++; block = b; return 0; }
            block = -1; return 1;
        }

        private int NoCountF(int block)
        {
            Kern k = _kernel;
            if (block >= 0 && block < _blockCount && _holder[block] == Direct && k != null && _irq.FastWord != 0 && _irq.Pending == 0 && Thread.CurrentThread == k.Runner)
            { _holder[block] = Free; _next[block] = _freeHead; _freeHead = block; _frees++; return 0; }
            return 1;
        }

        private int NoLocalA(out int block)
        {
            int b = _freeHead;
            if (b != End && _kernel != null && _irq.FastWord != 0 && _irq.Pending == 0 && Thread.CurrentThread == _kernel.Runner)
            { _freeHead = _next[b]; _freeCount--; _holder[b] = Direct; _allocations++; block = b; return 0; }
            block = -1; return 1;
        }

        private int NoLocalF(int block)
        {
            if (block >= 0 && block < _blockCount && _holder[block] == Direct && _kernel != null && _irq.FastWord != 0 && _irq.Pending == 0 && Thread.CurrentThread == _kernel.Runner)
            { _holder[block] = Free; _next[block] = _freeHead; _freeHead = block; _freeCount++; _frees++; return 0; }
            return 1;
        }

        private int IrqRunnerA(out int block)
        {
            int b = _freeHead;
            if (b != End && _g.Word != 0 && _g.Pending == 0 && Thread.CurrentThread == _g.Runner)
            { _freeHead = _next[b]; _holder[b] = Direct; _allocations++; block = b; return 0; }
            block = -1; return 1;
        }

        private int IrqRunnerF(int block)
        {
            if (block >= 0 && block < _blockCount && _holder[block] == Direct && _g.Word != 0 && _g.Pending == 0 && Thread.CurrentThread == _g.Runner)
            { _holder[block] = Free; _next[block] = _freeHead; _freeHead = block; _frees++; return 0; }
            return 1;
        }

        /// <summary>ns per pair, best of <paramref name="runs"/> runs of <paramref name="n"/>, for each of <see cref="Names"/>; -1 when a call failed.</summary>
        internal static double[] Measure(int n, int runs)
        {
            var p = new PoolCosts();
            var best = new double[Names.Length];
            for (int k = 0; k < best.Length; k++) best[k] = double.MaxValue;
            for (int r = 0; r < runs; r++)
            {
                for (int k = 0; k < best.Length; k++)
                {
                    int bad = 0, b;
                    long t0 = Clock.Ticks();
                    switch (k)
                    {
                        case 0: for (int i = 0; i < n; i++) { bad += p.BaseA(out b); bad += p.BaseF(b); } break;
                        case 1: for (int i = 0; i < n; i++) { bad += p.FloorA(out b); bad += p.FloorF(b); } break;
                        case 2: for (int i = 0; i < n; i++) { bad += p.HolderA(out b); bad += p.HolderF(b); } break;
                        case 3: for (int i = 0; i < n; i++) { bad += p.CountedA(out b); bad += p.CountedF(b); } break;
                        case 4: for (int i = 0; i < n; i++) { bad += p.GateA(out b); bad += p.GateF(b); } break;
                        case 5: for (int i = 0; i < n; i++) { bad += p.FrameA(out b); bad += p.FrameF(b); } break;
                        case 6: for (int i = 0; i < n; i++) { bad += p.NoCountA(out b); bad += p.NoCountF(b); } break;
                        case 7: for (int i = 0; i < n; i++) { bad += p.NoLocalA(out b); bad += p.NoLocalF(b); } break;
                        default: for (int i = 0; i < n; i++) { bad += p.IrqRunnerA(out b); bad += p.IrqRunnerF(b); } break;
                    }
                    double ns = (Clock.Ticks() - t0) * 100.0 / n;
                    if (bad != 0) ns = -1;
                    if (ns < best[k]) best[k] = ns;
                }
            }
            return best;
        }
    }
}
